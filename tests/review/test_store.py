"""review_products against the database: rows written, failures neutral, same-day reuse."""

import threading
import time
from datetime import date, timedelta
from threading import Lock

from affiliate.offers.review import FetchError, review_products
from tests.review.conftest import add_products, stored_reviews
from tests.review.pages import STRONG_EN, STRONG_PT, WEAK

DAY = date(2026, 4, 2)


class FakeFetch:
    """Serves pages by URL and counts calls (from several threads at once)."""

    def __init__(self, pages: dict[str, str | Exception]) -> None:
        self.pages, self.calls, self.lock = pages, [], Lock()

    def __call__(self, url: str) -> str:
        with self.lock:
            self.calls.append(url)
        page = self.pages[url]
        if isinstance(page, Exception):
            raise page
        return page


def test_reviews_are_stored_with_scores_evidence_and_multiplier(clean_db) -> None:
    ids = add_products(clean_db, {"strong": "https://a.test/s", "pt": "https://a.test/p",
                                  "weak": "https://a.test/w", "no-url": None})  # fmt: skip
    fetch = FakeFetch({"https://a.test/s": STRONG_EN, "https://a.test/p": STRONG_PT,
                       "https://a.test/w": WEAK})  # fmt: skip
    result = review_products(clean_db, ids.values(), DAY, fetch=fetch)
    assert set(result) == {ids["strong"], ids["pt"], ids["weak"]}  # no URL: not reviewed
    assert result[ids["strong"]] > result[ids["pt"]] > 1.0 > 0.85 > result[ids["weak"]] >= 0.8
    rows = {r["product_id"]: r for r in stored_reviews(clean_db)}
    strong = rows[ids["strong"]]
    assert (strong["reviewer"], strong["outcome"], strong["reviewed_on"]) == (
        "offline-rubric",
        "ok",
        DAY,
    )
    assert strong["url"] == "https://a.test/s" and strong["multiplier"] == result[ids["strong"]]
    assert set(strong["scores"]) == {"clarity", "social_proof", "call_to_action", "guarantee",
                                     "urgency"}  # fmt: skip
    assert "60-Day Money-Back Guarantee" in strong["evidence"]["guarantee"]
    assert rows[ids["weak"]]["scores"]["social_proof"] == 0.0


def test_failed_fetches_are_stored_with_their_error_and_a_neutral_multiplier(clean_db) -> None:
    ids = add_products(clean_db, {name: f"https://a.test/{name}" for name in
                                  ("gone", "slow", "bug", "js")})  # fmt: skip
    fetch = FakeFetch({
        "https://a.test/gone": FetchError("http-404"),
        "https://a.test/slow": FetchError("timeout"),
        "https://a.test/bug": RuntimeError("the fetcher broke"),
        "https://a.test/js": "<html><body><div id='app'></div><script>render()</script></body>",
    })  # fmt: skip
    result = review_products(clean_db, ids.values(), DAY, fetch=fetch)
    assert result == dict.fromkeys(ids.values(), 1.0)
    outcomes = {r["product_id"]: (r["outcome"], r["multiplier"], r["scores"])
                for r in stored_reviews(clean_db)}  # fmt: skip
    assert outcomes == {
        ids["gone"]: ("http-404", 1.0, {}),
        ids["slow"]: ("timeout", 1.0, {}),
        ids["bug"]: ("fetch-error", 1.0, {}),
        ids["js"]: ("no-text", 1.0, {}),
    }


def test_a_stored_review_is_reused_the_same_day_and_redone_the_next(clean_db) -> None:
    ids = add_products(clean_db, {"a": "https://a.test/a", "b": "https://a.test/b"})
    fetch = FakeFetch({"https://a.test/a": STRONG_EN, "https://a.test/b": WEAK})
    first = review_products(clean_db, ids.values(), DAY, fetch=fetch)
    assert len(fetch.calls) == 2
    again = review_products(clean_db, [*ids.values(), ids["a"]], DAY, fetch=fetch)
    assert again == first and len(fetch.calls) == 2  # no second fetch
    assert len(stored_reviews(clean_db)) == 2
    review_products(clean_db, ids.values(), DAY + timedelta(days=1), fetch=fetch)
    assert len(fetch.calls) == 4 and len(stored_reviews(clean_db)) == 4


def test_transient_failures_are_retried_the_same_day_permanent_ones_are_not(clean_db) -> None:
    ids = add_products(clean_db, {"slow": "https://a.test/slow", "gone": "https://a.test/gone"})
    fetch = FakeFetch({"https://a.test/slow": FetchError("timeout"),
                       "https://a.test/gone": FetchError("http-404")})  # fmt: skip
    review_products(clean_db, ids.values(), DAY, fetch=fetch)
    fetch.pages["https://a.test/slow"] = STRONG_EN  # the network is back
    result = review_products(clean_db, ids.values(), DAY, fetch=fetch)
    assert fetch.calls.count("https://a.test/slow") == 2
    assert fetch.calls.count("https://a.test/gone") == 1
    assert result[ids["slow"]] > 1.1 and result[ids["gone"]] == 1.0
    rows = {r["product_id"]: r["outcome"] for r in stored_reviews(clean_db)}
    assert rows == {ids["slow"]: "ok", ids["gone"]: "http-404"}  # one row each, replaced


def test_many_products_are_fetched_concurrently_but_at_most_four_at_a_time(clean_db) -> None:
    active, peak, lock = 0, 0, Lock()

    def slow_fetch(url: str) -> str:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.05)
        with lock:
            active -= 1
        return WEAK

    ids = add_products(clean_db, {f"p{i}": f"https://a.test/{i}" for i in range(12)})
    started = threading.active_count()
    assert len(review_products(clean_db, ids.values(), DAY, fetch=slow_fetch)) == 12
    assert 1 < peak <= 4
    assert threading.active_count() == started  # the pool is gone afterwards
