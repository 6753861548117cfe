"""Verdicts per creative and the people who review them: the gate campaigns go through.

A creative may run when its latest verdict passed (low risk) or a person approved it. Medium
risk waits in the queue. High risk is blocked: a person can approve it only with an explicit
override and a written reason, both recorded — a deliberate act, never a slip of a command.
A person may reject any verdict, including one that passed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.compliance.verdict import Verdict
from affiliate.db.tables import compliance_verdicts as cv
from affiliate.db.tables import creatives

STATUS_FOR_RISK = {"low": "passed", "medium": "pending", "high": "blocked"}
RUNNABLE = ("passed", "approved")


class ReviewError(ValueError):
    """A review action that is not allowed; the message says why and what to do."""


@dataclass(frozen=True)
class QueueItem:
    verdict_id: int
    creative_id: int
    platform: str
    risk: str
    status: str
    headline: str
    rule_ids: list[str]
    created_at: datetime
    reviewed_by: str | None
    review_note: str | None


def record_verdict(conn: sa.Connection, creative_id: int, verdict: Verdict) -> int:
    """Store the verdict for the creative and make it the one that decides; returns its id.

    The same words judged by the same checker under the same corpus are stored once, so
    re-running the check keeps a person's earlier decision — and that stored verdict decides
    again even when another checker's verdict came after it (see make_current)."""
    key = {
        "creative_id": creative_id,
        "platform": verdict.platform,
        "checker": verdict.checker,
        "corpus_version": verdict.corpus_version,
        "text_sha256": verdict.text_sha256,
    }
    new_id = conn.scalar(
        insert(cv)
        .values(
            **key,
            niche=verdict.niche,
            risk=verdict.risk,
            findings=[asdict(f) for f in verdict.findings],
            status=STATUS_FOR_RISK[verdict.risk],
        )
        .on_conflict_do_nothing()
        .returning(cv.c.id)
    )
    if new_id is not None:
        return new_id
    stored = conn.scalar(sa.select(cv.c.id).where(*(cv.c[k] == v for k, v in key.items())))
    return make_current(conn, stored)


def make_current(conn: sa.Connection, verdict_id: int) -> int:
    """Make a stored verdict the one that decides for its creative and platform; returns its
    id, a new one if it had to move.

    The newest verdict decides (the launcher, the review queue and the reports all read the
    highest id). When the configuration goes back to a checker that already judged these
    words — the LLM judge switched off, then on again — its stored verdict must decide again,
    not the other checker's newer one; it moves to the front by taking a fresh id, findings,
    status and any person's decision kept. Only a superseded verdict ever moves, and no one
    can decide on a superseded verdict (see _decidable), so no reviewer holds an id that
    changes under them."""
    row = conn.execute(
        sa.select(cv.c.creative_id, cv.c.platform).where(cv.c.id == verdict_id).with_for_update()
    ).one()
    newer = conn.scalar(
        sa.select(sa.func.count()).where(
            cv.c.creative_id == row.creative_id, cv.c.platform == row.platform, cv.c.id > verdict_id
        )
    )
    if not newer:
        return verdict_id
    # SET id = DEFAULT draws the next value of the id's sequence, as an insert would.
    return conn.scalar(
        sa.update(cv).where(cv.c.id == verdict_id).values(id=sa.text("DEFAULT")).returning(cv.c.id)
    )


def runnable_creative_ids(conn: sa.Connection, creative_ids: list[int] | None = None) -> set[int]:
    """Creatives whose latest verdict passed or was approved (those without a verdict are not)."""
    query = sa.select(cv.c.creative_id).where(
        cv.c.id.in_(_latest_ids_query()), cv.c.status.in_(RUNNABLE)
    )
    if creative_ids is not None:
        query = query.where(cv.c.creative_id.in_(creative_ids))
    # A creative checked for two platforms runs only when every latest verdict allows it.
    blocked = sa.select(cv.c.creative_id).where(
        cv.c.id.in_(_latest_ids_query()), cv.c.status.not_in(RUNNABLE)
    )
    return set(conn.scalars(query.where(cv.c.creative_id.not_in(blocked))).all())


