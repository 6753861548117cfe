"""A change in ROAS or profit split exactly into what moved, and said in one sentence.

ROAS = CVR × revenue per conversion ÷ CPC, with CVR = conversions ÷ clicks and
CPC = spend ÷ clicks over the *same* (platform-reported) clicks, so the clicks cancel and
the product is exactly revenue ÷ spend. In logs the product becomes a sum:

    ln(ROAS1/ROAS0) = ln(CVR1/CVR0) + ln(RPC1/RPC0) − ln(CPC1/CPC0)

so each driver's share of the change is its term over the whole, and the shares add up to
one whatever the order of the changes (unlike a sequential "first CPC, then CVR" split).
Profit is a sum already (net revenue − ad spend − AI cost − other costs): its parts are the
plain differences, in Decimal, and add up to the cent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from affiliate.finance.cfo_format import money, percent, times

ROAS_LABELS = {"cvr": "CVR", "rpc": "revenue per conversion", "cpc": "CPC"}
ROAS_SIGNS = {"cvr": 1, "rpc": 1, "cpc": -1}  # a dearer click lowers ROAS
PROFIT_LABELS = {
    "net_revenue": "net revenue",
    "ad_spend": "ad spend",
    "ai_cost": "AI cost",
    "other_costs": "other costs",
}
PROFIT_SIGNS = {"net_revenue": 1, "ad_spend": -1, "ai_cost": -1, "other_costs": -1}
HELD = 0.05  # a driver within ±5 % of its expected value "held"
HELD_SHARE = Decimal("0.05")  # a cost moving less than 5 % of the profit change "held"


@dataclass(frozen=True)
class LogDecomposition:
    """ln(ROAS1/ROAS0) and each driver's signed term; baseline = the expected drivers."""

    actual: Mapping[str, float]
    baseline: Mapping[str, float]
    contributions: Mapping[str, float]

    @property
    def total(self) -> float:
        return math.fsum(self.contributions.values())

    @property
    def roas_change(self) -> float:
        """Relative change of ROAS: 0.42 for +42 %."""
        return math.expm1(self.total)

    def shares(self) -> dict[str, float]:
        total = self.total
        return {k: (c / total if total else 0.0) for k, c in self.contributions.items()}

    def as_json(self) -> dict:
        return {
            "method": "log",
            "actual": dict(self.actual),
            "baseline": dict(self.baseline),
            "contributions": dict(self.contributions),
            "shares": self.shares(),
            "total_log_change": self.total,
        }


def decompose_roas(actual: Mapping[str, float], baseline_logs: Mapping[str, float]):
    """Split ln(ROAS1/ROAS0). `actual` holds cvr, rpc, cpc (all > 0); `baseline_logs` the
    detector's expected ln values of the same drivers."""
    contributions = {
        k: ROAS_SIGNS[k] * (math.log(actual[k]) - baseline_logs[k]) for k in ROAS_SIGNS
    }
    baseline = {k: math.exp(baseline_logs[k]) for k in ROAS_SIGNS}
    return LogDecomposition(dict(actual), baseline, contributions)


def roas_sentence(dec: LogDecomposition) -> str:
    """'ROAS fell 42 % (1.0× against 1.7× expected): CPC rose 80 % (most of the drop) while
    CVR held and revenue per conversion rose 3 %.'"""
    total = dec.total
    direction, noun = ("rose", "rise") if total > 0 else ("fell", "drop")
    roas1 = dec.actual["cvr"] * dec.actual["rpc"] / dec.actual["cpc"]
    roas0 = dec.baseline["cvr"] * dec.baseline["rpc"] / dec.baseline["cpc"]
    head = f"ROAS {direction} {percent(dec.roas_change)} ({times(roas1)} against {times(roas0)}"
    head += " expected)"
    shares = dec.shares()
    main = max(dec.contributions, key=lambda k: shares[k])
    first = (
        f"{_moved(dec, main) or ROAS_LABELS[main] + ' held'} ({_share_words(shares[main], noun)})"
    )
    others = [k for k in ROAS_SIGNS if k != main]
    return f"{head}: {first}{_while(others, lambda k: _moved(dec, k), ROAS_LABELS)}."


