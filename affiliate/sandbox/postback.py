"""Posting pending sandbox sales to a webhook URL in one network's wire format.

Per call, in the chosen format (see postback_formats; ClickBank INS by default): every
not-yet-posted sale as an approval; a deterministic ~10 % of those as refunds (same
transaction, an hour later; at least one when ≥ 5 sales); then the run's first approval
delivered a second time, as that network retries (ClickBank: re-encrypted with a new IV;
Hotmart: the same bytes), so receivers must dedupe by content.
A failed post leaves its sale (or refund) pending for the next call; nothing is posted twice
except that deliberate redelivery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from affiliate.sandbox.hotmart import approved_at
from affiliate.sandbox.network_store import NetworkStore, Sale
from affiliate.sandbox.postback_formats import FORMATS, EventKind, Payload
from affiliate.sandbox.seeding import unit

REFUND_SHARE = 0.10
MIN_SALES_FOR_A_REFUND = 5
REFUND_DELAY = dt.timedelta(hours=1)

# Writes one event of a sale in the run's format.
Notify = Callable[[Sale, EventKind, dt.datetime], Payload]
# Delivers one payload on attempt n; True when the receiver answered 2xx.
Deliver = Callable[[Payload, int], bool]


@dataclass
class PostbackResult:
    approved: int = 0
    refunded: int = 0
    redelivered: int = 0
    failed: int = 0
    approved_commission: Decimal = Decimal("0.00")
    refunded_commission: Decimal = Decimal("0.00")

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
    store: NetworkStore,
    webhook_url: str,
    secret: str,
    now: dt.datetime,
    format_name: str = "clickbank",
    timeout: float = 10.0,
) -> PostbackResult:
    """Blocking: run it off the event loop when the webhook may be served by the same process.

    `secret` is the format's: ClickBank's secret key, or Hotmart's hottok.
    """
    fmt = FORMATS[format_name]
    result = PostbackResult()
    with (
        store.postback_lock,
        httpx.Client(headers=fmt.headers(secret), timeout=timeout) as client,
    ):

        def deliver(payload: Payload, attempt: int) -> bool:
            ok = _post(client, webhook_url, fmt.body(store.seed, payload, secret, attempt))
            if not ok:
                result.failed += 1
            return ok

        def notify(sale: Sale, kind: EventKind, at: dt.datetime) -> Payload:
            return fmt.notification(store.seed, sale, kind, at)

        first = _post_approvals(store, notify, deliver, result)
        _post_refunds(store, now, notify, deliver, result)
        if first is not None and deliver(first, 2):
            result.redelivered += 1
    return result


def _post_approvals(
    store: NetworkStore, notify: Notify, deliver: Deliver, result: PostbackResult
) -> Payload | None:
    """Post every pending sale and draw this run's refunds; return the first payload sent."""
    with store.lock:
        pending = [s for s in store.sales if not s.approved_posted]
    newly_approved: list[Sale] = []
    first: Payload | None = None
    for sale in pending:
        payload = notify(sale, "approved", approved_at(store.seed, sale))
        if deliver(payload, 1):
            sale.approved_posted = True
            newly_approved.append(sale)
            first = payload if first is None else first
            result.approved += 1
            result.approved_commission += sale.commissions.affiliate
    for sale in _choose_refunds(store.seed, newly_approved):
        sale.refund_due = True
    return first


def _post_refunds(
    store: NetworkStore,
    now: dt.datetime,
    notify: Notify,
    deliver: Deliver,
    result: PostbackResult,
) -> None:
    """Post every refund due and not yet posted (this run's, and earlier runs' failures)."""
    with store.lock:
        refunds = [s for s in store.sales if s.refund_due and not s.refund_posted]
    for sale in refunds:
        at = max(now, approved_at(store.seed, sale)) + REFUND_DELAY
        if deliver(notify(sale, "refunded", at), 1):
            sale.refund_posted = True
            result.refunded += 1
            result.refunded_commission += sale.commissions.affiliate


def _post(client: httpx.Client, url: str, body: bytes) -> bool:
    try:
        return client.post(url, content=body).is_success
    except httpx.HTTPError:
        return False


def _choose_refunds(seed: int, sales: list[Sale]) -> list[Sale]:
    """~10 % by hash of the transaction; the most refund-prone one if ≥ 5 sales got none."""
    draws = {s.transaction: unit(seed, "refund", s.transaction) for s in sales}
    chosen = [s for s in sales if draws[s.transaction] < REFUND_SHARE]
    if not chosen and len(sales) >= MIN_SALES_FOR_A_REFUND:
        chosen = [min(sales, key=lambda s: draws[s.transaction])]
    return chosen
