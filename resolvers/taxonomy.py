"""The taxonomy with its labels in the language being spoken, so clients show the same words
everywhere."""

from __future__ import annotations

import strawberry

from domain.labels import DOMAIN_LABELS_NL, REPORT_STATUS_LABELS_NL, domain_label, status_label
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
        domains=[DomainLabel(domain=d, label=domain_label(d)) for d in DOMAIN_LABELS_NL],
        report_statuses=[
            StatusLabel(status=s, label=status_label(s)) for s in REPORT_STATUS_LABELS_NL
        ],
    )
