"""The anomaly detector over generated campaigns: a planted CPC spike is found and blamed on
CPC, untouched campaigns stay quiet, the split adds up, and short or zero-filled histories get
a plain answer instead of a guess or a crash."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from affiliate.finance.anomalies import (
    MIN_HISTORY_DAYS,
    CampaignDay,
    check_profit,
    check_roas,
    detect,
)
from tests.finance.generated import CAMPAIGNS, Campaign, Plant, history, pnl_of

FIRST = date(2024, 3, 4)  # a Monday
LAST = FIRST + timedelta(days=42)  # six weeks of history, then the day judged


def campaign(rows, campaign_id: int):
    return [r for r in rows if r.campaign_id == campaign_id]


def the_check(checks, campaign_id: int, metric: str):
    [check] = [c for c in checks if c.campaign_id == campaign_id and c.metric == metric]
    return check


@pytest.mark.parametrize("seed", range(5))
def test_a_planted_cpc_spike_is_flagged_and_blamed_on_cpc(seed):
    rows = history(FIRST, 43, seed, plants=(Plant(1, LAST, cpc=2.0),))
    checks = detect(rows, pnl_of(rows), [LAST])

    spiked = the_check(checks, 1, "roas")
    assert spiked.flagged, spiked.sentence
    shares = spiked.drivers["shares"]
    assert max(shares, key=shares.get) == "cpc"
    assert shares["cpc"] > 0.5
    assert spiked.sentence.startswith("Keto - Search: ROAS fell")
    assert "CPC rose" in spiked.sentence
    assert "of the drop" in spiked.sentence and "CPC rose" in spiked.sentence.split("(")[1]

    # The parts add up to the whole: ln(ROAS1/ROAS0), ROAS1 from the raw row's revenue ÷ spend
    # and ROAS0 the detector's expectation, which is the product of the expected drivers.
    [day] = [r for r in campaign(rows, 1) if r.date_day == LAST]
    whole = math.log(float(day.revenue / day.spend) / spiked.expected)
    assert math.fsum(spiked.drivers["contributions"].values()) == pytest.approx(whole, abs=1e-9)
    assert math.fsum(shares.values()) == pytest.approx(1.0, abs=1e-9)
    base = spiked.drivers["baseline"]
    assert base["cvr"] * base["rpc"] / base["cpc"] == pytest.approx(spiked.expected, rel=1e-12)

    for untouched in (2, 3):
        for metric in ("roas", "profit"):
            check = the_check(checks, untouched, metric)
            assert check.status == "normal", check.sentence


def test_normal_days_are_rarely_flagged():
    # 4 draws × 14 days × 3 campaigns × 2 metrics = 336 normal checks. Measured rate: ~0.3 %;
    # judged against in-sample residuals instead of leave-one-out errors it was ~2 %.
    checks = []
    for seed in range(20, 24):
        rows = history(FIRST, 56, seed=seed)
        days = [FIRST + timedelta(days=k) for k in range(42, 56)]
        checks += detect(rows, pnl_of(rows), days)
    assert len(checks) == 4 * 14 * len(CAMPAIGNS) * 2
    assert all(c.status != "no_verdict" for c in checks)
    flagged = [c.sentence for c in checks if c.flagged]
    assert len(flagged) / len(checks) < 0.015, flagged


def test_a_planted_cvr_drop_is_blamed_on_cvr_not_cpc():
    rows = history(FIRST, 43, seed=3, plants=(Plant(2, LAST, cvr=0.5),))
    check = the_check(detect(rows, [], [LAST]), 2, "roas")
    assert check.flagged
    assert max(check.drivers["shares"], key=check.drivers["shares"].get) == "cvr"
    assert "CVR fell" in check.sentence and "CPC held" in check.sentence


def test_the_weekend_is_expected_to_look_like_weekends():
    # Weekend ROAS runs ~40 % above weekdays here; Sunday is judged against Sundays.
    strong = Campaign(9, "Weekend", clicks=5000, cvr=0.04, rpc=30.0, cpc=0.45)
    rows = history(FIRST, 42, seed=5, campaigns=(strong,))
    sunday = FIRST + timedelta(days=41)
    assert sunday.weekday() == 6
    check = check_roas(rows, sunday)
    assert check.status == "normal", check.sentence
    sundays = [r for r in rows if r.date_day.weekday() == 6 and r.date_day < sunday]
    weekdays = [r for r in rows if r.date_day.weekday() < 5]
    sunday_roas = sum(float(r.revenue / r.spend) for r in sundays) / len(sundays)
    weekday_roas = sum(float(r.revenue / r.spend) for r in weekdays) / len(weekdays)
    assert sunday_roas > 1.3 * weekday_roas  # the pattern is real …
    assert check.expected == pytest.approx(sunday_roas, rel=0.05)  # … and expected


def test_an_earlier_outlier_neither_moves_the_expectation_nor_hides_the_next_spike():
    earlier = LAST - timedelta(days=7)
    clean = history(FIRST, 43, seed=2, plants=(Plant(1, LAST, cpc=2.0),))
    dirty = history(FIRST, 43, seed=2, plants=(Plant(1, earlier, rpc=4.0), Plant(1, LAST, cpc=2.0)))
    before, after = check_roas(campaign(clean, 1), LAST), check_roas(campaign(dirty, 1), LAST)
    assert after.flagged
    assert after.expected == pytest.approx(before.expected, rel=0.03)


def test_too_short_a_history_gets_no_verdict_and_says_why():
    rows = campaign(history(FIRST, MIN_HISTORY_DAYS + 1, seed=1), 1)
    day = rows[-1].date_day
    short = check_roas(rows[1:], day)  # 13 days before
    assert short.status == "no_verdict"
    assert "only 13 day(s)" in short.sentence and f"needs {MIN_HISTORY_DAYS}" in short.sentence
    assert check_profit(pnl_of(rows[1:]), day).status == "no_verdict"
    assert check_roas(rows, day).status in ("normal", "anomaly")  # 14 days: a verdict


def test_days_without_sales_in_the_history_do_not_count_towards_it():
    rows = campaign(history(FIRST, 20, seed=1), 1)
    zeroed = [
        replace(r, conversions=0, revenue=Decimal("0.00")) if i % 2 else r
        for i, r in enumerate(rows)
    ]
    check = check_roas(zeroed, rows[-1].date_day)
    assert check.status == "no_verdict"
    assert "more had no sale or no spend" in check.sentence


def zero_day(rows, **changes) -> list[CampaignDay]:
    return [replace(r, **changes) if r.date_day == LAST else r for r in rows]


def test_no_sale_from_thousands_of_clicks_is_flagged_without_a_log_of_zero():
    rows = zero_day(campaign(history(FIRST, 43, seed=4), 1), conversions=0, revenue=Decimal("0"))
    check = check_roas(rows, LAST)
    assert check.flagged
    assert check.value == 0.0
    assert "no sale from" in check.sentence and "cannot be split" in check.sentence
    assert check.drivers["decomposable"] is False
    assert check.drivers["p_zero"] < 1e-50


def test_no_sale_on_a_small_campaign_is_normal():
    small = Campaign(5, "Tiny", clicks=60, cvr=0.02, rpc=30.0, cpc=0.45)
    # A campaign this small has days without a sale; give it a history of sales to judge by.
    rows = [
        replace(r, conversions=max(r.conversions, 1), revenue=max(r.revenue, Decimal("30")))
        for r in history(FIRST, 43, seed=4, campaigns=(small,))
    ]
    rows = zero_day(rows, conversions=0, revenue=Decimal("0"))
    check = check_roas(rows, LAST)
    assert check.status == "normal"
    assert "not unusual" in check.sentence


def test_spend_without_clicks_and_refunds_beyond_sales_are_explained():
    rows = campaign(history(FIRST, 43, seed=4), 1)
    no_clicks = check_roas(zero_day(rows, clicks=0, conversions=0, revenue=Decimal("0")), LAST)
    assert no_clicks.flagged and "reported no clicks" in no_clicks.sentence
    refunds = check_roas(zero_day(rows, revenue=Decimal("-25.00")), LAST)
    assert refunds.flagged and "refunds and chargebacks outweighed" in refunds.sentence
    assert refunds.drivers["reason"].startswith("no positive revenue")


def test_a_day_without_spend_has_no_roas_verdict():
    rows = zero_day(campaign(history(FIRST, 43, seed=4), 1), spend=Decimal("0.00"))
    check = check_roas(rows, LAST)
    assert check.status == "no_verdict" and "no ad spend" in check.sentence


def test_a_profit_drop_from_doubled_spend_is_split_to_the_cent():
    rows = history(FIRST, 43, seed=6, plants=(Plant(3, LAST, cpc=2.0),))
    check = check_profit(pnl_of(campaign(rows, 3)), LAST)
    assert check.flagged
    contributions = {k: Decimal(v) for k, v in check.drivers["contributions"].items()}
    assert max(contributions, key=lambda k: -contributions[k]) == "ad_spend"
    assert sum(contributions.values()) == check.value - check.expected  # exact, in Decimal
    assert check.sentence.startswith("Sleep - Native: Profit fell")
    assert "ad spend rose $" in check.sentence
