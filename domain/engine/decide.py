"""The decision for a batch of new reports: which duplicate group each joins (or starts), and
which theme a new case goes to. Pure: no database, no event loop. The worker
(`workers.processing`) feeds it what the band-key index found and writes what it decided;
the quality bench runs the same worker code.

Rules:
- Members are decided in order of arrival. Each is compared with its stored candidates, then
  with the earlier members of the batch that share a key with it. All comparisons of a batch
  are verified in one go (`verify_pairs`); the decisions then read their verdicts in order.
- A new report joins the group of its strongest verified candidate and never merges two
  existing groups, so groups staff separated stay separated. The canonical report of a group
  is its earliest report.
- A report staff already placed in a theme keeps it; a report joining a case takes the case's
  theme; a new case goes to the nearest live theme or waits for discovery.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain

from domain.engine.case_match import Link, verify_pairs
from domain.engine.duplicates import MAX_CANDIDATES, CaseEvidence
from domain.engine.features import stack_rows
from domain.engine.themes import ThemeIndex


@dataclass
class Member:
    """A report in the batch, with what the decision needs and what it decided."""

    id: str
    created_at: datetime
    evidence: CaseEvidence
    keys: list[int]
    theme_id: str | None = None
    theme_locked: bool = False
    group_id: str | None = None
    new_group: bool = False
    candidates: list[str] = field(default_factory=list)
    # Why it joined its group and its theme, for staff (`Link.as_evidence`).
    link_evidence: dict[str, object] | None = None
    theme_evidence: dict[str, object] | None = None


@dataclass
class Known:
    """A stored, processed report found through a band key."""

    id: str
    evidence: CaseEvidence
    group_id: str
    canonical_created_at: datetime | None
    canonical_theme_id: str | None


@dataclass
class Decision:
    """What one batch decided, written in one go."""

    new_groups: dict[str, str] = field(default_factory=dict)  # group -> canonical report
    canonical: dict[str, tuple[datetime, str]] = field(default_factory=dict)  # group -> earliest
    joined: dict[str, list[Member]] = field(default_factory=dict)  # theme -> new cases


def comparisons(members: list[Member], known: dict[str, Known]) -> list[list[Known | Member]]:
    """Whom each member is compared with, in order: its stored candidates, then the earlier
    members of the batch that share a key with it (in the order of its keys)."""
    out: list[list[Known | Member]] = []
    by_key: dict[int, list[int]] = {}  # key -> positions of the members that have it
    for position, member in enumerate(members):
        checked: set[str] = set()
        mine: list[Known | Member] = []
        for candidate_id in member.candidates[:MAX_CANDIDATES]:
            other = known.get(candidate_id)
            if other is not None and candidate_id not in checked:
                checked.add(candidate_id)
                mine.append(other)
        # A burst of one theme shares many keys: the earlier members are gathered in one go.
        earlier = dict.fromkeys(chain.from_iterable(by_key.get(key, ()) for key in member.keys))
        for n in earlier:
            if members[n].id not in checked:
                checked.add(members[n].id)
                mine.append(members[n])
        for key in member.keys:
            by_key.setdefault(key, []).append(position)
        out.append(mine)
    return out


def decide(members: list[Member], known: dict[str, Known], index: ThemeIndex) -> Decision:
    """Groups and themes for the batch (`index` is a snapshot: reloading replaces it)."""
    compared = comparisons(members, known)
    verdicts = iter(
        verify_pairs(
            [
                (m.evidence, o.evidence)
                for m, mine in zip(members, compared, strict=True)
                for o in mine
            ]
        )
    )
    nearest = index.nearest_many(stack_rows([m.evidence.topic for m in members]))
    decision = Decision()
    group_theme: dict[str, str | None] = {}
    # The earliest report known of each group touched: its canonical report must stay so.
    group_earliest: dict[str, datetime | None] = {}
    for member, mine, assignment in zip(members, compared, nearest, strict=True):
        best: tuple[float, str, str | None, Link, str] | None = None
        for other in mine:
            link: Link = next(verdicts)
            if not link.same or (best is not None and link.strength <= best[0]):
                continue
            if isinstance(other, Known):
                group_earliest.setdefault(other.group_id, other.canonical_created_at)
                theme = group_theme.get(other.group_id, other.canonical_theme_id)
                best = (link.strength, other.group_id, theme, link, other.id)
            else:
                assert other.group_id is not None  # decided before this member
                best = (
                    link.strength,
                    other.group_id,
                    group_theme.get(other.group_id),
                    link,
                    other.id,
                )

        if best is not None:
            _, group_id, inherited, link, other_id = best
            member.group_id = group_id
            member.link_evidence = link.as_evidence(other_id)
            earliest = group_earliest.get(group_id)
            if group_id not in decision.new_groups and (
                earliest is None or member.created_at < earliest
            ):
                decision.canonical[group_id] = (member.created_at, member.id)
                group_earliest[group_id] = member.created_at
            if member.theme_id is None and not member.theme_locked:
                member.theme_id = inherited
                if inherited is not None:
                    member.theme_evidence = {"by": "CASE", "with": other_id}
            group_theme.setdefault(group_id, member.theme_id)
            continue
        member.group_id, member.new_group = str(uuid.uuid4()), True
        decision.new_groups[member.group_id] = member.id
        group_earliest[member.group_id] = member.created_at
        if member.theme_id is None and not member.theme_locked and assignment is not None:
            member.theme_id = assignment.theme_id
            member.theme_evidence = {
                "by": "NEAREST_THEME",
                "similarity": round(assignment.similarity, 3),
            }
            decision.joined.setdefault(assignment.theme_id, []).append(member)
        group_theme[member.group_id] = member.theme_id
    return decision
