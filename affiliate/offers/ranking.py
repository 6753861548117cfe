"""Score every product (V1 × momentum × review) for a day and store it with its parts.

The database side of combined_score.compute_scores: snapshots come in through COPY … TO STDOUT
and scores go out through COPY into a temporary table, because row-by-row statements cost
seconds at 100,000 products. From there one upsert fills app.offer_scores (idempotent per
product, day and formula version) and one update keeps products.ai_score and
metadata.score_explanation, which the creatives and the demo report read, current.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import polars as pl
import sqlalchemy as sa

from affiliate.offers.combined_score import FORMULA_VERSION, compute_scores
from affiliate.offers.momentum import WINDOWS
from affiliate.offers.score_parts import ExactScore, exact_score, parts_json
from affiliate.offers.scoring import TEMPERATURE_NAMES


@dataclass(frozen=True)
class ScoredProduct:
    product_id: int
    network: str
    network_id: str
    name: str
    score: Decimal | None  # the combined score, as stored in products.ai_score
    explanation: str
    v1_score: Decimal | None = None
    slope_7d: float | None = None
    slope_28d: float | None = None
    accelerating: bool = False
    momentum_multiplier: float = 1.0
    review_multiplier: float = 1.0


# Money goes out as text so it reaches Python as the exact Decimal the database holds; a
# missing commission amount is price × rate ÷ 100 in cents, as scoring.score_inputs does.
SNAPSHOTS = """
    select product_id, snapshot_date, popularity::text as popularity,
           coalesce(commission_amount, round(price * commission_rate / 100, 2))::text
               as commission,
           price::text as price, currency
    from app.offer_snapshots
    where product_id is not null and snapshot_date between %(start)s and %(end)s
    union all
    -- Products silent for the whole window still get V1 from their last snapshot.
    (select distinct on (product_id) product_id, snapshot_date, popularity::text,
            coalesce(commission_amount, round(price * commission_rate / 100, 2))::text,
            price::text, currency
     from app.offer_snapshots
     where product_id is not null and snapshot_date < %(start)s
     order by product_id, snapshot_date desc)
"""
SNAPSHOT_SCHEMA = {"product_id": pl.Int64, "snapshot_date": pl.Date} | {
    column: pl.String for column in ("popularity", "commission", "price", "currency")
}
STAGE_COLUMNS = (
    "product_id, score_date, formula_version, v1_score, momentum_multiplier, review_multiplier,"
    " combined_score, slope_7d, accel_7d, slope_28d, accel_28d, accelerating, parts, explanation"
)
STAGE = """
    create temp table score_stage (
        product_id integer, score_date date, formula_version text, v1_score numeric,
        momentum_multiplier float8, review_multiplier float8, combined_score numeric,
        slope_7d float8, accel_7d float8, slope_28d float8, accel_28d float8,
        accelerating boolean, parts jsonb, explanation text
    ) on commit drop
"""
_UPDATED = [c.strip() for c in STAGE_COLUMNS.split(",")][3:]
UPSERT = f"""
    insert into app.offer_scores ({STAGE_COLUMNS}) select {STAGE_COLUMNS} from score_stage
    on conflict on constraint offer_scores_product_day_version_key do update set
    {", ".join(f"{c} = excluded.{c}" for c in _UPDATED)}
"""
UPDATE_PRODUCTS = """
    update app.products p set ai_score = s.combined_score, scored_at = now(),
        metadata = p.metadata || jsonb_build_object('score_explanation', s.explanation)
    from score_stage s where p.id = s.product_id
