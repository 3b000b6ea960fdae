"""The SQL of processing: set-based statements, one per step of a batch."""

from __future__ import annotations

from domain import workflow
from vocabulary import ReportStatus

# Reports a new case's theme makes LINKED_TO_THEME: the workflow table says from where.
_LINKABLE = ", ".join(
    f"'{s}'" for s in workflow.report_sources(ReportStatus.LINKED_TO_THEME, workflow.SYSTEM)
)

STATE = "SELECT processed_at IS NOT NULL AS done FROM report WHERE id = $1"
WAITING = """
SELECT id::text AS id, text, municipality_code, language, domains, problem_types FROM report
WHERE processed_at IS NULL AND id <> ALL($1::uuid[])
ORDER BY created_at, id LIMIT $2
"""
OWN = """
SELECT id::text AS id, text, municipality_code, language, domains, problem_types FROM report
WHERE id = $1 AND processed_at IS NULL
"""
CURRENT = """
SELECT id::text AS id, created_at, theme_id::text AS theme_id, theme_locked FROM report
WHERE id = ANY($1::uuid[]) AND processed_at IS NULL
ORDER BY created_at, id
"""
CANDIDATE_PAIRS = """
SELECT DISTINCT keys.member, b.report_id::text AS id
FROM unnest($1::bigint[], $2::int[]) AS keys(key, member)
CROSS JOIN LATERAL (
    SELECT report_id FROM report_band WHERE band_key = keys.key AND created_at >= $3
    ORDER BY created_at DESC LIMIT $4
) b
"""
KNOWN = """
SELECT r.id::text AS id, r.minhash, r.masked_text, r.duplicate_group_id::text AS group_id,
       r.municipality_code, r.language,
       ARRAY(SELECT i.digest FROM report_identifier i WHERE i.report_id = r.id) AS digests,
       c.created_at AS canonical_created_at, c.theme_id::text AS canonical_theme_id
FROM report r
LEFT JOIN duplicate_group g ON g.id = r.duplicate_group_id
LEFT JOIN report c ON c.id = g.canonical_report_id
WHERE r.id = ANY($1::uuid[]) AND r.processed_at IS NOT NULL AND r.minhash IS NOT NULL
  AND r.duplicate_group_id IS NOT NULL
"""
NEW_GROUPS = """
INSERT INTO duplicate_group (id, canonical_report_id, created_at, updated_at)
SELECT g, c, now(), now() FROM unnest($1::uuid[], $2::uuid[]) AS t(g, c)
"""
CANONICAL = """
UPDATE duplicate_group g SET canonical_report_id = t.c, updated_at = now()
FROM unnest($1::uuid[], $2::uuid[]) AS t(g, c) WHERE g.id = t.g
"""
LIVE_THEMES = """
SELECT id::text AS id, centroid, case_count FROM theme
WHERE id = ANY($1::uuid[]) AND status IN ('PROPOSED', 'CONFIRMED')
ORDER BY id FOR UPDATE
"""
CENTROIDS = """
UPDATE theme t SET centroid = u.centroid::jsonb
FROM unnest($1::uuid[], $2::text[]) AS u(id, centroid) WHERE t.id = u.id
"""
MARK_PROCESSED = f"""
UPDATE report r SET minhash = t.minhash, masked_text = t.masked_text,
       link_evidence = t.link_evidence::jsonb, theme_evidence = t.theme_evidence::jsonb, duplicate_group_id = t.group_id, processed_at = now(),
       updated_at = now(), theme_id = coalesce(r.theme_id, t.theme_id),
       status = CASE WHEN t.theme_id IS NOT NULL AND r.status IN ({_LINKABLE})
                     THEN 'LINKED_TO_THEME' ELSE r.status END
FROM unnest($1::uuid[], $2::bytea[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[])
     AS t(id, minhash, group_id, theme_id, masked_text, link_evidence, theme_evidence)
WHERE r.id = t.id AND r.processed_at IS NULL
"""
SAVE_IDENTIFIERS = """
INSERT INTO report_identifier (report_id, kind, digest, created_at)
SELECT r, k, d, now() FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS t(r, k, d)
ON CONFLICT DO NOTHING
"""
SAVE_BANDS = """
INSERT INTO report_band (report_id, band_key, created_at)
SELECT r, k, now() FROM unnest($1::uuid[], $2::bigint[]) AS t(r, k)
"""
COMPLETE = """
UPDATE outbox_job SET completed_at = now() WHERE job_key = ANY($1) AND completed_at IS NULL
"""
WAITING_CASES = """
SELECT count(*) AS n FROM report r JOIN duplicate_group g ON g.id = r.duplicate_group_id
WHERE r.theme_id IS NULL AND r.processed_at IS NOT NULL AND NOT r.theme_locked
  AND g.canonical_report_id = r.id AND r.created_at >= $1
"""
MARK_THEMES_DIRTY = """
UPDATE theme SET refresh_requested_at = coalesce(refresh_requested_at, now())
WHERE id = ANY($1::uuid[])
"""
