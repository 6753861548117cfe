"""The gate in the graph: every creative gets a verdict when it is written, and only creatives
that passed or that a person approved can be launched (`launch_for_creatives` asks this)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa

from affiliate.compliance.checker import CopyPart, check_parts
from affiliate.compliance.judge import Judge
from affiliate.compliance.judge_config import configured_judge
from affiliate.compliance.niches import niche_for_category
from affiliate.compliance.review import STATUS_FOR_RISK, record_verdict
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


def judge_creatives(
    conn: sa.Connection,
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
    verdict and any person's decision on it, and calls no LLM; changed words or rules get a
    new verdict. A judgement that failed is tried again, unless a person already decided."""
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
    judge = configured_judge(conn.engine, settings) if rows else None
    statuses: Counter[str] = Counter()
    for row in rows:
        parts, judged_by = _copy_of(row, platform)
        niche = niche_for_category(row.category)
        verdict = check_parts(parts, judged_by, niche)
        if judge is not None:
            stored_risk = _judged_before(conn, row.id, verdict, judge)
            if stored_risk is not None:
                statuses[STATUS_FOR_RISK[stored_risk]] += 1
                continue
            verdict = judge.verdict(
                parts, judged_by, niche, verdict, product_id=row.product_id, creative_id=row.id
            )
        record_verdict(conn, row.id, verdict)
        statuses[STATUS_FOR_RISK[verdict.risk]] += 1
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
) -> str | None:
    """The risk of this judge's stored verdict on the same words, rules and platform, if it
    gave one — or of its failed one that a person has already decided on."""
    return conn.scalar(
        sa.select(cv.c.risk)
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
    )


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
