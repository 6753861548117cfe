"""Daily ROAS and profit per campaign checked against the campaign's own history.

Pure functions over plain rows; reading the marts and writing `app.performance_anomalies`
is `anomaly_store`'s job.

How a day is judged (see `anomaly_baseline` for the expectation itself):
- ROAS is judged on the log scale, because it is a ratio: halving and doubling are the same
  size of move, and the weekly pattern is multiplicative. The expected ln ROAS is built from
  the expected ln CVR, ln revenue-per-conversion and ln CPC (each the weekday-adjusted recent
  median of its own history), so the baseline of the root-cause split is *exactly* what the
  detector compared with, and the split adds up to the whole change.
- Profit is judged on its own scale; its expectation is likewise expected net revenue −
  expected ad spend − expected AI cost − expected other costs.
- The score is a robust z: (actual − expected) ÷ (1.4826 × MAD of the leave-one-out errors
  of the same prediction over the history). |z| ≥ 3.5 is an anomaly — Iglewicz and Hoaglin's
  cut-off for the modified z-score. Measured on generated campaigns (tests/finance/generated.py,
  ~200 sales a day, weekday pattern, noise): z has a spread of 1.03 on normal days, 0.3 % of
  normal days are flagged (about one false alarm per campaign and metric a year), and a day
  whose CPC doubles is flagged in 99 of 100 draws, CPC always carrying ≥ 79 % of the drop.
- A verdict needs MIN_HISTORY_DAYS usable days in the eight weeks before; with fewer, the
  check says so ("no verdict") instead of guessing.
- Zeros: logs of zero do not exist, so a day with spend but no clicks, clicks but no sale, or
  sales whose refunds left no revenue is judged by how unlikely it is (Poisson chance of
  zero at the expected rate, or the change against the expected ROAS) and explained in words
  rather than split. A day without spend has no ROAS at all and gets no ROAS verdict.
- Days without a row (a paused campaign) are not observations: they are neither history nor
  judged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import NormalDist, median

from affiliate.finance.anomaly_baseline import LOOKBACK_DAYS, expectation, in_window
from affiliate.finance.anomaly_drivers import (
    PROFIT_SIGNS,
    ROAS_SIGNS,
    ProfitDecomposition,
    decompose_roas,
    profit_of,
    profit_sentence,
    roas_sentence,
)
from affiliate.finance.anomaly_zeros import zero_roas_check
from affiliate.finance.cfo_format import cents, money, times

MIN_HISTORY_DAYS = 14
Z_THRESHOLD = 3.5
ROAS_SCALE_FLOOR = 0.05  # ln units: a flat series must move ~17 % (3.5 × 5 %) to be flagged
PROFIT_SCALE_FLOOR_SHARE = 0.05  # of the typical |profit|
PROFIT_SCALE_FLOOR_MIN = 1.0  # one currency unit
ROAS_LOG_SIGNS = ROAS_SIGNS  # ln ROAS = ln CVR + ln RPC − ln CPC
TAIL = 1 - NormalDist().cdf(Z_THRESHOLD)  # the same rarity for the zero-count checks


@dataclass(frozen=True)
class CampaignDay:
    """One campaign's day in fct_campaign_performance_daily, summed over its ads."""

    date_day: date
    campaign_id: int
    campaign_name: str
    currency_code: str
    clicks: int
    conversions: int
    revenue: Decimal
    spend: Decimal

    def drivers(self) -> dict[str, float] | None:
        """CVR, revenue per conversion and CPC, or None when one of them has no logarithm."""
        if self.clicks <= 0 or self.conversions <= 0 or self.revenue <= 0 or self.spend <= 0:
            return None
        return {
            "cvr": self.conversions / self.clicks,
            "rpc": float(self.revenue) / self.conversions,
            "cpc": float(self.spend) / self.clicks,
        }


@dataclass(frozen=True)
class CampaignPnlDay:
    """One campaign's day in fct_pnl_daily_by_campaign."""

    date_day: date
    campaign_id: int
    campaign_name: str
    currency_code: str
    net_revenue: Decimal
    ad_spend: Decimal
    ai_cost: Decimal
    other_costs: Decimal

    def parts(self) -> dict[str, Decimal]:
        return {k: getattr(self, k) for k in PROFIT_SIGNS}

    @property
    def profit(self) -> Decimal:
        return profit_of(self.parts())


@dataclass(frozen=True)
class Check:
    """The verdict on one metric of one campaign on one day."""

    date_day: date
    campaign_id: int
    campaign_name: str
    currency_code: str
    metric: str  # 'roas' or 'profit'
    status: str  # 'anomaly', 'normal' or 'no_verdict'
    sentence: str
    value: float | Decimal | None = None
    expected: float | Decimal | None = None
    score: float | None = None
    drivers: dict = field(default_factory=dict)

    @property
    def flagged(self) -> bool:
        return self.status == "anomaly"


