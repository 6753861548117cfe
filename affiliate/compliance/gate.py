"""The gate in the graph: every creative gets a verdict when it is written, and only creatives
that passed or that a person approved can be launched (`launch_for_creatives` asks this)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa

from affiliate.compliance.checker import check
from affiliate.compliance.niches import niche_for_category
from affiliate.compliance.review import STATUS_FOR_RISK, record_verdict
from affiliate.db.tables import creatives, products

# The sandbox ad platform models Meta's ads (primary text, headline, call to action), and the
# creatives' channel is "sandbox", not a platform: they are judged by Meta's rules.
GATE_PLATFORM = "meta"


def judge_creatives(
    conn: sa.Connection, creative_ids: Sequence[int], platform: str = GATE_PLATFORM
) -> Counter[str]:
    """Check and record a verdict for each creative; how many passed, wait or are blocked.

    Re-judging unchanged words under an unchanged corpus keeps the stored verdict (and any
    person's decision on it); changed words or rules get a new verdict."""
    rows = conn.execute(
        sa.select(
            creatives.c.id,
            creatives.c.headline,
            creatives.c.body,
            creatives.c.call_to_action,
            products.c.category,
        )
        .join(products, products.c.id == creatives.c.product_id)
        .where(creatives.c.id.in_(list(creative_ids)))
        .order_by(creatives.c.id)
    ).all()
    statuses: Counter[str] = Counter()
    for row in rows:
        text = "\n".join(part for part in (row.body, row.call_to_action) if part)
        verdict = check(
            text, platform, niche_for_category(row.category), headline=row.headline or None
        )
        record_verdict(conn, row.id, verdict)
        statuses[STATUS_FOR_RISK[verdict.risk]] += 1
    return statuses
