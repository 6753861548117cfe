"""Posting pending sandbox sales to a webhook URL, the way Hotmart's postback does.

Per call: every not-yet-posted sale as PURCHASE_APPROVED; a deterministic ~10 % of those
as PURCHASE_REFUNDED (new envelope id, same transaction; at least one when ≥ 5 sales);
then one already-sent envelope again, unchanged, so receivers must dedupe by `id`.
A failed post leaves its sale (or refund) pending for the next call; nothing is posted twice
except that deliberate redelivery.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from affiliate.sandbox.hotmart import approved_at, hotmart_envelope
from affiliate.sandbox.network_store import NetworkStore, Sale
from affiliate.sandbox.seeding import unit

REFUND_SHARE = 0.10
MIN_SALES_FOR_A_REFUND = 5


@dataclass
class PostbackResult:
    approved: int = 0
    refunded: int = 0
    redelivered: int = 0
    failed: int = 0
    approved_commission: Decimal = Decimal("0.00")
    refunded_commission: Decimal = Decimal("0.00")
    sent: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "approved": self.approved,
            "refunded": self.refunded,
            "redelivered": self.redelivered,
            "failed": self.failed,
            "approved_commission": f"{self.approved_commission:.2f}",
            "refunded_commission": f"{self.refunded_commission:.2f}",
            "currency": "USD",
        }


def post_pending_sales(
    store: NetworkStore, webhook_url: str, hottok: str, now: dt.datetime, timeout: float = 10.0
) -> PostbackResult:
    """Blocking: run it off the event loop when the webhook may be served by the same process."""
    result = PostbackResult()
    headers = {"X-HOTMART-HOTTOK": hottok, "Content-Type": "application/json"}
    with store.postback_lock, httpx.Client(headers=headers, timeout=timeout) as client:

        def post(envelope: dict[str, Any]) -> bool:
            try:
                ok = client.post(webhook_url, content=json.dumps(envelope)).is_success
            except httpx.HTTPError:
                ok = False
            if ok:
                result.sent.append(envelope)
            else:
                result.failed += 1
            return ok

        with store.lock:
            pending = [s for s in store.sales if not s.approved_posted]
        newly_approved: list[Sale] = []
        for sale in pending:
            approved = approved_at(store.seed, sale)
            if post(hotmart_envelope(store.seed, sale, "PURCHASE_APPROVED", approved)):
                sale.approved_posted = True
                newly_approved.append(sale)
                result.approved += 1
                result.approved_commission += sale.commissions.affiliate
        first_sent = list(result.sent[:1])

        for sale in _choose_refunds(store.seed, newly_approved):
            sale.refund_due = True
        with store.lock:
            refunds = [s for s in store.sales if s.refund_due and not s.refund_posted]
        for sale in refunds:
            created = max(now, approved_at(store.seed, sale)) + dt.timedelta(hours=1)
            if post(hotmart_envelope(store.seed, sale, "PURCHASE_REFUNDED", created)):
                sale.refund_posted = True
                result.refunded += 1
                result.refunded_commission += sale.commissions.affiliate

        if first_sent and post(first_sent[0]):
            result.redelivered += 1
    return result


def _choose_refunds(seed: int, sales: list[Sale]) -> list[Sale]:
    """~10 % by hash of the transaction; the most refund-prone one if ≥ 5 sales got none."""
    draws = {s.transaction: unit(seed, "refund", s.transaction) for s in sales}
    chosen = [s for s in sales if draws[s.transaction] < REFUND_SHARE]
    if not chosen and len(sales) >= MIN_SALES_FOR_A_REFUND:
        chosen = [min(sales, key=lambda s: draws[s.transaction])]
    return chosen
