"""1,000 malformed or hostile deliveries to the four receivers: every one gets a 4xx, never a
5xx, and no conversion changes."""

import base64
import json
import random
from collections import Counter
from decimal import Decimal
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from affiliate.config import (
    SANDBOX_CLICKBANK_SECRET_KEY,
    SANDBOX_DIGISTORE24_PASSPHRASE,
    SANDBOX_HOTTOK,
    SANDBOX_POSTBACK_SECRETS,
    Settings,
)
from affiliate.sandbox.wire.clickbank_ins import encrypt_notification, ins_payload
from affiliate.sandbox.wire.digistore24_ipn import ipn_body
from affiliate.server.app import create_app
from affiliate.tracking.conversions import process_inbox
from tests.hotmart_payloads import envelope

POSTBACK = "/api/postback/" + next(iter(SANDBOX_POSTBACK_SECRETS))
SECRET = next(iter(SANDBOX_POSTBACK_SECRETS.values()))
HOTMART = {"content-type": "application/json", "x-hotmart-hottok": SANDBOX_HOTTOK}
FORM = {"content-type": "application/x-www-form-urlencoded"}


def valid_hotmart() -> dict:
    return envelope(event_id="good", transaction="GOOD-1")


def hotmart_cases(rng: random.Random) -> list:
    good = json.dumps(valid_hotmart()).encode()
    cases = [("POST", "/api/webhooks/hotmart", HOTMART, good[: rng.randrange(1, len(good))])]
    mutated = valid_hotmart()
    path, value = rng.choice(
        [
            (("id",), ["a", "list"]),
            (("id",), "x" * 5000),
            (("data", "purchase", "transaction"), {"nested": 1}),
            (("data", "purchase", "price", "value"), "abc"),
            (("data", "purchase", "price", "value"), "NaN"),
            (("data", "purchase", "price", "value"), 1e300),
            (("data", "commissions"), [{"source": "AFFILIATE", "value": [1]}]),
            (("creation_date",), "yesterday"),
            (("creation_date",), 10**30),
            (("data", "purchase", "approved_date"), -(10**20)),
        ]
    )
    target = mutated
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    mutated["id"] = mutated["id"] if path == ("id",) else f"bad-{rng.random()}"
    cases.append(("POST", "/api/webhooks/hotmart", HOTMART, json.dumps(mutated).encode()))
    cases.append(("POST", "/api/webhooks/hotmart", HOTMART, rng.randbytes(rng.randrange(1, 300))))
    cases.append(("POST", "/api/webhooks/hotmart", HOTMART, "{'id': 'é'}".encode("utf-16")))
    cases.append(("POST", "/api/webhooks/hotmart", HOTMART, b"[1, 2, 3]"))
    wrong = {**HOTMART, "x-hotmart-hottok": SANDBOX_HOTTOK + "x"}
    cases.append(("POST", "/api/webhooks/hotmart", wrong, good))
    return cases


def clickbank_cases(rng: random.Random) -> list:
    payload = ins_payload(
        receipt="CB-BAD",
        transaction_type="SALE",
        transaction_time="2026-11-20T14:03:11-07:00",
        account_amount=Decimal("10.00"),
        order_amount=Decimal("20.00"),
        tid="clk",
    )
    good = json.loads(encrypt_notification(payload, SANDBOX_CLICKBANK_SECRET_KEY))
    cipher = base64.b64decode(good["notification"])
    bodies = [
        {"notification": "%%%not base64%%%", "iv": good["iv"]},
        {"notification": good["notification"], "iv": base64.b64encode(b"short").decode()},
        {"notification": base64.b64encode(cipher[:-3]).decode(), "iv": good["iv"]},
        {"notification": base64.b64encode(rng.randbytes(len(cipher))).decode(), "iv": good["iv"]},
        {"notification": 12345, "iv": None},
        {"iv": good["iv"]},
    ]
    wrong_key = json.loads(encrypt_notification(payload, "SOMEONEELSESKEY"))
    broken = dict(payload, receipt=["not", "a", "string"], totalAccountAmount="lots")
    bodies += [wrong_key, json.loads(encrypt_notification(broken, SANDBOX_CLICKBANK_SECRET_KEY))]
    cases = [("POST", "/api/webhooks/clickbank", {}, json.dumps(b).encode()) for b in bodies]
    cases.append(("POST", "/api/webhooks/clickbank", {}, b'{"notification": "abc", "iv'))
    return [rng.choice(cases) for _ in range(3)]


