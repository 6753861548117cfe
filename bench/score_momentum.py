"""Scoring with momentum at scale (issue "Scale": 1,000,000 snapshots scored in under 5 s).

Builds 100,000 products × 10 days of snapshots (seeded: log-uniform gravity, a trend and a
curvature per product, day-to-day noise, 1 % spikes, exact decimal text for money), then times
`compute_scores` — the pure Polars core — best of 3, with the frame's build time apart.
Unless --no-db, it then loads the same rows into a throw-away PostgreSQL database (the test
server under .affiliate/test-pgdata, or TEST_DATABASE_URL) and prints, for information, the
time to read them into Polars (COPY vs fetchall) and to score and write 100,000 rows.

    .venv/bin/python bench/score_momentum.py [--no-db]
"""

from __future__ import annotations

import argparse
import io
import math
import os
import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from affiliate.db.testing import drop_test_database, fresh_test_database
from affiliate.offers.combined_score import compute_scores
from affiliate.offers.ranking import SNAPSHOT_SCHEMA, SNAPSHOTS, load_snapshots, score_products

PRODUCTS, DAYS, SEED, GOAL_SECONDS = 100_000, 10, 7, 5.0
SCORE_DATE = date(2026, 3, 31)
ROOT = Path(__file__).resolve().parent.parent


def build_snapshots(products: int = PRODUCTS, days: int = DAYS, seed: int = SEED) -> pl.DataFrame:
    """One row per product and day, shaped like what load_snapshots returns."""
    rng = random.Random(seed)
    base = [math.exp(rng.uniform(0.0, 5.5)) for _ in range(products)]
    growth = [rng.gauss(0.0, 0.03) for _ in range(products)]
    curve = [rng.gauss(0.0, 0.002) for _ in range(products)]
    noise = [
        rng.gauss(0.0, 0.02) + (1.5 if rng.random() < 0.01 else 0.0) for _ in range(products * days)
    ]
    price = [f"{rng.randint(7, 197)}.{rng.choice(['00', '95', '97'])}" for _ in range(products)]
    share = [rng.choice([0.5, 0.6, 0.75]) for _ in range(products)]
    per_product = pl.DataFrame(
        {
            "product_id": range(1, products + 1),
            "base": base,
            "g": growth,
            "c": curve,
            "price": price,
        }
    ).with_columns(
        commission=(pl.col("price").cast(pl.Float64) * pl.Series(share)).round(2).cast(pl.String)
    )
    t = pl.col("t")
    return (
        per_product.join(pl.DataFrame({"t": range(-(days - 1), 1)}), how="cross")
        .with_columns(noise=pl.Series(noise))
        .select(
            "product_id",
            snapshot_date=pl.lit(SCORE_DATE) + pl.duration(days=t),
            popularity=(
                pl.col("base") * (pl.col("g") * t + pl.col("c") * t**2 + pl.col("noise")).exp()
            )
            .round(4)
            .cast(pl.String),
            commission="commission",
            price="price",
            currency=pl.lit("USD"),
        )
    )


def timed(action: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def database_figures(snapshots: pl.DataFrame) -> None:
    """Load into PostgreSQL, then time reading back and scoring + writing, for information."""
    url = fresh_test_database(ROOT / ".affiliate")
    engine = sa.create_engine(url)
    try:
        products = snapshots.select("product_id").unique().sort("product_id")
        with engine.begin() as conn:
            cursor = conn.connection.cursor()
            copy_in(
                cursor,
                "app.products (id, name, network, network_id)",
                products.select(
                    "product_id",
                    name=pl.format("Product {}", "product_id"),
                    network=pl.lit("clickbank"),
                    network_id=pl.col("product_id").cast(pl.String),
                ),
            )
            seconds, _ = timed(
                lambda: copy_in(
                    cursor,
                    "app.offer_snapshots (product_id, snapshot_date, popularity, commission_amount,"
                    " price, currency, network, network_id)",
                    snapshots.with_columns(
                        network=pl.lit("clickbank"), network_id=pl.col("product_id").cast(pl.String)
                    ),
                )
            )
            conn.execute(sa.text("analyze app.offer_snapshots"))
        print(f"setup: COPY {snapshots.height:,} snapshots into PostgreSQL       {seconds:6.2f} s")
        with engine.connect() as conn:
            read_copy, frame = timed(lambda: load_snapshots(conn, SCORE_DATE))
            read_fetch, _ = timed(lambda: fetchall_frame(conn))
        print(
            f"read {frame.height:,} rows into Polars, COPY … TO STDOUT (used)  {read_copy:6.2f} s"
        )
        print(
            f"read {frame.height:,} rows into Polars, cursor.fetchall          {read_fetch:6.2f} s"
        )
        first, ranked = timed(lambda: score_products(engine, SCORE_DATE))
        again, _ = timed(lambda: score_products(engine, SCORE_DATE))
        print(f"score_products, {len(ranked):,} rows written (insert)          {first:6.2f} s")
        print(f"score_products again (upsert over existing rows)         {again:6.2f} s")
    finally:
        engine.dispose()
        drop_test_database(url)


def copy_in(cursor, target: str, frame: pl.DataFrame) -> None:
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False)
    buffer.seek(0)
    cursor.copy_expert(f"copy {target} from stdin with (format csv)", buffer)


def fetchall_frame(conn) -> pl.DataFrame:
    start = SCORE_DATE - timedelta(days=27)
    cursor = conn.connection.cursor()
    cursor.execute(SNAPSHOTS, {"start": start, "end": SCORE_DATE})
    return pl.DataFrame(cursor.fetchall(), schema=SNAPSHOT_SCHEMA, orient="row")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-db", action="store_true", help="skip the PostgreSQL figures")
    args = parser.parse_args()
    print(
        f"{os.cpu_count()} CPU cores, Polars {pl.__version__} with {pl.thread_pool_size()} threads"
    )
    build, snapshots = timed(build_snapshots)
    print(f"build {snapshots.height:,} snapshot rows ({PRODUCTS:,} × {DAYS} days)  {build:6.2f} s")
    seconds, scores = timed(lambda: compute_scores(snapshots, SCORE_DATE), repeat=3)
    print(f"compute_scores, best of 3                                {seconds:6.2f} s")
    print(
        f"  {scores['v1'].is_not_null().sum():,} scored, "
        f"{scores['accelerating'].sum():,} accelerating, "
        f"momentum multiplier {scores['momentum_multiplier'].min():.2f}"
        f"–{scores['momentum_multiplier'].max():.2f}"
    )
    verdict = "met" if seconds < GOAL_SECONDS else "NOT met"
    print(f"goal: under {GOAL_SECONDS:.0f} s for 1,000,000 snapshots — {verdict}")
    if not args.no_db:
        database_figures(snapshots)


if __name__ == "__main__":
    main()
