"""The dossier a referral partner receives: something the addressee can act on.

Laid out along the VNG's template for a national bottleneck (the bottleneck, a realistic
solution, a proposed division of responsibility), with the evidence that it recurs. Excerpts
come only from reports whose reporter consented to inclusion in a referral, and everything
passes the personal-data mask once more on the way out.

Each addressee also gets the part it reads first (`forAddressee`): the VNG the Stand van de
Uitvoering's form — the three parts with the level and elements of the playing field; the
Nationale ombudsman the norms of the Behoorlijkheidswijzer at stake and whether the
organisations' own complaint procedure ran (the ombudsman comes after it, within a year).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.deadlines import OMBUDSMAN_YEARS
from domain.labels import ADDRESSEE_LABELS_NL, DOMAIN_LABELS_NL
from models import Referral, Report, Theme
from privacy.masking import mask
from privacy.small_counts import counts_of, suppress, suppress_table
from vocabulary import Addressee, BottleneckLevel, Domain
from vocabulary.bottlenecks import BEHOORLIJKHEIDSWIJZER_VERSION, LEVEL_LABELS_NL, NORMS

MAX_EXCERPTS = 8
EXCERPT_CHARS = 400


async def build_dossier(
    theme: Theme,
    referral: Referral,
    *,
    proposed_responsibility: str,
    small_count_threshold: int,
    using_db: BaseDBAsyncClient | None = None,
) -> dict[str, Any]:
    query = Report.filter(theme_id=theme.id, consent_include_in_referral=True)
    if using_db is not None:
        query = query.using_db(using_db)
    consenting = await query.order_by("created_at").limit(200)
    seen_groups: set[str] = set()
    excerpts: list[dict[str, Any]] = []
    urgency: dict[str, int] = {}
    for report in consenting:
        for flag in report.urgency_flags:
            urgency[flag] = urgency.get(flag, 0) + 1
        group = str(report.duplicate_group_id or report.id)
        if group in seen_groups or len(excerpts) >= MAX_EXCERPTS:
            continue
        seen_groups.add(group)
        text = mask(" ".join(report.masked_text.split()))
        excerpts.append(
            {
                "text": text[:EXCERPT_CHARS],
                "reporterRole": report.reporter_role.value,
                "municipality": report.municipality_code,
                "month": report.created_at.strftime("%Y-%m"),
            }
        )
    procedure = await _complaint_procedure(theme, using_db)
    counts = counts_of(theme, small_count_threshold)
    municipalities = [
        {"code": code, "cases": count} for code, count in sorted(counts.municipalities.items())
    ]
    _, monthly = suppress_table(
        theme.case_count, dict(theme.monthly_case_counts or {}), small_count_threshold
    )
    return {
        "referralId": str(referral.id),
        "addressee": referral.addressee.value,
        "addresseeName": ADDRESSEE_LABELS_NL[Addressee(referral.addressee)],
        "createdAt": datetime.now(UTC).isoformat(),
        "theme": {
            "id": str(theme.id),
            "label": mask(theme.label),
            "topTerms": [t[0] if isinstance(t, list) else t for t in theme.top_terms],
        },
        "bottleneck": mask(referral.motivation),
        "proposedSolution": mask(referral.proposed_solution),
        "proposedResponsibility": mask(proposed_responsibility),
        "evidence": {
            "distinctCases": counts.case_count,
            "distinctReporters": counts.reporter_count,
            "residentReporters": counts.resident_reporter_count,
            "professionalReporters": counts.professional_reporter_count,
            "municipalityCount": len(theme.municipality_codes),
            "smallCountsHiddenBelow": small_count_threshold,
            "municipalities": municipalities,
            "period": {
                "from": theme.first_report_at.isoformat() if theme.first_report_at else None,
                "to": theme.last_report_at.isoformat() if theme.last_report_at else None,
            },
            "monthlyCases": monthly,
        },
        "structural": {
            "score": theme.structural_score,
            "explanation": theme.structural_explanation,
            "solutionLevel": theme.solution_level.value if theme.solution_level else None,
        },
        "laws": [
            {"code": d, "name": DOMAIN_LABELS_NL.get(Domain(d), d)}
            for d in theme.domains
            if d in Domain._value2member_map_
        ],
        "problemTypes": theme.problem_types,
        "urgency": {
            flag: suppress(n, small_count_threshold) for flag, n in sorted(urgency.items())
        },
        "forAddressee": _for_addressee(
            theme, referral, proposed_responsibility, procedure, small_count_threshold
        ),
        "excerpts": excerpts,
        "excerptPolicy": "Alleen fragmenten van melders die toestemming gaven; persoonsgegevens "
        "zijn afgeschermd.",
    }


_PROCEDURE = """
SELECT count(DISTINCT coalesce(duplicate_group_id, id)) FILTER (
         WHERE formal_route = 'COMPLAINT' OR escalated_before_to IS NOT NULL) AS complained,
       count(DISTINCT coalesce(duplicate_group_id, id)) FILTER (
         WHERE objection_filed OR formal_route = 'OBJECTION') AS objected,
       min(decision_date) AS first_decision, max(decision_date) AS last_decision
FROM report WHERE theme_id = $1
"""


async def _complaint_procedure(theme: Theme, using_db: BaseDBAsyncClient | None) -> dict[str, Any]:
    conn = using_db or connections.get("default")
    return (await conn.execute_query_dict(_PROCEDURE, [str(theme.id)]))[0]


def _for_addressee(
    theme: Theme,
    referral: Referral,
    responsibility: str,
    procedure: dict[str, Any],
    threshold: int,
) -> dict[str, Any]:
    if Addressee(referral.addressee) == Addressee.VNG:
        level = theme.bottleneck_level
        return {
            "template": "Stand van de Uitvoering (VNG)",
            "knelpunt": mask(referral.motivation),
            "realistischeOplossing": mask(referral.proposed_solution),
            "verdelingVanVerantwoordelijkheid": mask(responsibility),
            "niveau": {"code": level.value, "naam": LEVEL_LABELS_NL[BottleneckLevel(level)]}
            if level
            else None,
            "elementen": sorted(theme.elements or []),
        }
    norms = sorted(int(n) for n in theme.norms or [])
    first, last = procedure["first_decision"], procedure["last_decision"]
    return {
        "template": f"Behoorlijkheidswijzer ({theme.norms_version or BEHOORLIJKHEIDSWIJZER_VERSION})",
        "normen": [
            {"nummer": n, "waarde": NORMS[n][0], "norm": NORMS[n][1]} for n in norms if n in NORMS
        ],
        "klachtprocedure": {
            "zakenMetKlachtOfEscalatie": suppress(int(procedure["complained"] or 0), threshold),
            "zakenMetBezwaar": suppress(int(procedure["objected"] or 0), threshold),
            "besluitenVan": first.isoformat() if first else None,
            "besluitenTot": last.isoformat() if last else None,
            "termijn": f"De ombudsman komt na de klachtbehandeling van de organisatie zelf, "
            f"binnen {OMBUDSMAN_YEARS} jaar nadat die afliep (Awb 9:24).",
        },
    }
