"""The evaluation sets, in one shape, in the order the reports arrive.

- `real`: 628 reports in 28 mechanisms (`real/part*.jsonl`), written apart from the engine by
  writers who read only the product brief and the list of mechanisms (`real/README.md`).
  Split by case into `dev` (about 30%, the only part thresholds may be tuned on) and `test`
  (the figures we report), so a duplicate group is never cut in two.
- `real2`: 341 reports in the same 28 mechanisms (`real2/part*.jsonl`), written later by two
  other writers under the same rules, after the engine's thresholds were set: a holdout read
  as a whole, never tuned on.
- `own`: the earlier set (`eval_set_nl.jsonl`, 415 reports, 24 themes), made from
  hand-written cases plus generated resubmissions.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV_SHARE = 0.3
SEED = 7


@dataclass(frozen=True)
class EvalReport:
    id: str
    text: str
    theme: str
    case: str
    language: str = "nl"
    reporter_role: str = "RESIDENT"
    professional_field: str | None = None
    channel: str = "WEB"
    municipality: str = "GM0363"
    domains: tuple[str, ...] = ()
    problem_types: tuple[str, ...] = ()
    on_behalf: str | None = None
    day: int = 0
    kind: str = "original"


def _part(case: str) -> str:
    digest = int(hashlib.sha256(case.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if digest < DEV_SHARE else "test"


def real(split: str = "test", folder: str = "real") -> list[EvalReport]:
    rows = [
        json.loads(line)
        for path in sorted((HERE / folder).glob("part*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    reports = [
        EvalReport(
            id=r["id"],
            text=r["text"],
            theme=r["mechanism"],
            case=r["case"],
            language=r["language"],
            reporter_role=r["reporter_role"],
            professional_field=r.get("professional_field"),
            channel=r["channel"],
            municipality=r["municipality"],
            domains=tuple(r.get("domains") or ()),
            problem_types=tuple(r.get("problem_types") or ()),
            on_behalf=r.get("on_behalf"),
            day=int(r.get("day") or 0),
            kind=r.get("kind", "original"),
        )
        for r in rows
        if split == "all" or _part(r["case"]) == split
    ]
    return sorted(reports, key=lambda r: (r.day, r.id))


def own() -> list[EvalReport]:
    rows = [
        json.loads(line)
        for line in (HERE / "eval_set_nl.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    random.Random(SEED).shuffle(rows)
    return [
        EvalReport(
            id=r["id"],
            text=r["text"],
            theme=r["theme"],
            case=r["case"],
            reporter_role=r["reporter_role"],
            municipality=r["municipality"],
            domains=tuple(r.get("domains") or ()),
            problem_types=tuple(r.get("problem_types") or ()),
            kind=r.get("variant", "original"),
        )
        for r in rows
    ]


# Every set, the newest first; each `realN` after `real` was a holdout when written and is
# read as a whole. HOLDOUT is the newest, which nothing may be fitted on.
NAMES = (
    "real16",
    "real15",
    "real14",
    "real13",
    "real12",
    "real11",
    "real10",
    "real9",
    "real8",
    "real7",
    "real6",
    "real5",
    "real4",
    "real3",
    "real",
    "real2",
    "own",
)
HOLDOUT = NAMES[0]


def load(name: str, split: str = "test") -> list[EvalReport]:
    if name not in ("real", "own"):
        return real("all", name)  # a holdout is read as a whole
    return real(split) if name == "real" else own()
