"""The daily CFO summary: one day's profit against the day before, and the campaign behind
the change, in sentences whose every number is computed here from the marts (never by an LLM).

"Yesterday's profit was $520.00 (up 15 % from $452.17 the day before) on net revenue of
$1,250.00 and ad spend of $730.00. The increase came mostly from Keto - Search (profit
+$310.00), at 3.5× ROAS (2.1× the day before), after its ad spend rose 40 % (from $400.00 to
$560.00)."

The comparison is always with the calendar day before. The driver is the campaign whose
profit changed most, in either direction. Budgets: app.campaigns keeps only the current
budget (no history, see migration 0001), so a budget change cannot be shown from the data;
the summary describes the spend change instead and never claims a budget was raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from affiliate.finance.cfo_format import cents, money, percent, signed_money, times

ZERO = Decimal("0.00")
STEADY = Decimal("0.05")  # spend within ±5 % of the day before is "steady"


@dataclass(frozen=True)
class Totals:
    """A day's P&L in one currency, for the business or for one campaign."""

    currency_code: str
    net_revenue: Decimal = ZERO
    ad_spend: Decimal = ZERO
    ai_cost: Decimal = ZERO
    other_costs: Decimal = ZERO
    campaign_id: int | None = None
    campaign_name: str = ""

    @property
    def profit(self) -> Decimal:
        return self.net_revenue - self.ad_spend - self.ai_cost - self.other_costs

    @property
    def roas(self) -> Decimal | None:
        return (
            (self.net_revenue / self.ad_spend).quantize(Decimal("0.01")) if self.ad_spend else None
        )

    def as_json(self) -> dict:
        return {
            "net_revenue": str(self.net_revenue),
            "ad_spend": str(self.ad_spend),
            "ai_cost": str(self.ai_cost),
            "other_costs": str(self.other_costs),
            "profit": str(self.profit),
            "roas": None if self.roas is None else str(self.roas),
        }


@dataclass(frozen=True)
class Summary:
    date_day: date
    text: str
    figures: dict


def summarise(
    day: date,
    totals: Sequence[Totals],
    previous: Sequence[Totals],
    campaigns: Sequence[Totals],
    previous_campaigns: Sequence[Totals],
    today: date | None = None,
    currency_if_empty: str = "USD",
) -> Summary:
    """The summary of `day` (totals per currency) against the day before."""
    currencies = sorted({t.currency_code for t in (*totals, *previous)}) or [currency_if_empty]
    label = (
        "Yesterday's profit" if today and day == today - timedelta(days=1) else f"Profit on {day}"
    )
    paragraphs, figures = [], {}
    for cur in currencies:
        now = _one(totals, cur)
        before = _one(previous, cur)
        driver = _driver(
            [c for c in campaigns if c.currency_code == cur],
            [c for c in previous_campaigns if c.currency_code == cur],
        )
        paragraphs.append(_paragraph(label, cur, now, before, driver))
        figures[cur] = {
            **(now or Totals(cur)).as_json(),
            "previous_day": (before or Totals(cur)).as_json(),
            "profit_change": str(_profit(now, cur) - _profit(before, cur)),
            "profit_change_ratio": _ratio_text(_profit(now, cur), _profit(before, cur)),
            "driver": _driver_json(driver),
        }
    return Summary(
        day,
        " ".join(paragraphs),
        {
            "date_day": str(day),
            "compared_with": str(day - timedelta(days=1)),
            "currencies": figures,
        },
    )


def _paragraph(label: str, cur: str, now: Totals | None, before: Totals | None, driver) -> str:
    if now is None:
        return (
            f"{label} was {money(ZERO, cur)}: no revenue, ad spend or AI cost was recorded that day"
            f" (the day before: {money(_profit(before, cur), cur)})."
        )
    costs = [f"net revenue of {money(now.net_revenue, cur)}"]
    costs += [f"ad spend of {money(now.ad_spend, cur)}"]
    costs += [f"AI cost of {money(now.ai_cost, cur)}"] if now.ai_cost else []
    costs += [f"other costs of {money(now.other_costs, cur)}"] if now.other_costs else []
    change = _change_words(now.profit, _profit(before, cur), cur)
    text = f"{label} was {money(now.profit, cur)} ({change}) on {_and(costs)}."
    return text + _driver_sentence(now.profit - _profit(before, cur), driver, cur)


