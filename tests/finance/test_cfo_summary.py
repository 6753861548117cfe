"""The CFO summary on hand-made days: every figure in the sentence checked to the cent."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

from affiliate.finance.cfo_summary import Totals, summarise

DAY, BEFORE, TODAY = date(2024, 5, 3), date(2024, 5, 2), date(2024, 5, 4)


def campaign(cid, name, revenue, spend, cur="USD", ai="0.00"):
    return Totals(cur, D(revenue), D(spend), D(ai), campaign_id=cid, campaign_name=name)


def total(rows):
    cur = rows[0].currency_code
    return Totals(
        cur,
        sum((r.net_revenue for r in rows), D("0.00")),
        sum((r.ad_spend for r in rows), D("0.00")),
        sum((r.ai_cost for r in rows), D("0.00")),
    )


X_NOW, Y_NOW = campaign(1, "Keto - Search", "700.00", "200.00"), campaign(2, "Yoga", "550", "530")
X_BEFORE = campaign(1, "Keto - Search", "420.00", "160.00")
Y_BEFORE = campaign(2, "Yoga", "680.00", "487.83")


def test_yesterday_against_the_day_before_with_the_campaign_that_moved_most():
    now, before = [X_NOW, Y_NOW], [X_BEFORE, Y_BEFORE]
    summary = summarise(DAY, [total(now)], [total(before)], now, before, today=TODAY)
    assert summary.text == (
        "Yesterday's profit was $520.00 (up 15 % from $452.17 the day before) on net revenue of"
        " $1,250.00 and ad spend of $730.00. The increase came mostly from Keto - Search"
        " (profit +$240.00), at 3.5× ROAS (2.6× the day before), after its ad spend rose 25 %"
        " (from $160.00 to $200.00)."
    )
    usd = summary.figures["currencies"]["USD"]
    assert usd["profit"] == "520.00" and usd["previous_day"]["profit"] == "452.17"
    assert usd["profit_change"] == "67.83"
    assert usd["profit_change_ratio"] == "0.1500"
    assert usd["driver"]["campaign_name"] == "Keto - Search"
    assert usd["driver"]["profit_change"] == "240.00"
    assert summary.figures["compared_with"] == "2024-05-02"
    json.dumps(summary.figures)  # storable as JSON: money as strings, no Decimal left


def test_the_biggest_mover_against_the_trend_is_not_called_the_cause():
    # Keto gains $240 while Yoga loses $400: profit falls, and Keto did not cause it …
    y_now = campaign(2, "Yoga", "400.00", "600.00")
    y_before = campaign(2, "Yoga", "680.00", "480.00")
    now, before = [X_NOW, y_now], [X_BEFORE, y_before]
    text = summarise(DAY, [total(now)], [total(before)], now, before, today=TODAY).text
    assert "The decrease came mostly from Yoga (profit -$400.00)" in text
    assert "after its ad spend rose 25 % (from $480.00 to $600.00)" in text
    # … and when the biggest mover goes against the total, it is said so.
    # Keto +$240, Yoga -$160, Zen -$150: profit falls $70 though the biggest mover rose.
    y_now, y_before = campaign(2, "Yoga", "320.00", "530.00"), campaign(2, "Yoga", "480", "530")
    z_now, z_before = campaign(3, "Zen", "250.00", "300.00"), campaign(3, "Zen", "300", "200")
    now, before = [X_NOW, y_now, z_now], [X_BEFORE, y_before, z_before]
    text = summarise(DAY, [total(now)], [total(before)], now, before, today=TODAY).text
    assert "(down 23 % from $310.00 the day before)" in text
    assert (
        "The largest single change was Keto - Search, against the overall trend (profit"
        " +$240.00), at 3.5× ROAS" in text
    )
    assert "came mostly from" not in text


def test_no_budget_is_ever_claimed_and_steady_spend_is_said_so():
    x_now = campaign(1, "Keto - Search", "800.00", "161.00")
    text = summarise(DAY, [total([x_now])], [total([X_BEFORE])], [x_now], [X_BEFORE]).text
    assert "budget" not in text
    assert "with ad spend steady at $161.00" in text
    assert text.startswith("Profit on 2024-05-03 was $639.00")  # no `today`: the date is named


def test_a_campaign_that_started_or_stopped_spending():
    new = campaign(4, "New", "90.00", "40.00")
    text = summarise(DAY, [total([new])], [], [new], [], today=TODAY).text
    assert "(up $50.00 from $0.00 the day before)" in text
    assert "as it started spending ($40.00)" in text
    stopped = campaign(4, "New", "0.00", "0.00")
    text = summarise(DAY, [total([stopped])], [total([new])], [stopped], [new]).text
    assert "The decrease came mostly from New (profit -$50.00), as its ad spend stopped" in text


def test_a_day_without_any_activity_is_said_plainly():
    summary = summarise(DAY, [], [total([X_BEFORE])], [], [X_BEFORE], today=TODAY)
    assert summary.text == (
        "Yesterday's profit was $0.00: no revenue, ad spend or AI cost was recorded that day"
        " (the day before: $260.00)."
    )
    assert summary.figures["currencies"]["USD"]["profit"] == "0.00"
    empty = summarise(DAY, [], [], [], [], today=TODAY, currency_if_empty="EUR")
    assert "€0.00: no revenue" in empty.text


def test_unchanged_profit_and_ai_costs_are_reported():
    x = campaign(1, "Keto - Search", "420.00", "160.00", ai="3.20")
    text = summarise(DAY, [total([x])], [total([x])], [x], [x], today=TODAY).text
    assert text == (
        "Yesterday's profit was $256.80 (unchanged from the day before) on net revenue of"
        " $420.00, ad spend of $160.00 and AI cost of $3.20."
    )


def test_each_currency_gets_its_own_sentence():
    eur_now, eur_before = campaign(7, "Vida", "100.00", "40.00", "EUR"), None
    now = [X_NOW, eur_now]
    text = summarise(DAY, [total([X_NOW]), total([eur_now])], [], now, [], today=TODAY).text
    assert "Yesterday's profit was €60.00" in text and "Yesterday's profit was $500.00" in text
    assert eur_before is None
