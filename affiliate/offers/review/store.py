"""Review products' sales pages once a day and keep the result in app.sales_page_reviews.

`review_products` is what the scoring asset calls: it reuses a review already stored for the
day (the table's unique key), fetches the rest a few at a time, and writes one row per product
— failures included, with the error as the outcome and the neutral multiplier, so a dead link
or our own network trouble never costs a product its rank.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.db.tables import products, sales_page_reviews
from affiliate.offers.review.fetch import FetchError, fetch_page
from affiliate.offers.review.multiplier import NEUTRAL, review_multiplier
from affiliate.offers.review.page_text import page_text
from affiliate.offers.review.reviewer import SalesPageReviewer
from affiliate.offers.review.rubric import OfflineRubric

log = logging.getLogger(__name__)

FETCH_WORKERS = 4  # sales pages are often on one host (the network's hoplink); stay gentle
# Failures worth retrying on a later run the same day; anything else stored is reused.
_TRANSIENT = {"timeout", "connect-error", "fetch-error", "http-429"}


def review_products(
    engine: sa.Engine,
    product_ids: Iterable[int],
    reviewed_on: date,
    fetch: Callable[[str], str] = fetch_page,
    reviewer: SalesPageReviewer | None = None,
) -> dict[int, float]:
    """Multiplier per reviewed product (0.8–1.2; 1.0 when its page could not be read).

    Products without a product_url are skipped and absent from the result. `fetch` takes a
    URL and returns HTML or raises (FetchError for a known failure).
    """
    reviewer = reviewer or OfflineRubric()
    wanted = list(dict.fromkeys(product_ids))
    with engine.connect() as conn:
        urls = dict(
            conn.execute(
                sa.select(products.c.id, products.c.product_url).where(
                    products.c.id.in_(wanted), products.c.product_url.is_not(None)
                )
            ).all()
        )
        stored = conn.execute(
            sa.select(sales_page_reviews.c.product_id, sales_page_reviews.c.multiplier).where(
                sales_page_reviews.c.product_id.in_(wanted),
                sales_page_reviews.c.reviewed_on == reviewed_on,
                sales_page_reviews.c.reviewer == reviewer.name,
                sales_page_reviews.c.outcome.not_in(_TRANSIENT),
                ~sales_page_reviews.c.outcome.startswith("http-5"),
            )
        ).all()
    multipliers = {product_id: multiplier for product_id, multiplier in stored}
    todo = [(pid, urls[pid]) for pid in wanted if pid in urls and pid not in multipliers]
    if not todo:
        return multipliers
    with ThreadPoolExecutor(max_workers=min(FETCH_WORKERS, len(todo))) as pool:
        rows = list(pool.map(lambda job: _review_one(*job, fetch, reviewer), todo))
    for row in rows:
        row["reviewed_on"] = reviewed_on
    statement = insert(sales_page_reviews).values(rows)
    with engine.begin() as conn:
        conn.execute(
            statement.on_conflict_do_update(
                constraint="sales_page_reviews_product_day_key",
                set_={c: statement.excluded[c] for c in ("url", "scores", "multiplier",
                                                         "evidence", "outcome")},
            )
        )  # fmt: skip
    multipliers.update({row["product_id"]: row["multiplier"] for row in rows})
    return multipliers


def _review_one(
    product_id: int, url: str, fetch: Callable[[str], str], reviewer: SalesPageReviewer
) -> dict[str, Any]:
    row: dict[str, Any] = {"product_id": product_id, "url": url, "reviewer": reviewer.name}
    failed = {"scores": {}, "evidence": {}, "multiplier": NEUTRAL}
    try:
        html = fetch(url)
    except FetchError as exc:
        log.info("sales page of product %s not reviewed: %s", product_id, exc)
        return row | failed | {"outcome": exc.outcome}
    except Exception as exc:  # a fetch function outside our control: record, don't crash
        log.warning("sales page of product %s not reviewed: %r", product_id, exc)
        return row | failed | {"outcome": "fetch-error"}
    page = page_text(html)
    if not (page.headline or page.paragraphs or page.bullets):
        # Nothing visible: likely a page drawn by JavaScript; we cannot judge it.
        return row | failed | {"outcome": "no-text"}
    result = reviewer.review(page)
    return row | {
        "scores": result.scores,
        "evidence": result.evidence,
        "multiplier": review_multiplier(result.scores),
        "outcome": "ok",
    }
