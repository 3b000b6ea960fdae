"""The dossier a referral partner receives: something the addressee can act on.

Laid out along the VNG's template for a national bottleneck (the bottleneck, a realistic
solution, a proposed division of responsibility), with the evidence that it recurs. Excerpts
come only from reports whose reporter consented to inclusion in a referral, and everything
passes the personal-data mask once more on the way out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.labels import ADDRESSEE_LABELS_NL, DOMAIN_LABELS_NL
from models import Referral, Report, Theme
from privacy.masking import mask
from privacy.small_counts import counts_of, suppress, suppress_table
from vocabulary import Addressee, Domain

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
        "excerpts": excerpts,
        "excerptPolicy": "Alleen fragmenten van melders die toestemming gaven; persoonsgegevens "
        "zijn afgeschermd.",
    }
