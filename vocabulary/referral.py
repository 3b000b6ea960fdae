"""Referrals to the Nationale ombudsman or the VNG."""

from __future__ import annotations

from enum import StrEnum


class Addressee(StrEnum):
    NATIONALE_OMBUDSMAN = "NATIONALE_OMBUDSMAN"
    VNG = "VNG"


class ReferralStatus(StrEnum):
    AWAITING_APPROVAL = "AWAITING_APPROVAL"
    APPROVED = "APPROVED"
    SENT = "SENT"
    DELIVERY_FAILED = "DELIVERY_FAILED"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    ANSWERED = "ANSWERED"
    CLOSED = "CLOSED"