def check_roas(days: Sequence[CampaignDay], day: date) -> Check:
    """Judge one campaign's ROAS on `day` against its own earlier days."""
    target = _the_day(days, day)
    verdict = _verdict_maker(target, "roas")
    if target.spend <= 0:
        return verdict("no_verdict", f"No ROAS on {day}: the campaign had no ad spend that day.")
    past = in_window([(d.date_day, d) for d in days], day)
    usable = [(d, row.drivers()) for d, row in past if row.drivers() is not None]
    if len(usable) < MIN_HISTORY_DAYS:
        return verdict("no_verdict", _too_short("ROAS", len(usable), past, "with spend and sales"))
    logs = [(d, {k: math.log(v) for k, v in drivers.items()}) for d, drivers in usable]
    expected = expectation(logs, ROAS_LOG_SIGNS, day, ROAS_SCALE_FLOOR)
    centers, expected_ln, scale = dict(expected.parts), expected.center, expected.scale
    actual, roas1 = target.drivers(), float(target.revenue / target.spend)
    if actual is None:
        status, sentence, score, drivers = zero_roas_check(target, centers, scale, TAIL)
        return verdict(status, sentence, roas1, math.exp(expected_ln), score, drivers)
    dec = decompose_roas(actual, centers)
    score = (math.log(roas1) - expected_ln) / scale
    if abs(score) >= Z_THRESHOLD:
        status, sentence = "anomaly", roas_sentence(dec)
    else:
        status = "normal"
        sentence = f"ROAS {times(roas1)} on {day}, within range of {times(math.exp(expected_ln))}."
    return verdict(status, sentence, roas1, math.exp(expected_ln), score, dec.as_json())


def check_profit(days: Sequence[CampaignPnlDay], day: date) -> Check:
    """Judge one campaign's profit on `day` against its own earlier days."""
    target = _the_day(days, day)
    verdict = _verdict_maker(target, "profit")
    past = in_window([(d.date_day, d) for d in days], day)
    if len(past) < MIN_HISTORY_DAYS:
        return verdict("no_verdict", _too_short("profit", len(past), past, "of P&L"))
    profits = [abs(row.profit) for _, row in past]
    floor = max(PROFIT_SCALE_FLOOR_SHARE * float(median(profits)), PROFIT_SCALE_FLOOR_MIN)
    expected_parts = expectation([(d, row.parts()) for d, row in past], PROFIT_SIGNS, day, floor)
    baseline = {k: cents(v) for k, v in expected_parts.parts.items()}
    scale = expected_parts.scale
    dec = ProfitDecomposition(target.parts(), baseline)
    expected = profit_of(baseline)
    score = float(target.profit - expected) / scale
    currency = target.currency_code
    if abs(score) >= Z_THRESHOLD:
        status, sentence = "anomaly", profit_sentence(dec, currency)
    else:
        status = "normal"
        sentence = (
            f"Profit {money(target.profit, currency)} on {day}, within range of "
            f"{money(expected, currency)}."
        )
    return verdict(status, sentence, target.profit, expected, score, dec.as_json())


def detect(
    performance: Iterable[CampaignDay], pnl: Iterable[CampaignPnlDay], days: Iterable[date]
) -> list[Check]:
    """Every check (ROAS and profit) of every campaign that had a row on each of `days`."""
    perf_by = _by_campaign(performance)
    pnl_by = _by_campaign(pnl)
    checks = []
    for day in sorted(set(days)):
        for rows in perf_by.values():
            if any(r.date_day == day for r in rows):
                checks.append(check_roas(rows, day))
        for rows in pnl_by.values():
            if any(r.date_day == day for r in rows):
                checks.append(check_profit(rows, day))
    return checks


def _by_campaign(rows):
    grouped: dict[tuple[int, str], list] = {}
    for row in rows:
        grouped.setdefault((row.campaign_id, row.currency_code), []).append(row)
    return grouped


def _the_day(days, day: date):
    matches = [d for d in days if d.date_day == day]
    if len(matches) != 1:
        raise ValueError(f"expected one row for {day}, found {len(matches)}")
    return matches[0]


def _verdict_maker(target, metric: str):
    def verdict(status, sentence, value=None, expected=None, score=None, drivers=None):
        return Check(
            target.date_day,
            target.campaign_id,
            target.campaign_name,
            target.currency_code,
            metric,
            status,
            f"{target.campaign_name}: {sentence}",
            value,
            expected,
            score,
            drivers or {},
        )

    return verdict


def _too_short(metric: str, usable: int, past: Sequence, what: str) -> str:
    skipped = len(past) - usable
    extra = f" ({skipped} more had no sale or no spend)" if skipped else ""
    return (
        f"No {metric} verdict: only {usable} day(s) {what} in the {LOOKBACK_DAYS} days before"
        f"{extra}; a verdict needs {MIN_HISTORY_DAYS}."
    )