def _change_words(p1: Decimal, p0: Decimal, cur: str) -> str:
    if p1 == p0:
        return "unchanged from the day before"
    direction = "up" if p1 > p0 else "down"
    if p0 == 0:
        return f"{direction} {money(abs(p1 - p0), cur)} from {money(p0, cur)} the day before"
    return f"{direction} {percent((p1 - p0) / abs(p0))} from {money(p0, cur)} the day before"


def _driver(campaigns: Sequence[Totals], previous: Sequence[Totals]):
    """(campaign today, campaign the day before, profit change) of the biggest mover, or None."""
    ids = {c.campaign_id for c in (*campaigns, *previous)}
    moves = []
    for cid in ids:
        now = next((c for c in campaigns if c.campaign_id == cid), None)
        before = next((c for c in previous if c.campaign_id == cid), None)
        either = now or before
        now = now or Totals(
            either.currency_code, campaign_id=cid, campaign_name=either.campaign_name
        )
        before = before or Totals(
            now.currency_code, campaign_id=cid, campaign_name=now.campaign_name
        )
        moves.append((now, before, now.profit - before.profit))
    # Ties broken by name so the same data always names the same campaign.
    moves.sort(key=lambda m: (-abs(m[2]), m[0].campaign_name))
    return moves[0] if moves and moves[0][2] else None


def _driver_sentence(total_change: Decimal, driver, cur: str) -> str:
    if driver is None:
        return " No campaign's profit changed from the day before." if total_change else ""
    now, before, change = driver
    name = now.campaign_name if now.campaign_id is not None else "the Unattributed bucket"
    details = f" ({'profit ' + signed_money(change, cur)}){_roas_and_spend(now, before, cur)}."
    if total_change and (change > 0) == (total_change > 0):
        noun = "increase" if total_change > 0 else "decrease"
        share = change / total_change
        if share >= Decimal("0.5"):
            return f" The {noun} came mostly from {name}{details}"
        return f" The largest part of the {noun} ({percent(share)}) came from {name}{details}"
    against = ", against the overall trend" if total_change else ""
    return f" The largest single change was {name}{against}{details}"


def _roas_and_spend(now: Totals, before: Totals, cur: str) -> str:
    if now.campaign_id is None:  # revenue no campaign claims and AI cost: no spend to speak of
        return ""
    if now.roas is None:
        roas = ", with no ad spend"
    else:
        roas = f", at {times(float(now.roas))} ROAS"
        roas += f" ({times(float(before.roas))} the day before)" if before.roas is not None else ""
    s0, s1 = before.ad_spend, now.ad_spend
    if s1 == 0 and s0 == 0:
        return roas
    if s0 == 0:
        return f"{roas}, as it started spending ({money(s1, cur)})"
    if s1 == 0:
        return f", as its ad spend stopped (from {money(s0, cur)} the day before)"
    rel = (s1 - s0) / s0
    if abs(rel) < STEADY:
        return f"{roas}, with ad spend steady at {money(s1, cur)}"
    verb = "rose" if rel > 0 else "fell"
    span = f"from {money(s0, cur)} to {money(s1, cur)}"
    return f"{roas}, after its ad spend {verb} {percent(rel)} ({span})"


def _driver_json(driver) -> dict | None:
    if driver is None:
        return None
    now, before, change = driver
    return {
        "campaign_id": now.campaign_id,
        "campaign_name": now.campaign_name,
        "profit_change": str(change),
        "day": now.as_json(),
        "previous_day": before.as_json(),
    }


def _one(rows: Sequence[Totals], cur: str) -> Totals | None:
    return next((r for r in rows if r.currency_code == cur), None)


def _profit(totals: Totals | None, cur: str) -> Decimal:
    return cents(totals.profit) if totals else ZERO


def _ratio_text(p1: Decimal, p0: Decimal) -> str | None:
    return None if p0 == 0 else str(((p1 - p0) / abs(p0)).quantize(Decimal("0.0001")))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
