"""Deliveries from the four kinds of network, with the conversions they must produce.

Each generated sale follows a scenario (approved; pending then approved; approved then
refunded or charged back; pending then cancelled; a dispute that changes nothing) and is
encoded in its network's wire format, exactly as the network would send it. A share of the
deliveries is sent again (ClickBank re-encrypts a retry with a new IV, as it does), test
notifications are mixed in, and everything is shuffled. `expected` is what the conversions
table must hold afterwards, computed here from the scenarios, not by the code under test.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from affiliate.config import (
    SANDBOX_CLICKBANK_SECRET_KEY,
    SANDBOX_DIGISTORE24_PASSPHRASE,
    SANDBOX_HOTTOK,
    SANDBOX_POSTBACK_SECRETS,
)
from affiliate.sandbox.wire.clickbank_ins import encrypt_notification, ins_payload
from affiliate.sandbox.wire.digistore24_ipn import ipn_body
from affiliate.sandbox.wire.postback import postback_query
from tests.hotmart_payloads import envelope

POSTBACK_NETWORK, POSTBACK_SECRET = next(iter(SANDBOX_POSTBACK_SECRETS.items()))
NETWORKS = ("hotmart", "clickbank", "digistore24", POSTBACK_NETWORK)
BERLIN = ZoneInfo("Europe/Berlin")
# (share, the statuses the sale goes through in its own time order)
SCENARIOS = (
    (0.60, ("approved",)),
    (0.10, ("pending", "approved")),
    (0.12, ("approved", "refunded")),
    (0.06, ("approved", "chargeback")),
    (0.06, ("pending", "cancelled")),
    (0.06, ("approved", "dispute")),  # recorded in the history, changes nothing
)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    query: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Expected:
    status: str
    commission: Decimal
    sale: Decimal


@dataclass
class Sale:
    network: str
    transaction: str
    click_id: str
    commission: Decimal
    price: Decimal
    at: datetime  # approval (or the first event) time
    steps: tuple[str, ...]


def generate(deliveries: int = 10_000, redelivered: float = 0.2, seed: int = 20261125):
    """(requests in arrival order, {(network, transaction id): Expected}, test notices)."""
    rng = random.Random(seed)
    originals: list[tuple[Sale, str, datetime]] = []  # (sale, step, event time)
    sales: list[Sale] = []
    target = round(deliveries / (1 + redelivered))
    tests = 0
    while len(originals) + tests < target:
        if rng.random() < 0.01:
            tests += 1
            continue
        sale = _sale(rng, len(sales))
        sales.append(sale)
        for i, step in enumerate(sale.steps):
            originals.append((sale, step, sale.at + timedelta(hours=30 * i)))
    requests = [_encode(rng, *event) for event in originals]
    requests += [_test_notice(rng, n) for n in range(tests)]
    again = rng.sample(range(len(originals)), deliveries - len(requests))
    requests += [_encode(rng, *originals[i]) for i in again]
    rng.shuffle(requests)
    expected = {(s.network, s.transaction): _final(s) for s in sales}
    return requests, expected, tests


def _sale(rng: random.Random, n: int) -> Sale:
    network = NETWORKS[n % len(NETWORKS)]
    draw, steps = rng.random(), SCENARIOS[-1][1]
    for share, scenario in SCENARIOS:
        if draw < share:
            steps = scenario
            break
        draw -= share
    commission = Decimal(rng.randrange(500, 20_000)) / 100
    return Sale(
        network=network,
        transaction=f"{network[:2].upper()}{n:06d}",
        click_id=f"clk{n:06d}",
        commission=commission,
        price=commission * 2,
        at=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=7 * n, seconds=rng.randrange(60)),
        steps=steps,
    )


# What each step's message means on networks that lack the state: ClickBank and Digistore24
# only notify paid orders, so their "pending" and "cancelled" steps are payments.
MEANING = {
    "hotmart": {"dispute": None},
    "clickbank": {"pending": "approved", "cancelled": "approved", "dispute": None},
    "digistore24": {"pending": "approved", "cancelled": "approved", "dispute": None},
    POSTBACK_NETWORK: {"dispute": "approved"},
}


def _final(sale: Sale) -> Expected:
    """Scenarios only move forward in time, so the last meaningful step is the final status."""
    meaning = MEANING[sale.network]
    statuses = [meaning.get(step, step) for step in sale.steps]
    final = [status for status in statuses if status is not None][-1]
    return Expected(status=final, commission=sale.commission, sale=sale.price)


def _encode(rng: random.Random, sale: Sale, step: str, at: datetime) -> Request:
    return {
        "hotmart": _hotmart,
        "clickbank": _clickbank,
        "digistore24": _digistore24,
        POSTBACK_NETWORK: _postback,
    }[sale.network](rng, sale, step, at)


HOTMART_EVENTS = {
    "approved": "PURCHASE_APPROVED",
    "pending": "PURCHASE_BILLET_PRINTED",
    "refunded": "PURCHASE_REFUNDED",
    "chargeback": "PURCHASE_CHARGEBACK",
    "cancelled": "PURCHASE_EXPIRED",
    "dispute": "PURCHASE_PROTEST",
}


def _hotmart(rng, sale: Sale, step: str, at: datetime) -> Request:
    millis = int(at.timestamp() * 1000)
    body = envelope(
        HOTMART_EVENTS[step],
        transaction=sale.transaction,
        click_id=sale.click_id,
        price=str(sale.price),
        affiliate=str(sale.commission),
        event_id=f"evt-{sale.transaction}-{step}",
        creation_ms=millis,
        approved_ms=millis,
    )
    headers = {"content-type": "application/json", "x-hotmart-hottok": SANDBOX_HOTTOK}
    return Request("POST", "/api/webhooks/hotmart", headers, json.dumps(body).encode())


CLICKBANK_TYPES = {
    "approved": "SALE",
    "pending": "SALE",  # ClickBank has no pending state: a sale is paid
    "refunded": "RFND",
    "chargeback": "CGBK",
    "cancelled": "SALE",
    "dispute": "INSF",
}


def _clickbank(rng, sale: Sale, step: str, at: datetime) -> Request:
    payload = ins_payload(
        receipt=sale.transaction,
        transaction_type=CLICKBANK_TYPES[step],
        transaction_time=at.astimezone(ZoneInfo("America/Denver")).isoformat(),
        account_amount=sale.commission,
        order_amount=sale.price,
        tid=sale.click_id,
    )
    body = encrypt_notification(payload, SANDBOX_CLICKBANK_SECRET_KEY)
    return Request("POST", "/api/webhooks/clickbank", {"content-type": "application/json"}, body)


DIGISTORE_EVENTS = {
    "approved": "on_payment",
    "pending": "on_payment",  # Digistore24 notifies paid orders only
    "refunded": "on_refund",
    "chargeback": "on_chargeback",
    "cancelled": "on_payment",
    "dispute": "on_rebill_cancelled",
}


def _digistore24(rng, sale: Sale, step: str, at: datetime) -> Request:
    params = {
        "event": DIGISTORE_EVENTS[step],
        "order_id": sale.transaction,
        "transaction_id": f"{sale.transaction}-{step}",
        "amount_affiliate": str(sale.commission),
        "amount_brutto": str(sale.price),
        "currency": "USD",
        "cid": sale.click_id,
        "transaction_date": at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M:%S"),
        "product_id": "4711",
        "buyer_email": "",
    }
    body = ipn_body(params, SANDBOX_DIGISTORE24_PASSPHRASE)
    headers = {"content-type": "application/x-www-form-urlencoded"}
    return Request("POST", "/api/webhooks/digistore24", headers, body)


POSTBACK_STATUS = {
    "approved": "approved",
    "pending": "pending",
    "refunded": "refunded",
    "chargeback": "chargeback",
    "cancelled": "rejected",
    "dispute": "approved",  # a repeat of the approval with a later time: changes nothing
}


def _postback(rng, sale: Sale, step: str, at: datetime) -> Request:
    query = postback_query(
        txid=sale.transaction,
        secret=POSTBACK_SECRET,
        clickid=sale.click_id,
        payout=sale.commission,
        status=POSTBACK_STATUS[step],
        sale_amount=sale.price,
        ts=int(at.timestamp()),
    )
    if step == "dispute":
        query["status"] = "approve"  # another spelling, so it is a distinct delivery
    if rng.random() < 0.5:
        return Request("GET", f"/api/postback/{POSTBACK_NETWORK}", query=query)
    headers = {"content-type": "application/x-www-form-urlencoded"}
    return Request("POST", f"/api/postback/{POSTBACK_NETWORK}", headers, urlencode(query).encode())


def _test_notice(rng, n: int) -> Request:
    if n % 2:
        payload = ins_payload(
            receipt=f"TEST{n:04d}",
            transaction_type="TEST_SALE",
            transaction_time=datetime(2026, 11, 1, tzinfo=UTC).isoformat(),
            account_amount=Decimal("1.00"),
            order_amount=Decimal("1.00"),
        )
        body = encrypt_notification(payload, SANDBOX_CLICKBANK_SECRET_KEY)
        return Request("POST", "/api/webhooks/clickbank", {}, body)
    params = {"event": "connection_test", "order_id": f"TEST{n:04d}", "transaction_id": str(n)}
    body = ipn_body(params, SANDBOX_DIGISTORE24_PASSPHRASE)
    headers = {"content-type": "application/x-www-form-urlencoded"}
    return Request("POST", "/api/webhooks/digistore24", headers, body)
