"""What a campaign's metric should have been on a day, from its own history, robustly.

A metric is a signed sum of parts (ln ROAS = ln CVR + ln RPC − ln CPC; profit = revenue −
spend − AI cost − other costs). Each part is predicted by the "weekday-adjusted recent median":

    offset(w) = median(days on weekday w) − median(all days)          # weekly pattern
    part(d)   = median(value − its offset, over the 14 nearest days)   # current level
              + offset(weekday of d)

and the metric's expectation is the same signed sum of the parts' predictions, so the
root-cause split starts from exactly the baseline the detector compared with.

Why this shape: 14 consecutive days hold every weekday twice, so their median follows the
campaign's current level without the weekly pattern pulling it; the weekday offset adds the
pattern back (weekends often convert differently). Medians ignore a few outlier days, so a
past spike neither moves the expectation nor hides the next one. A weekday gets an offset
only from two past values on; with one, the offset would be that day's noise.

The scale is 1.4826 × the MAD of leave-one-out errors: each history day predicted by the
same rule from the other days in the window. In-sample residuals would understate the error
of a prediction made from a few medians (measured here: z-scores with a spread of 1.44 instead
of 1, i.e. ~2 % of normal days flagged); leave-one-out errors include that noise. A floor
keeps a near-constant series from turning a trivial move into a huge score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median
from typing import TypeVar

# Floats for the log metrics (ROAS and its drivers), Decimal for money (profit and its parts).
N = TypeVar("N", float, Decimal)

LOOKBACK_DAYS = 56  # eight of each weekday: enough for the pattern, recent enough to matter
LEVEL_DAYS = 14
MAD_TO_SIGMA = 1.4826
MIN_SAME_WEEKDAY = 2


@dataclass(frozen=True)
class Expectation:
    """The expected parts on one day, their signed sum, and the spread of such predictions."""

    parts: Mapping[str, float | Decimal]
    center: float | Decimal
    scale: float
    n_history: int


def expectation(
    history: Sequence[tuple[date, Mapping[str, N]]],
    signs: Mapping[str, int],
    day: date,
    scale_floor: float,
) -> Expectation:
    """Expected parts of a metric on `day` from the (day, parts) pairs of the LOOKBACK_DAYS
    before it (other pairs are ignored)."""
    past = in_window(history, day)
    if len(past) < 2:
        raise ValueError(f"{len(past)} day(s) of history before {day}: check the minimum first")
    parts = {k: predict([(d, p[k]) for d, p in past], day) for k in signs}
    errors = [_total(p, signs) - _loo_prediction(past, h, signs) for h, p in past]
    scale = max(mad(errors) * MAD_TO_SIGMA, scale_floor)
    return Expectation(parts, _total(parts, signs), scale, len(past))


def predict(values: Sequence[tuple[date, N]], day: date) -> N:
    """`day`'s weekday offset plus the level of the LEVEL_DAYS days nearest `day`, the level
    taken after removing each day's own weekday offset (a median of a two-humped mix of
    weekdays and weekends would wobble between the humps)."""
    others = [(d, v) for d, v in values if d != day]
    overall = median(v for _, v in others)
    offsets = weekday_offsets(others, overall)
    nearest = sorted(others, key=lambda dv: (abs((dv[0] - day).days), dv[0]))[:LEVEL_DAYS]
    level = median(v - offsets.get(d.weekday(), 0) for d, v in nearest)
    return level + offsets.get(day.weekday(), 0)


def weekday_offsets(values: Sequence[tuple[date, N]], overall: N) -> dict[int, N]:
    by_weekday: dict[int, list[N]] = {}
    for d, v in values:
        by_weekday.setdefault(d.weekday(), []).append(v)
    return {
        wd: median(vs) - overall for wd, vs in by_weekday.items() if len(vs) >= MIN_SAME_WEEKDAY
    }


def in_window(history: Sequence[tuple[date, N]], day: date) -> list[tuple[date, N]]:
    return sorted(
        ((d, v) for d, v in history if 0 < (day - d).days <= LOOKBACK_DAYS), key=lambda x: x[0]
    )


def mad(values: Sequence[N]) -> float:
    """Median absolute deviation from the median (as a float: it only scales a score)."""
    m = median(values)
    return float(median([abs(v - m) for v in values]))


def _loo_prediction(past, held_out: date, signs: Mapping[str, int]):
    others = [(d, p) for d, p in past if d != held_out]
    return _total({k: predict([(d, p[k]) for d, p in others], held_out) for k in signs}, signs)


def _total(parts: Mapping[str, N], signs: Mapping[str, int]) -> N:
    values = [s * parts[k] for k, s in signs.items()]
    return sum(values[1:], values[0])