def digistore_cases(rng: random.Random) -> list:
    params = {
        "event": "on_payment",
        "order_id": f"DS-{rng.random()}",
        "transaction_id": "1",
        "amount_affiliate": "10.00",
        "amount_brutto": "20.00",
        "currency": "EUR",
        "cid": "clk",
    }
    good = ipn_body(params, SANDBOX_DIGISTORE24_PASSPHRASE)
    tampered = good.replace(b"amount_affiliate=10.00", b"amount_affiliate=99.00")
    unsigned = urlencode(params).encode()
    signed_nonsense = ipn_body(dict(params, amount_affiliate="ten"), SANDBOX_DIGISTORE24_PASSPHRASE)
    no_order = ipn_body({"event": "on_payment"}, SANDBOX_DIGISTORE24_PASSPHRASE)
    bodies = [tampered, unsigned, signed_nonsense, no_order, b"\xff\xfe\x00sha_sign=1", good[:-5]]
    wrong = ipn_body(params, "not-the-passphrase")
    return [("POST", "/api/webhooks/digistore24", FORM, rng.choice([*bodies, wrong]))]


def postback_cases(rng: random.Random) -> list:
    base = {"txid": f"PB-{rng.random()}", "payout": "5.00", "status": "approved", "secret": SECRET}
    variants = [
        dict(base, secret="wrong"),
        {k: v for k, v in base.items() if k != "secret"},
        {k: v for k, v in base.items() if k != "txid"},
        dict(base, payout="abc"),
        dict(base, payout="NaN"),
        dict(base, payout="-5"),
        dict(base, status="maybe"),
        dict(base, currency="DOLLARS"),
        dict(base, txid="x" * 400),
        dict(base, ts="the day after"),
    ]
    query = rng.choice(variants)
    if rng.random() < 0.5:
        return [("GET", POSTBACK, {}, b"", query)]
    return [("POST", POSTBACK, FORM, urlencode(query).encode())]


def hostile_deliveries(n: int = 1000, seed: int = 99) -> list:
    rng = random.Random(seed)
    cases: list = []
    makers = [hotmart_cases, clickbank_cases, digistore_cases, postback_cases]
    while len(cases) < n:
        cases.extend(rng.choice(makers)(rng))
    cases = cases[:n]
    big = b'{"id": "huge", "pad": "' + b"a" * 400_000 + b'"}'
    cases[0] = ("POST", "/api/webhooks/hotmart", HOTMART, big)  # over the body limit: 413
    return cases


@pytest.fixture
def client(db_url, clean_db):
    with TestClient(create_app(db_url, Settings())) as c:
        yield c


def conversions(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text("select * from app.conversions order by id")).all()


def test_a_thousand_hostile_deliveries_get_4xx_and_change_no_conversion(client, clean_db):
    good = client.post(
        "/api/webhooks/hotmart", content=json.dumps(valid_hotmart()), headers=HOTMART
    )
    assert good.status_code == 200
    process_inbox(clean_db, Settings())
    before = conversions(clean_db)
    assert len(before) == 1

    statuses = Counter()
    for method, path, headers, body, *query in hostile_deliveries():
        params = query[0] if query else None
        answer = client.request(method, path, headers=headers, content=body or None, params=params)
        statuses[answer.status_code] += 1
    assert sum(statuses.values()) == 1000
    assert all(400 <= code < 500 for code in statuses), statuses
    assert {400, 401, 413} <= set(statuses)

    process_inbox(clean_db, Settings())
    assert conversions(clean_db) == before
