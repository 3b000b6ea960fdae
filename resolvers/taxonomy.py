"""The taxonomy with Dutch labels, so clients show the same words everywhere."""

from __future__ import annotations

import strawberry

from domain.labels import DOMAIN_LABELS_NL, REPORT_STATUS_LABELS_NL
from schema.enums import Domain, ReportStatus
from schema.policy import EVERYONE, policy


@policy(EVERYONE)
@strawberry.type
class DomainLabel:
    domain: Domain
    label: str


@policy(EVERYONE)
@strawberry.type
class StatusLabel:
    status: ReportStatus
    label: str


@policy(EVERYONE)
@strawberry.type
class Taxonomy:
    domains: list[DomainLabel]
    report_statuses: list[StatusLabel]


def taxonomy() -> Taxonomy:
    return Taxonomy(
        domains=[DomainLabel(domain=d, label=label) for d, label in DOMAIN_LABELS_NL.items()],
        report_statuses=[
            StatusLabel(status=s, label=label) for s, label in REPORT_STATUS_LABELS_NL.items()
        ],
    )
