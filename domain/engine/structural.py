"""Is a theme structural? A score from explicit evidence, with the explanation shown.

Weak signals that repeat must rise; one loud reporter must not. Every factor therefore
counts distinct cases, distinct reporters and distinct municipalities, never report rows.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime

RULE_DRIVEN_TYPES = {
    "REGELS_TE_STRIKT",
    "TEGENSTRIJDIGE_REGELS",
    "TERUGVORDERING",
    "MAATWERK_GEWEIGERD",
    "TOEGANG_LEEFTIJDSGRENS",
    "TOEGANG_REGIOBINDING",
    "SAMENWERKING_INSTANTIES",
}
BEHAVIOUR_DRIVEN_TYPES = {"BEJEGENING", "COMMUNICATIE"}


@dataclass(frozen=True)
class Factor:
    factor: str
    value: float
    weight: float
    contribution: float
    explanation: str


@dataclass(frozen=True)
class ThemeEvidence:
    case_count: int
    reporter_count: int
    resident_reporter_count: int
    professional_reporter_count: int
    municipality_count: int
    monthly_case_counts: dict[str, int]
    problem_types: list[str]
    staff_confirmed: bool
    solution_level: str | None


def _saturating(value: float, half_at: float) -> float:
    """0 at 0, 0.5 at `half_at`, approaching 1: ten reporters are not ten times one."""
    return value / (value + half_at) if value > 0 else 0.0


def _growth(monthly: dict[str, int], now: datetime) -> float:
    recent = previous = 0
    for month, count in monthly.items():
        year, mon = (int(p) for p in month.split("-"))
        age = (now.year - year) * 12 + (now.month - mon)
        if 0 <= age < 3:
            recent += count
        elif 3 <= age < 6:
            previous += count
    if recent == 0:
        return 0.0
    return min(1.0, max(0.0, (recent - previous) / max(recent, previous)))


def score(evidence: ThemeEvidence, now: datetime) -> tuple[float, list[dict[str, object]]]:
    months_active = sum(1 for count in evidence.monthly_case_counts.values() if count > 0)
    rule_types = set(evidence.problem_types)
    rule_share = (
        len(rule_types & RULE_DRIVEN_TYPES)
        / max(len(rule_types & (RULE_DRIVEN_TYPES | BEHAVIOUR_DRIVEN_TYPES)), 1)
        if rule_types
        else 0.0
    )
    both_kinds = evidence.resident_reporter_count > 0 and evidence.professional_reporter_count > 0
    national = evidence.solution_level in {"LANDELIJKE_WET", "REGIONALE_AFSPRAAK"}
    factors = [
        Factor(
            "municipalities",
            evidence.municipality_count,
            0.25,
            0.25 * _saturating(evidence.municipality_count - 1, 3),
            f"Komt voor in {evidence.municipality_count} gemeente(n).",
        ),
        Factor(
            "distinct_reporters",
            evidence.reporter_count,
            0.20,
            0.20 * _saturating(evidence.reporter_count - 1, 5),
            f"{evidence.reporter_count} verschillende melders "
            f"({evidence.resident_reporter_count} inwoners, "
            f"{evidence.professional_reporter_count} professionals).",
        ),
        Factor(
            "distinct_cases",
            evidence.case_count,
            0.15,
            0.15 * _saturating(evidence.case_count - 1, 5),
            f"{evidence.case_count} verschillende situaties (dubbele meldingen tellen één keer).",
        ),
        Factor(
            "persistence",
            months_active,
            0.10,
            0.10 * _saturating(months_active - 1, 3),
            f"Gemeld in {months_active} verschillende maand(en).",
        ),
        Factor(
            "growth",
            _growth(evidence.monthly_case_counts, now),
            0.05,
            0.05 * _growth(evidence.monthly_case_counts, now),
            "Aantal nieuwe situaties in de laatste drie maanden vergeleken met de drie daarvoor.",
        ),
        Factor(
            "rule_driven",
            round(rule_share, 3),
            0.10,
            0.10 * rule_share,
            "Het knelpunt zit in een regel, niet in het gedrag van één medewerker."
            if rule_share >= 0.5
            else "Het knelpunt lijkt vooral te gaan over bejegening of communicatie.",
        ),
        Factor(
            "residents_and_professionals",
            1.0 if both_kinds else 0.0,
            0.05,
            0.05 if both_kinds else 0.0,
            "Zowel inwoners als professionals melden dit."
            if both_kinds
            else "Nog maar één soort melder (alleen inwoners of alleen professionals).",
        ),
        Factor(
            "solution_level",
            1.0 if national else 0.0,
            0.05,
            0.05 if national else 0.0,
            "De oplossing ligt boven de gemeente (regionale afspraak of landelijke wet)."
            if national
            else "De oplossing ligt (nog) niet vast boven het niveau van de gemeente.",
        ),
        Factor(
            "staff_confirmed",
            1.0 if evidence.staff_confirmed else 0.0,
            0.05,
            0.05 if evidence.staff_confirmed else 0.0,
            "Een medewerker heeft dit thema bevestigd."
            if evidence.staff_confirmed
            else "Nog niet bevestigd door een medewerker.",
        ),
    ]
    total = round(min(1.0, sum(f.contribution for f in factors)), 4)
    explained = [
        {**asdict(f), "contribution": round(f.contribution, 4)}
        for f in sorted(factors, key=lambda f: -f.contribution)
        if not math.isnan(f.contribution)
    ]
    return total, explained
