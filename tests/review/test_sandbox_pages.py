"""The rubric against the sandbox's real pages over HTTP: Hotmart sales pages and the
network's landing pages differ in quality, and the same page always gets the same score."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from affiliate.db.tables import offer_snapshots
from affiliate.offers.combined_score import compute_scores
from affiliate.offers.ranking import load_snapshots, score_products
from affiliate.offers.review import OfflineRubric, fetch_page, page_text, review_products
from affiliate.offers.review.candidates import REVIEWED_CANDIDATES, head_of_ranking
from affiliate.sandbox.catalog import catalog
from affiliate.sandbox.hotmart_market.products import market_catalog
from tests.review.conftest import add_products, stored_reviews

DAY = date(2026, 4, 2)


def scores_of(url: str) -> dict[str, float]:
    return OfflineRubric().review(page_text(fetch_page(url))).scores


@pytest.mark.parametrize("kind", ["hotmart", "network"])
def test_sandbox_pages_of_different_quality_get_different_deterministic_scores(
    sandbox, kind: str
) -> None:
    if kind == "hotmart":
        urls = [f"{sandbox.url}{p.sales_url}" for p in market_catalog(7, 240)[:20]]
    else:
        urls = [f"{sandbox.url}/network/go/{p.id}" for p in catalog(7, 300)[:20]]
    scores = [scores_of(url) for url in urls]
    assert scores == [scores_of(url) for url in urls]  # deterministic
    for dimension in ("clarity", "social_proof"):
        assert len({s[dimension] for s in scores}) >= 3, dimension
    assert len({s["guarantee"] for s in scores}) >= 2  # the network's pages: none or 60 days
    assert any(s["social_proof"] == 0 for s in scores)  # the weakest pages have no proof
    assert all(s["call_to_action"] >= 0.75 for s in scores)  # every page has a buy button
    assert all(s["clarity"] > 0 for s in scores)


def test_review_products_over_http_then_scoring_uses_the_multipliers(sandbox, clean_db) -> None:
    feed = catalog(7, 300)[:12]
    ids = add_products(clean_db, {p.id: f"{sandbox.url}/network/go/{p.id}" for p in feed})
    ids["dead"] = add_products(clean_db, {"dead": f"{sandbox.url}/network/go/NOSUCHTHING"})["dead"]
    result = review_products(clean_db, ids.values(), DAY)
    assert result[ids["dead"]] == 1.0
    live = [result[ids[p.id]] for p in feed]
    assert all(0.8 <= m <= 1.2 for m in live) and len(set(live)) >= 4
    assert {r["outcome"] for r in stored_reviews(clean_db)} == {"ok", "http-404"}


def seed_ranking(engine: sa.Engine) -> dict[int, int]:
    """Four products, same money, flat gravity 400, 300, 200, 100 for 30 days: id by gravity."""
    ids = add_products(engine, {f"G{g}": None for g in (400, 300, 200, 100)})
    with engine.begin() as conn:
        conn.execute(
            sa.insert(offer_snapshots),
            [
                {"network": "clickbank", "network_id": name, "product_id": pid,
                 "snapshot_date": DAY - timedelta(days=t), "price": Decimal("49.00"),
                 "commission_rate": Decimal("75.00"), "popularity": Decimal(name[1:])}
                for name, pid in ids.items()
                for t in range(30)
            ],
        )  # fmt: skip
    return {int(name[1:]): pid for name, pid in ids.items()}


def review_candidates(engine, limit: int = REVIEWED_CANDIDATES) -> list[int]:
    """What scored_offers reviews: the head of the ranking before reviews."""
    with engine.connect() as conn:
        return head_of_ranking(compute_scores(load_snapshots(conn, DAY), DAY), limit)


def test_candidates_are_the_head_of_the_ranking_and_reviews_reorder_it(clean_db) -> None:
    by_gravity = seed_ranking(clean_db)
    assert review_candidates(clean_db, limit=2) == [by_gravity[400], by_gravity[300]]
    assert review_candidates(clean_db) == [by_gravity[g] for g in (400, 300, 200, 100)]
    # 300 × 1.2 > 400 × 0.8: a much better page lifts a close second past the leader.
    reviews = {by_gravity[400]: 0.8, by_gravity[300]: 1.2}
    reranked = score_products(clean_db, DAY, review_multipliers=reviews)
    assert [p.product_id for p in reranked][:2] == [by_gravity[300], by_gravity[400]]
    assert {p.product_id: p.review_multiplier for p in reranked}[by_gravity[200]] == 1.0


def test_score_products_reviews_the_head_of_its_own_first_ranking(clean_db) -> None:
    by_gravity = seed_ranking(clean_db)
    seen = []

    def reviewer(ranking):
        seen.append(head_of_ranking(ranking, 2))
        return {by_gravity[400]: 0.8, by_gravity[300]: 1.2}

    reranked = score_products(clean_db, DAY, reviewer=reviewer)
    assert seen == [[by_gravity[400], by_gravity[300]]]  # called once, before the reviews
    assert [p.product_id for p in reranked][:2] == [by_gravity[300], by_gravity[400]]
