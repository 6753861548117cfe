"""The root-cause split on hand-made numbers: exact parts, and the sentences they make."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from affiliate.finance.anomaly_drivers import (
    ProfitDecomposition,
    decompose_roas,
    profit_sentence,
    roas_sentence,
)
from affiliate.finance.cfo_format import money, signed_money, signed_percent, times

BASE = {"cvr": 0.04, "rpc": 30.0, "cpc": 0.60}  # ROAS 2.0


def logs(drivers):
    return {k: math.log(v) for k, v in drivers.items()}


def test_a_doubled_cpc_is_the_whole_of_a_halved_roas():
    dec = decompose_roas({"cvr": 0.04, "rpc": 30.0, "cpc": 1.20}, logs(BASE))
    assert dec.contributions["cpc"] == pytest.approx(-math.log(2), abs=1e-12)
    assert dec.shares()["cpc"] == pytest.approx(1.0, abs=1e-12)
    assert dec.roas_change == pytest.approx(-0.5, abs=1e-12)
    assert roas_sentence(dec) == (
        "ROAS fell 50 % (1.0× against 2.0× expected): CPC rose 100 % (all of the drop)"
        " while CVR and revenue per conversion held."
    )


def test_the_parts_add_up_whatever_moves_together():
    actual = {"cvr": 0.03, "rpc": 36.0, "cpc": 0.90}
    dec = decompose_roas(actual, logs(BASE))
    roas1 = actual["cvr"] * actual["rpc"] / actual["cpc"]
    assert dec.total == pytest.approx(math.log(roas1 / 2.0), abs=1e-12)
    assert sum(dec.shares().values()) == pytest.approx(1.0, abs=1e-12)
    # ln(0.75) + ln(1.2) − ln(1.5): CPC carries ln 1.5 / ln(1/0.6) ≈ 79 % of the drop.
    assert dec.shares()["cpc"] == pytest.approx(math.log(1.5) / -math.log(0.6), rel=1e-12)
    assert roas_sentence(dec) == (
        "ROAS fell 40 % (1.2× against 2.0× expected): CPC rose 50 % (most of the drop)"
        " while CVR fell 25 % and revenue per conversion rose 20 %."
    )


def test_a_profit_change_is_split_to_the_cent():
    baseline = {
        "net_revenue": Decimal("1250.00"),
        "ad_spend": Decimal("730.00"),
        "ai_cost": Decimal("12.00"),
        "other_costs": Decimal("0.00"),
    }
    actual = dict(baseline, ad_spend=Decimal("910.00"), net_revenue=Decimal("1190.00"))
    dec = ProfitDecomposition(actual, baseline)
    assert dec.contributions == {
        "net_revenue": Decimal("-60.00"),
        "ad_spend": Decimal("-180.00"),
        "ai_cost": Decimal("0.00"),
        "other_costs": Decimal("0.00"),
    }
    assert dec.total == Decimal("-240.00")
    assert profit_sentence(dec, "USD") == (
        "Profit fell $240.00 to $268.00 against $508.00 expected: ad spend rose $180.00"
        " (most of the change) while net revenue fell $60.00 and AI cost held."
    )


def test_money_and_ratios_print_as_a_cfo_reads_them():
    assert money(Decimal("1250"), "USD") == "$1,250.00"
    assert money(Decimal("-35.004"), "EUR") == "-€35.00"
    assert money(Decimal("0.005"), "BRL") == "R$0.01"  # half up, to the cent
    assert money(Decimal("1234567.8"), "MXN") == "1,234,567.80 MXN"
    assert signed_money(Decimal("180"), "USD") == "+$180.00"
    assert signed_money(Decimal("-60"), "USD") == "-$60.00"
    assert signed_percent(0.154) == "+15 %"
    assert signed_percent(-0.001) == "0 %"
    assert times(3.46) == "3.5×"