def _moved(dec: LogDecomposition, key: str) -> str | None:
    """'CPC rose 80 %', or None when the driver held."""
    ratio = dec.actual[key] / dec.baseline[key] - 1
    if abs(math.log1p(ratio)) < HELD:
        return None
    return f"{ROAS_LABELS[key]} {'rose' if ratio > 0 else 'fell'} {percent(ratio)}"


def _while(keys, moved, labels) -> str:
    """' while CVR rose 5 % and revenue per conversion held' (the drivers besides the main)."""
    phrases = [p for p in (moved(k) for k in keys) if p]
    held = [labels[k] for k in keys if not moved(k)]
    if held:
        phrases.append(f"{' and '.join(held)} held")
    return f" while {' and '.join(phrases)}" if phrases else ""


def _share_words(share: float, noun: str) -> str:
    if share >= 1.0:
        return f"all of the {noun}"
    if share >= 0.5:
        return f"most of the {noun}"
    return f"{share * 100:.0f} % of the {noun}"


@dataclass(frozen=True)
class ProfitDecomposition:
    """profit1 − profit0 as the signed change of each part; exact in Decimal."""

    actual: Mapping[str, Decimal]
    baseline: Mapping[str, Decimal]

    @property
    def contributions(self) -> dict[str, Decimal]:
        return {k: s * (self.actual[k] - self.baseline[k]) for k, s in PROFIT_SIGNS.items()}

    @property
    def total(self) -> Decimal:
        return sum(self.contributions.values(), Decimal("0"))

    def as_json(self) -> dict:
        def text(d: Mapping[str, Decimal]) -> dict[str, str]:
            return {k: str(v) for k, v in d.items()}

        return {
            "method": "additive",
            "actual": text(self.actual),
            "baseline": text(self.baseline),
            "contributions": text(self.contributions),
            "total_change": str(self.total),
        }


def profit_of(parts: Mapping[str, Decimal]) -> Decimal:
    return sum((s * parts[k] for k, s in PROFIT_SIGNS.items()), Decimal("0"))


def profit_sentence(dec: ProfitDecomposition, currency: str) -> str:
    """'Profit fell $240.00 to -$35.00 against $205.00 expected: ad spend rose $180.00 (most of
    the change) while net revenue fell $60.00 and AI cost held.'"""
    total = dec.total
    profit1, profit0 = profit_of(dec.actual), profit_of(dec.baseline)
    head = (
        f"Profit {'rose' if total > 0 else 'fell'} {money(abs(total), currency)} to "
        f"{money(profit1, currency)} against {money(profit0, currency)} expected"
    )
    contributions = dec.contributions
    # Parts that were zero and stayed zero (other costs, today) are not worth a word.
    moving = [k for k in PROFIT_SIGNS if dec.actual[k] or dec.baseline[k]]
    main = max(moving, key=lambda k: contributions[k] * (1 if total > 0 else -1))
    share = float(contributions[main] / total) if total else 0.0
    first = f"{_part_moved(dec, main, currency)} ({_share_words(share, 'change')})"
    others = [k for k in moving if k != main]
    tail = _while(others, lambda k: _part_moved(dec, k, currency, total), PROFIT_LABELS)
    return f"{head}: {first}{tail}."


def _part_moved(
    dec: ProfitDecomposition, key: str, currency: str, total: Decimal | None = None
) -> str | None:
    """'ad spend rose $180.00', or None when the part held."""
    change = dec.actual[key] - dec.baseline[key]
    if total is not None and (not change or abs(change) < HELD_SHARE * abs(total)):
        return None
    verb = "rose" if change > 0 else "fell"
    return f"{PROFIT_LABELS[key]} {verb} {money(abs(change), currency)}"