def may_run(conn: sa.Connection, creative_id: int) -> bool:
    """Whether the creative may be used in a campaign: passed, or approved by a person."""
    return creative_id in runnable_creative_ids(conn, [creative_id])


def review_queue(conn: sa.Connection, statuses: tuple[str, ...] = ("pending",)) -> list[QueueItem]:
    """Latest verdicts in the given statuses, oldest first (the order a reviewer works in)."""
    rows = conn.execute(
        sa.select(cv, creatives.c.headline)
        .join(creatives, creatives.c.id == cv.c.creative_id)
        .where(cv.c.id.in_(_latest_ids_query()), cv.c.status.in_(statuses))
        .order_by(cv.c.created_at, cv.c.id)
    ).all()
    return [
        QueueItem(
            verdict_id=row.id,
            creative_id=row.creative_id,
            platform=row.platform,
            risk=row.risk,
            status=row.status,
            headline=row.headline,
            rule_ids=sorted({f["rule_id"] for f in row.findings}),
            created_at=row.created_at,
            reviewed_by=row.reviewed_by,
            review_note=row.review_note,
        )
        for row in rows
    ]


def approve(
    conn: sa.Connection,
    verdict_id: int,
    reviewer: str,
    note: str | None = None,
    override_high_risk: bool = False,
) -> str:
    """Approve a waiting verdict; a blocked one only with `override_high_risk` and a note."""
    row = _decidable(conn, verdict_id, reviewer)
    if row.status == "blocked":
        if not override_high_risk:
            raise ReviewError(
                f"verdict {verdict_id} is high risk and blocked; approving it needs the override "
                "flag and a note saying why"
            )
        if not (note or "").strip():
            raise ReviewError("overriding a high-risk verdict needs a note saying why")
    elif row.status != "pending":
        raise ReviewError(f"verdict {verdict_id} is {row.status}; only pending ones are approved")
    _decide(conn, verdict_id, "approved", reviewer, note, override=row.status == "blocked")
    return "approved"


def reject(conn: sa.Connection, verdict_id: int, reviewer: str, note: str | None = None) -> str:
    """Reject a verdict: the creative will not run, whatever its risk was."""
    row = _decidable(conn, verdict_id, reviewer)
    if row.status == "rejected":
        raise ReviewError(f"verdict {verdict_id} is already rejected")
    _decide(conn, verdict_id, "rejected", reviewer, note, override=False)
    return "rejected"


def _decidable(conn: sa.Connection, verdict_id: int, reviewer: str) -> sa.Row:
    if not reviewer.strip():
        raise ReviewError("say who reviews (the reviewer's name is recorded)")
    row = conn.execute(sa.select(cv).where(cv.c.id == verdict_id).with_for_update()).one_or_none()
    if row is None:
        raise ReviewError(f"no verdict {verdict_id}: see `affiliate review list`")
    latest = conn.scalar(
        sa.select(sa.func.max(cv.c.id)).where(
            cv.c.creative_id == row.creative_id, cv.c.platform == row.platform
        )
    )
    if latest != verdict_id:
        raise ReviewError(
            f"verdict {verdict_id} is superseded by verdict {latest} for the same creative"
        )
    return row


def _decide(conn, verdict_id: int, status: str, reviewer: str, note, override: bool) -> None:
    conn.execute(
        sa.update(cv)
        .where(cv.c.id == verdict_id)
        .values(
            status=status,
            reviewed_by=reviewer.strip(),
            reviewed_at=sa.func.now(),
            review_note=note,
            override=override,
        )
    )


def _latest_ids_query() -> sa.Select:
    """The newest verdict of each creative per platform: the one that decides."""
    return sa.select(sa.func.max(cv.c.id)).group_by(cv.c.creative_id, cv.c.platform)
