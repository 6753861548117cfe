"""ROAS on a day where one of its drivers is zero or negative, so it has no logarithm.

Three ways a day with spend loses its log decomposition, each judged by how unlikely it is at
the campaign's expected rates and explained in words:
- spend but no clicks: the chance of zero clicks at the expected CPC (Poisson);
- clicks but no sale: the chance of zero sales at the expected CVR (Poisson) — a small
  campaign often has such days, so they are flagged only when really unlikely;
- sales whose refunds left no positive revenue: the change against the expected ROAS,
  measured on the log scale's own spread (delta method: sd(ROAS) ≈ ROAS × sd(ln ROAS)).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from statistics import NormalDist
from typing import TYPE_CHECKING

from affiliate.finance.cfo_format import money, times

if TYPE_CHECKING:
    from affiliate.finance.anomalies import CampaignDay

NOT_SPLIT = "ROAS cannot be split into CVR, revenue per conversion and CPC when one is zero"


def zero_roas_check(
    day: CampaignDay, centers: Mapping[str, float], scale: float, tail: float
) -> tuple[str, str, float, dict]:
    """(status, sentence, score, drivers) for a day with spend where `day.drivers()` is None."""
    expected = {k: math.exp(v) for k, v in centers.items()}
    roas0 = expected["cvr"] * expected["rpc"] / expected["cpc"]
    roas1 = float(day.revenue / day.spend)
    cur = day.currency_code
    facts = {
        "decomposable": False,
        "actual": {
            "clicks": day.clicks,
            "conversions": day.conversions,
            "revenue": str(day.revenue),
            "spend": str(day.spend),
        },
        "baseline": expected,
    }
    if day.clicks <= 0:
        count = float(day.spend) / expected["cpc"]
        score, p_zero = _poisson_zero_score(count)
        what = (
            f"the platform charged {money(day.spend, cur)} but reported no clicks, where about "
            f"{_count(count)} were expected at the usual CPC of {money_f(expected['cpc'], cur)}"
        )
        reason = "no clicks"
    elif day.conversions <= 0:
        count = day.clicks * expected["cvr"]
        score, p_zero = _poisson_zero_score(count)
        what = (
            f"no sale from {day.clicks:,} clicks, where about {_count(count)} were expected"
            f" at the usual CVR of {expected['cvr'] * 100:.1f} %"
        )
        reason = "no conversions"
    else:
        count, p_zero = None, None
        score = (roas1 - roas0) / (roas0 * scale)
        what = (
            f"refunds and chargebacks outweighed the commission of its {day.conversions} sales "
            f"(net revenue {money(day.revenue, cur)})"
        )
        reason = "no positive revenue"
    facts |= {"reason": f"{reason}: {NOT_SPLIT}", "expected_count": count, "p_zero": p_zero}
    if score > -_threshold(tail):
        sentence = f"{what[0].upper()}{what[1:]}, which is not unusual for this campaign."
        return "normal", sentence, score, facts
    sentence = f"ROAS fell to {times(roas1)} against {times(roas0)} expected: {what}. {NOT_SPLIT}."
    return "anomaly", sentence, score, facts


def money_f(amount: float, currency: str) -> str:
    """A rate such as an expected CPC, a float statistic, shown as money."""
    return money(Decimal(str(round(amount, 2))), currency)


def _count(expected: float) -> str:
    return f"{expected:,.0f}" if expected >= 10 else f"{expected:.1f}"


def _poisson_zero_score(expected_count: float) -> tuple[float, float]:
    """The z-score with the same rarity as seeing zero events when `expected_count` were due."""
    p_zero = math.exp(-expected_count)
    return NormalDist().inv_cdf(min(max(p_zero, 1e-300), 0.5)), p_zero


def _threshold(tail: float) -> float:
    return -NormalDist().inv_cdf(tail)
