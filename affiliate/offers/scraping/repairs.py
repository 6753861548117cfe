"""The repair ledger (`app.selector_repairs`): what was re-found, and what later runs reuse.

Every repair attempt leaves a row, repaired or failed, with the evidence (screenshot path,
a short DOM excerpt, the candidates tried) so a person can audit what the scraper decided.
The newest repaired row per (platform, intent) is the selector the next run tries first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import distinct_on

from affiliate.db.tables import selector_repairs

DOM_EXCERPT_CHARS = 2_000  # the full trimmed DOM is up to 20 kB; the row keeps its start


@dataclass(frozen=True)
class RepairRecord:
    platform: str
    intent: str
    page_url: str
    old_selector: str
    new_selector: str | None
    oracle: str
    outcome: str  # "repaired" or "failed"
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Learned:
    selector: str
    fingerprint: dict | None  # of the element the repair found, when it was recorded


def learned_selectors(engine: sa.Engine, platform: str) -> dict[str, Learned]:
    """intent → the newest repaired selector for `platform` (and its element's fingerprint)."""
    t = selector_repairs.c
    query = (
        sa.select(t.intent, t.new_selector, t.context)
        .where(t.platform == platform, t.outcome == "repaired", t.new_selector.is_not(None))
        .order_by(t.intent, t.created_at.desc(), t.id.desc())
        .ext(distinct_on(t.intent))
    )
    with engine.connect() as conn:
        return {
            row.intent: Learned(row.new_selector, (row.context or {}).get("fingerprint"))
            for row in conn.execute(query)
        }


def record_repair(engine: sa.Engine, record: RepairRecord) -> None:
    context = dict(record.context)
    if "dom_excerpt" in context:
        context["dom_excerpt"] = context["dom_excerpt"][:DOM_EXCERPT_CHARS]
    with engine.begin() as conn:
        conn.execute(
            sa.insert(selector_repairs).values(
                platform=record.platform,
                intent=record.intent,
                page_url=record.page_url,
                old_selector=record.old_selector,
                new_selector=record.new_selector,
                oracle=record.oracle,
                outcome=record.outcome,
                context=context,
            )
        )
