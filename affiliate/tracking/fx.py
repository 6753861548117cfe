"""Exchange rates: load them from a CSV, and convert sale amounts into the account's currency.

Rates are published on business days (ECB, central banks, most providers), so a sale on a
Saturday uses Friday's rate: `rate_on` takes the rate of the day, else the latest one up to
`LOOKBACK_DAYS` earlier, else it raises MissingRate — never a guess, never a stale rate.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.db.tables import fx_rates

LOOKBACK_DAYS = 7
HEADER = ("date", "base", "quote", "rate")
CENTS = Decimal("0.01")
RATE_PLACES = Decimal("1e-10")  # fx_rates.rate and conversions.fx_rate are NUMERIC(20, 10)
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class MissingRate(LookupError):
    """No usable rate; the message says which one and how to load it."""


class FxFileError(ValueError):
    """A rates file that cannot be loaded; the message lists each bad line."""


@dataclass(frozen=True)
class Rate:
    rate_date: date
    base: str
    quote: str
    rate: Decimal


def load_rates_csv(engine: sa.Engine, path: Path | str) -> int:
    """Upsert every rate of a `date,base,quote,rate` CSV; all or nothing. Returns rows loaded."""
    path = Path(path)
    rates = read_rates_csv(path)
    if rates:
        source = f"csv:{path.name}"[:100]
        stmt = insert(fx_rates)
        stmt = stmt.on_conflict_do_update(
            index_elements=["rate_date", "base_currency", "quote_currency"],
            set_={"rate": stmt.excluded.rate, "source": source, "loaded_at": sa.func.now()},
        )
        rows = [
            {
                "rate_date": r.rate_date,
                "base_currency": r.base,
                "quote_currency": r.quote,
                "rate": r.rate,
                "source": source,
            }
            for r in rates
        ]
        with engine.begin() as conn:
            conn.execute(stmt, rows)
    return len(rates)


def read_rates_csv(path: Path) -> list[Rate]:
    """Parse and check the whole file; raise FxFileError naming every bad line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FxFileError(f"{path}: cannot read it ({exc})") from None
    rows = list(csv.reader(text.splitlines()))
    header = tuple(c.strip().lower() for c in rows[0]) if rows else ()
    if header != HEADER:
        raise FxFileError(f"{path}: the first line must be the header {','.join(HEADER)}")
    problems: list[str] = []
    seen: dict[tuple, int] = {}
    rates: list[Rate] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            rate = _parse_row(row)
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        key = (rate.rate_date, rate.base, rate.quote)
        if key in seen:
            problems.append(f"line {line}: repeats the rate of line {seen[key]}")
            continue
        seen[key] = line
        rates.append(rate)
    if problems:
        shown = "; ".join(problems[:20]) + ("; …" if len(problems) > 20 else "")
        raise FxFileError(f"{path}: nothing loaded, {len(problems)} bad line(s): {shown}")
    return rates


def _parse_row(row: list[str]) -> Rate:
    if len(row) != 4:
        raise ValueError(f"expected 4 fields (date,base,quote,rate), found {len(row)}")
    day_text, base, quote, rate_text = (cell.strip() for cell in row)
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise ValueError(f"date {day_text!r} is not YYYY-MM-DD") from None
    base, quote = base.upper(), quote.upper()
    for currency in (base, quote):
        if not _CURRENCY.match(currency):
            raise ValueError(f"currency {currency!r} is not a 3-letter ISO code")
    if base == quote:
        raise ValueError(f"base and quote are both {base}")
    try:
        rate = Decimal(rate_text)
    except InvalidOperation:
        raise ValueError(f"rate {rate_text!r} is not a number") from None
    if not rate.is_finite() or rate <= 0 or rate >= Decimal("1e10"):
        raise ValueError(f"rate {rate_text!r} must be a positive number below 10^10")
    if rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP) == 0:
        raise ValueError(f"rate {rate_text!r} is below 1e-10, the smallest rate stored")
    return Rate(day, base, quote, rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP))


def rate_on(conn: sa.Connection, day: date, base: str, quote: str) -> Decimal:
    """1 `base` in `quote` on `day`: that day's rate, else the latest in the 7 days before.

    The inverse pair is used when only it was loaded (USD→BRL serves BRL→USD).
    """
    base, quote = base.upper(), quote.upper()
    if base == quote:
        return Decimal(1)
    row = conn.execute(
        _rate_query(), {"day": day, "since": day - timedelta(LOOKBACK_DAYS), "b": base, "q": quote}
    ).one_or_none()
    if row is None:
        raise MissingRate(
            f"no {base}→{quote} exchange rate for {day.isoformat()} or the {LOOKBACK_DAYS} days "
            f"before it; load one with `affiliate fx load rates.csv` "
            f"(CSV header {','.join(HEADER)}, e.g. {day.isoformat()},{base},{quote},0.1850)"
        )
    if row.base_currency == base:
        return Decimal(row.rate)
    return (Decimal(1) / Decimal(row.rate)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


@functools.cache
def _rate_query() -> sa.Select:
    """Built once: it runs for every conversion in a foreign currency."""
    base, quote = sa.bindparam("b"), sa.bindparam("q")
    return (
        sa.select(fx_rates.c.base_currency, fx_rates.c.rate)
        .where(
            fx_rates.c.rate_date <= sa.bindparam("day"),
            fx_rates.c.rate_date >= sa.bindparam("since"),
            sa.or_(
                (fx_rates.c.base_currency == base) & (fx_rates.c.quote_currency == quote),
                (fx_rates.c.base_currency == quote) & (fx_rates.c.quote_currency == base),
            ),
        )
        # The latest day wins; on that day the direct pair wins over the inverse.
        .order_by(fx_rates.c.rate_date.desc(), (fx_rates.c.base_currency == base).desc())
        .limit(1)
    )


def to_account(amount: Decimal, rate: Decimal) -> Decimal:
    """An amount converted at `rate`, rounded half-up to cents."""
    return (amount * rate).quantize(CENTS, rounding=ROUND_HALF_UP)


def list_rates(
    conn: sa.Connection, base: str | None = None, quote: str | None = None, limit: int = 1000
) -> list:
    """Loaded rates, newest first, optionally for one base and/or quote currency."""
    query = sa.select(fx_rates).order_by(
        fx_rates.c.rate_date.desc(), fx_rates.c.base_currency, fx_rates.c.quote_currency
    )
    if base:
        query = query.where(fx_rates.c.base_currency == base.upper())
    if quote:
        query = query.where(fx_rates.c.quote_currency == quote.upper())
    return conn.execute(query.limit(limit)).all()
