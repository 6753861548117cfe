"""Score every product from its latest snapshot and store the score with its explanation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from affiliate.offers.scoring import TEMPERATURE_NAMES, ScoreInputs, explain_score, v1_score


@dataclass(frozen=True)
class ScoredProduct:
    product_id: int
    network: str
    network_id: str
    name: str
    score: Decimal | None
    explanation: str


LATEST = sa.text("""
    select p.id, p.network, p.network_id, p.name, p.currency,
           s.commission_amount, s.popularity, s.price
    from app.products p
    join lateral (
        select commission_amount, popularity, price from app.offer_snapshots s
        where s.product_id = p.id order by snapshot_date desc limit 1
    ) s on true
""")


def score_products(engine: sa.Engine) -> list[ScoredProduct]:
    """Score all products, write `ai_score` (NULL when unscorable), return them best first."""
    with engine.connect() as conn:
        rows = conn.execute(LATEST).all()
    scored = []
    for r in rows:
        inputs = ScoreInputs(
            commission=r.commission_amount,
            temperature=r.popularity,
            price=r.price,
            currency=r.currency,
            temperature_name=TEMPERATURE_NAMES.get(r.network, "temperature"),
        )
        scored.append(
            ScoredProduct(
                r.id, r.network, r.network_id, r.name, v1_score(inputs), explain_score(inputs)
            )
        )
    if scored:
        with engine.begin() as conn:
            conn.execute(
                sa.text("""
                    update app.products set ai_score = :score, scored_at = now(),
                        metadata = metadata || jsonb_build_object('score_explanation', :why)
                    where id = :id
                """),
                [{"id": s.product_id, "score": s.score, "why": s.explanation} for s in scored],
            )
    return sorted(scored, key=lambda s: (s.score is None, -(s.score or 0), s.network_id))
