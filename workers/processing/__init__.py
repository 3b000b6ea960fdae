"""Processing: find each waiting report's duplicate group, then its theme, in batches.

- `statements`: the SQL, set-based, one statement per step of a batch;
- `claims`: which waiting reports a batch of this process has taken, and their features;
- `batch`: one batch read, decided (`domain.engine.decide`, pure) and written in one
  transaction;
- `jobs`: the arq jobs, the drain and the per-report job.
"""
