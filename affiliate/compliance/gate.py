"""The gate in the graph: every creative gets a verdict when it is written, and only creatives
that passed or that a person approved can be launched (`launch_for_creatives` asks this).

A batch is judged in three steps so that a slow LLM holds no transaction and no lock: the
creatives are read and checked by the rules, the LLM judge reads their copy with no
transaction open, then the verdicts are recorded in one short transaction. Until then a new
creative has no verdict, and a creative without one never launches
(`review.runnable_creative_ids`), so the time between the steps opens no way around the gate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from affiliate.compliance.checker import CopyPart, check_parts
from affiliate.compliance.judge import Judge
from affiliate.compliance.judge_config import JudgeConfigError, configured_judge
from affiliate.compliance.niches import niche_for_category
from affiliate.compliance.review import STATUS_FOR_RISK, make_current, record_verdict
from affiliate.compliance.verdict import Verdict
from affiliate.config import Settings
from affiliate.content.format_copy import gate_platform, parts_to_check
from affiliate.db.tables import compliance_verdicts as cv
from affiliate.db.tables import creatives, products

# The sandbox ad platform models Meta's ads (primary text, headline, call to action), and the
# creatives' channel is "sandbox", not a platform: a creative written before formats existed
# (no stored content) is judged by Meta's rules. A creative with a format is judged by its
# format's platform (see format_copy.gate_platform: emails, pages and articles by Meta's).
GATE_PLATFORM = "meta"


@dataclass(frozen=True)
class _Copy:
    """One creative on its way through the gate."""

    creative_id: int
    product_id: int
    parts: list[CopyPart]
    offline: Verdict  # the rules' verdict; its platform and niche are the ones judged
    stored: tuple[int, str] | None  # (id, risk) of the configured judge's verdict on this copy


def judge_creatives(
    engine: sa.Engine,
    creative_ids: Sequence[int],
    platform: str | None = None,
    *,
    settings: Settings | None = None,
) -> Counter[str]:
    """Check and record a verdict for each creative; how many passed, wait or are blocked.

    ``platform`` overrides the platform each creative's format implies. When an LLM is
    configured for the `compliance_judge` task, it judges after the rules and can only add
    findings (see judge.py); its calls are billed to one budgeted run in the ledger.
    Re-judging unchanged words under an unchanged corpus (and the same judge) keeps the stored
    verdict and any person's decision on it, makes it the verdict that decides again, and
    calls no LLM; changed words or rules get a new verdict. A judgement that failed is tried
    again, unless a person already decided.

    A judge that is misconfigured raises JudgeConfigError before anything is judged."""
    if not creative_ids:
        return Counter()
    try:
        judge = configured_judge(engine, settings)
    except JudgeConfigError as exc:
        # Failing loudly, rather than recording "judge failed, a person reviews" for every
        # creative: a setting is wrong, and one fix judges them all, whereas a queue of
        # reviews would grow on every run while hiding the cause, and approving them by hand
        # would launch copy the configured judge never read. Nothing launches meanwhile: the
        # new creatives have no verdict, the others keep the verdicts they had.
        raise JudgeConfigError(
            f"{exc} No creative was judged: fix the setting and materialise the creatives "
            "again; until then the new ones have no verdict and cannot launch."
        ) from None
    with engine.connect() as conn:
        copies = _read(conn, creative_ids, platform, judge)
    verdicts: dict[int, Verdict] = {}
    try:
        for copy in copies:
            if judge is None:
                verdicts[copy.creative_id] = copy.offline
            elif copy.stored is None:
                offline = copy.offline
                verdicts[copy.creative_id] = judge.verdict(
                    copy.parts, offline.platform, offline.niche, offline,
                    product_id=copy.product_id, creative_id=copy.creative_id,
                )  # fmt: skip
    finally:
        # Recorded even when a later creative's judgement raised: what was judged (and paid
        # for) keeps its verdict; the others stay without one, so they cannot launch.
        with engine.begin() as conn:
            statuses = _record(conn, copies, verdicts)
    return statuses


def _read(
    conn: sa.Connection, creative_ids: Sequence[int], platform: str | None, judge: Judge | None
) -> list[_Copy]:
    rows = conn.execute(
        sa.select(
            creatives.c.id,
            creatives.c.product_id,
            creatives.c.headline,
            creatives.c.body,
            creatives.c.call_to_action,
            creatives.c.format,
            creatives.c.content,
            products.c.category,
        )
        .join(products, products.c.id == creatives.c.product_id)
        .where(creatives.c.id.in_(list(creative_ids)))
        .order_by(creatives.c.id)
    ).all()
    copies = []
    for row in rows:
        parts, judged_by = _copy_of(row, platform)
        offline = check_parts(parts, judged_by, niche_for_category(row.category))
        stored = _judged_before(conn, row.id, offline, judge) if judge is not None else None
        copies.append(_Copy(row.id, row.product_id, parts, offline, stored))
    return copies


def _record(conn: sa.Connection, copies: list[_Copy], verdicts: dict[int, Verdict]) -> Counter:
    statuses: Counter[str] = Counter()
    for copy in copies:
        if copy.stored is not None:
            verdict_id, risk = copy.stored
            make_current(conn, verdict_id)  # the judge's, even if the rules' came after it
        elif copy.creative_id in verdicts:
            risk = verdicts[copy.creative_id].risk
            record_verdict(conn, copy.creative_id, verdicts[copy.creative_id])
        else:
            continue  # not judged: the batch stopped before it
        statuses[STATUS_FOR_RISK[risk]] += 1
    return statuses


def _copy_of(row: sa.Row, platform: str | None) -> tuple[list[CopyPart], str]:
    """The parts to judge and the platform whose rules judge them."""
    if row.content is None:
        text = "\n".join(part for part in (row.body, row.call_to_action) if part)
        return [CopyPart(text=text, headline=row.headline or None)], platform or GATE_PLATFORM
    # Every word of the format, not the summary columns: all headlines, scenes, each email.
    return parts_to_check(row.format, row.content), platform or gate_platform(row.format)


def _judged_before(
    conn: sa.Connection, creative_id: int, offline: Verdict, judge: Judge
) -> tuple[int, str] | None:
    """This judge's stored verdict on the same words, rules and platform, if it gave one — or
    its failed one that a person has already decided on: (id, risk)."""
    row = conn.execute(
        sa.select(cv.c.id, cv.c.risk)
        .where(
            cv.c.creative_id == creative_id,
            cv.c.platform == offline.platform,
            cv.c.corpus_version == offline.corpus_version,
            cv.c.text_sha256 == offline.text_sha256,
            sa.or_(
                cv.c.checker == judge.checker,
                sa.and_(
                    cv.c.checker == judge.failed_checker,
                    cv.c.status.in_(("approved", "rejected")),
                ),
            ),
        )
        .order_by(cv.c.id.desc())
        .limit(1)
    ).first()
    return (row.id, row.risk) if row is not None else None


def statuses_by_format(conn: sa.Connection, creative_ids: Sequence[int]) -> dict[str, Counter]:
    """For each format, how many of these creatives' latest verdicts are in each status."""
    newest = sa.select(sa.func.max(cv.c.id)).group_by(cv.c.creative_id)
    latest = sa.select(cv.c.creative_id, cv.c.status).where(cv.c.id.in_(newest)).subquery()
    rows = conn.execute(
        sa.select(creatives.c.format, latest.c.status, sa.func.count())
        .join(latest, latest.c.creative_id == creatives.c.id)
        .where(creatives.c.id.in_(list(creative_ids)))
        .group_by(creatives.c.format, latest.c.status)
    ).all()
    counts: dict[str, Counter] = {}
    for fmt, status, n in rows:
        counts.setdefault(fmt, Counter())[status] = n
    return counts
