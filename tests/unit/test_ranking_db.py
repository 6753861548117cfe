"""score_products against the real database: offer_scores rows, ranking, re-runs, ai_score."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from affiliate.db.tables import offer_snapshots, products
from affiliate.offers.combined_score import FORMULA_VERSION
from affiliate.offers.ranking import score_products, top_offers_markdown

DAY = date(2026, 3, 31)
# Every product ends at gravity 100 with the same money, so V1 ties and momentum decides.
SERIES = {
    "A-rise": lambda t: 100 * 1.1**t,  # rising ~10 %/day and accelerating
    "B-flat": lambda t: 100.0,
    "C-new": lambda t: 100.0 - t,  # only 2 days of history: no trend yet
    "D-fall": lambda t: 100 - 2 * t,
}


def seed(engine: sa.Engine) -> dict[str, int]:
    ids = {}
    with engine.begin() as conn:
        for network_id, gravity in SERIES.items():
            ids[network_id] = conn.scalar(
                sa.insert(products)
                .values(name=f"Product {network_id}", network="clickbank", network_id=network_id)
                .returning(products.c.id)
            )
            days = range(-1, 1) if network_id == "C-new" else range(-29, 1)
            conn.execute(
                sa.insert(offer_snapshots),
                [
                    {
                        "network": "clickbank",
                        "network_id": network_id,
                        "product_id": ids[network_id],
                        "snapshot_date": DAY + timedelta(days=t),
                        "price": Decimal("49.00"),
                        "commission_amount": None,
                        "commission_rate": Decimal("75.00"),  # → $36.75, as V1 derives it
                        "popularity": Decimal(f"{gravity(t):.4f}"),
                    }
                    for t in days
                ],
            )
    return ids


def score_rows(engine: sa.Engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("select * from app.offer_scores order by product_id, score_date")
        ).mappings()
        return [{k: v for k, v in r.items() if k != "created_at"} for r in rows]


def test_scores_rank_store_and_rerun_idempotently(clean_db: sa.Engine) -> None:
    ids = seed(clean_db)
    ranked = score_products(clean_db)  # the latest snapshot day is the default
    assert [p.network_id for p in ranked] == ["A-rise", "B-flat", "C-new", "D-fall"]
    rise, flat, new, fall = ranked
    assert all(p.v1_score == Decimal("75.0000") for p in ranked)  # 36.75 × 100 ÷ 49
    assert rise.accelerating and rise.slope_7d > 0 and rise.momentum_multiplier > 1.5
    assert flat.momentum_multiplier == 1.0 and flat.score == Decimal("75.0000")
    assert new.slope_28d is None and new.momentum_multiplier == 1.0
    assert fall.slope_28d == pytest.approx(-2.0) and fall.score < Decimal("75")
    assert "no trend yet: 2 of 28 days" in new.explanation
    assert "↑ accelerating" in top_offers_markdown(ranked[:1])

    rows = score_rows(clean_db)
    assert len(rows) == 4
    assert {(r["score_date"], r["formula_version"]) for r in rows} == {(DAY, FORMULA_VERSION)}
    by_id = {r["product_id"]: r for r in rows}
    stored = by_id[ids["A-rise"]]
    assert stored["combined_score"] == rise.score and stored["explanation"] == rise.explanation
    assert stored["accelerating"] and stored["parts"]["commission"] == "36.75"
    assert stored["parts"]["points_28d"] == 28 and stored["parts"]["temperature"] == "100.0000"
    assert set(stored["parts"]) >= {"price", "currency", "v1", "slope_7d", "accel_28d"}
    assert by_id[ids["C-new"]]["slope_7d"] is None

    with clean_db.connect() as conn:
        current = conn.execute(
            sa.text(
                "select network_id, ai_score, metadata->>'score_explanation' as why,"
                " scored_at from app.products"
            )
        ).all()
    assert {r.network_id: (r.ai_score, r.why) for r in current} == {
        p.network_id: (p.score, p.explanation) for p in ranked
    }

    assert score_products(clean_db, DAY) == ranked
    assert score_rows(clean_db) == rows


def test_review_multipliers_and_backfills(clean_db: sa.Engine) -> None:
    ids = seed(clean_db)
    ranked = score_products(clean_db, DAY, review_multipliers={ids["D-fall"]: 1.5})
    fall = next(p for p in ranked if p.network_id == "D-fall")
    assert fall.review_multiplier == 1.5 and fall.score > Decimal("75")
    assert "× review 1.50 = " in fall.explanation

    # A backfill writes its own day's rows but leaves today's products.ai_score alone.
    score_products(clean_db, DAY - timedelta(days=10))
    with clean_db.connect() as conn:
        days = conn.execute(
            sa.text("select score_date, count(*) from app.offer_scores group by 1 order by 1")
        ).all()
        ai_score = conn.scalar(
            sa.text("select ai_score from app.products where id = :id"), {"id": ids["D-fall"]}
        )
    assert days == [(DAY - timedelta(days=10), 3), (DAY, 4)]  # C-new had no snapshot yet
    assert ai_score == fall.score


def test_nothing_to_score(clean_db: sa.Engine) -> None:
    assert score_products(clean_db) == []