"""


def score_products(
    engine: sa.Engine,
    score_date: date | None = None,
    review_multipliers: dict[int, float] | None = None,
    reviewer: Callable[[pl.DataFrame], dict[int, float]] | None = None,
) -> list[ScoredProduct]:
    """Score all products with snapshots for `score_date` (default: the latest snapshot day).

    `reviewer`, when given, sees the ranking without reviews and returns review multipliers
    (for the head of it); the snapshots are read once for both rankings.

    Writes one app.offer_scores row per product (re-running replaces them) and, unless
    `score_date` is before the latest snapshot day (a backfill), products.ai_score and
    metadata.score_explanation. Returns the products best first, unscorable ones last.
    """
    with engine.connect() as conn:
        latest = conn.scalar(sa.text("select max(snapshot_date) from app.offer_snapshots"))
        if latest is None:
            return []
        score_date = score_date or latest
        snapshots = load_snapshots(conn, score_date)
        catalogue = conn.execute(sa.text("select id, network, network_id, name from app.products"))
        products = pl.DataFrame(
            catalogue.all(), schema=["product_id", "network", "network_id", "name"], orient="row"
        )
    if reviewer is not None:
        reviews = reviewer(compute_scores(snapshots, score_date, review_multipliers))
        review_multipliers = {**(review_multipliers or {}), **reviews}
    scores = compute_scores(snapshots, score_date, review_multipliers)
    scores = scores.join(products, on="product_id", how="inner", maintain_order="left")
    names = [TEMPERATURE_NAMES.get(n, "temperature") for n in scores["network"]]
    scored, exact = [], []
    for row, name in zip(scores.iter_rows(named=True), names, strict=True):
        exact.append(exact_score(row, name))
        scored.append(
            ScoredProduct(
                *(row[k] for k in ("product_id", "network", "network_id", "name")),
                score=exact[-1].combined,
                explanation=exact[-1].explanation,
                v1_score=exact[-1].v1,
                slope_7d=row["slope_7d"],
                slope_28d=row["slope_28d"],
                accelerating=row["accelerating"],
                momentum_multiplier=row["momentum_multiplier"],
                review_multiplier=row["review_multiplier"],
            )
        )
    stage = _stage_frame(scores, score_date, exact, parts_json(scores, exact, names))
    with engine.begin() as conn:
        write_scores(conn, stage, update_products=score_date >= latest)
    return sorted(scored, key=lambda s: (s.score is None, -(s.score or 0), s.network_id))


def top_offers_markdown(top: list[ScoredProduct]) -> str:
    """A markdown table of score parts and trend flags (↑ accelerating, slopes per day)."""

    def per_day(slope: float | None) -> str:
        return "–" if slope is None else f"{slope:+.2f}/d"

    lines = [
        "| # | product | score | v1 | momentum | review | 7 d | 28 d | trend | why |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for i, p in enumerate(top, start=1):
        lines.append(
            f"| {i} | {p.name.replace('|', '/')} | {p.score} | {p.v1_score}"
            f" | ×{p.momentum_multiplier:.2f} | ×{p.review_multiplier:.2f}"
            f" | {per_day(p.slope_7d)} | {per_day(p.slope_28d)}"
            f" | {'↑ accelerating' if p.accelerating else ''} | {p.explanation} |"
        )
    return "\n".join(lines)


def load_snapshots(conn: sa.Connection, score_date: date) -> pl.DataFrame:
    """The snapshots compute_scores needs for `score_date`, read with COPY into Polars."""
    start = score_date - timedelta(days=max(days for days, _ in WINDOWS.values()) - 1)
    cursor = conn.connection.cursor()
    query = cursor.mogrify(SNAPSHOTS, {"start": start, "end": score_date}).decode()
    buffer = io.BytesIO()
    cursor.copy_expert(f"copy ({query}) to stdout with (format csv, header true)", buffer)
    buffer.seek(0)
    return pl.read_csv(buffer, schema=SNAPSHOT_SCHEMA)


def write_scores(conn: sa.Connection, stage: pl.DataFrame, update_products: bool = True) -> None:
    """Upsert the staged rows into app.offer_scores (and products) in the caller's transaction."""
    conn.execute(sa.text(STAGE))
    buffer = io.BytesIO()
    stage.write_csv(buffer, include_header=False)
    buffer.seek(0)
    conn.connection.cursor().copy_expert(
        f"copy score_stage ({STAGE_COLUMNS}) from stdin with (format csv)", buffer
    )
    conn.execute(sa.text(UPSERT))
    if update_products:
        conn.execute(sa.text(UPDATE_PRODUCTS))


def _stage_frame(
    scores: pl.DataFrame, score_date: date, exact: list[ExactScore], parts: pl.Series
) -> pl.DataFrame:
    def text(values: list[Decimal | None], name: str) -> pl.Series:
        return pl.Series(name, [None if v is None else str(v) for v in values], pl.String)

    return scores.select(
        "product_id",
        pl.lit(score_date).alias("score_date"),
        pl.lit(FORMULA_VERSION).alias("formula_version"),
        text([e.v1 for e in exact], "v1_score"),
        "momentum_multiplier",
        "review_multiplier",
        text([e.combined for e in exact], "combined_score"),
        "slope_7d",
        "accel_7d",
        "slope_28d",
        "accel_28d",
        "accelerating",
        parts.alias("parts"),
        pl.Series("explanation", [e.explanation for e in exact], pl.String),
    )
