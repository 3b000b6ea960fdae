"""Per abonnement: how many deliveries wait and how many became dead letters (one query
for a whole page)."""

from __future__ import annotations

from models import Abonnement
from schema.abonnementen.types import AbonnementType

_COUNTS = """
SELECT abonnement_id::text AS id, status, count(*) AS n FROM notification_delivery
WHERE abonnement_id = ANY($1::uuid[]) AND status IN ('PENDING', 'DEAD')
GROUP BY abonnement_id, status
"""


async def delivery_counts(ids: list[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    if not ids:
        return counts
    conn = Abonnement._meta.db
    for row in await conn.execute_query_dict(_COUNTS, [ids]):
        counts.setdefault(row["id"], {})[row["status"]] = int(row["n"])
    return counts


async def abonnement_with_health(abonnement: Abonnement) -> AbonnementType:
    counts = await delivery_counts([str(abonnement.id)])
    return AbonnementType.from_model(abonnement, counts.get(str(abonnement.id)))
