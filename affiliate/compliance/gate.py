"""The gate in the graph: every creative gets a verdict when it is written, and only creatives
that passed or that a person approved can be launched (`launch_for_creatives` asks this)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa

from affiliate.compliance.checker import CopyPart, check_parts
from affiliate.compliance.niches import niche_for_category
from affiliate.compliance.review import STATUS_FOR_RISK, record_verdict
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
) -> Counter[str]:
    """Check and record a verdict for each creative; how many passed, wait or are blocked.

    ``platform`` overrides the platform each creative's format implies; a sequence of emails
    is judged email by email. Re-judging unchanged words under an unchanged corpus keeps the
    stored verdict (and any person's decision on it); changed words or rules get a new verdict."""
    rows = conn.execute(
        sa.select(
            creatives.c.id,
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
    statuses: Counter[str] = Counter()
    for row in rows:
        parts, judged_by = _copy_of(row, platform)
        niche = niche_for_category(row.category)
        verdict = check_parts(parts, judged_by, niche)
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
