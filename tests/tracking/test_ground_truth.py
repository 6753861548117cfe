"""10,000 deliveries from four networks, 20 % redelivered, shuffled, through the real server:
the conversions, their statuses and the commission totals equal the generator's truth."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import httpx
import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.server.app import create_app
from affiliate.server.thread import ServerThread
from affiliate.tracking.conversions import process_inbox
from tests.tracking.ground_truth import generate


def deliver_all(base_url: str, requests) -> Counter:
    local = threading.local()  # one keep-alive client per sending thread

    def send(request) -> int:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base_url, timeout=30)
        answer = local.client.request(
            request.method,
            request.path,
            params=request.query or None,
            content=request.body or None,
            headers=request.headers,
        )
        return answer.status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        return Counter(pool.map(send, requests))


def test_ten_thousand_shuffled_deliveries_give_exactly_the_truth(db_url, clean_db):
    requests, expected, test_notices = generate(deliveries=10_000, redelivered=0.2)
    settings = Settings()  # the sandbox's secrets, which the generator signs with
    with ServerThread(create_app(db_url, settings)).start() as server:
        answers = deliver_all(server.url, requests)
    assert answers == {200: 10_000}

    outcomes = process_inbox(clean_db, settings)
    assert outcomes["error"] == 0 and outcomes["waiting_fx"] == 0
    assert process_inbox(clean_db, settings) == Counter()  # nothing left, nothing redone

    with clean_db.connect() as conn:
        rows = conn.execute(
            sa.text(
                "select network, transaction_id, status, commission_amount, sale_amount"
                " from app.conversions"
            )
        ).all()
        inbox = dict(
            conn.execute(sa.text("select status, count(*) from app.webhook_inbox group by 1")).all()
        )
    actual = {
        (r.network, r.transaction_id): (r.status, r.commission_amount, r.sale_amount) for r in rows
    }
    truth = {k: (v.status, v.commission, v.sale) for k, v in expected.items()}
    assert len(rows) == len(actual)  # one conversion per (network, transaction)
    assert actual == truth
    assert inbox.get("test") == test_notices and "rejected" not in inbox

    def total(status: str) -> Decimal:
        return sum((v[1] for v in actual.values() if v[0] == status), Decimal("0"))

    for status in ("approved", "refunded", "chargeback", "cancelled"):
        assert total(status) == sum(
            (v.commission for v in expected.values() if v.status == status), Decimal("0")
        )
