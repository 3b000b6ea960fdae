"""Referral partners: where each receives dossiers, and the secret that signs them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PartnerEndpoint:
    url: str | None
    secret: str
