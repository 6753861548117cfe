"""The sandbox affiliate network's memory: landing-page visits and the sales they became.

Whether a click converts is decided from hash(seed, click id) against the product's rate
(3–8 %), so the same clicks always yield the same sales, whatever order they arrive in.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from decimal import Decimal

from affiliate.sandbox.catalog import SandboxProduct
from affiliate.sandbox.commissions import CommissionSplit, split_commissions
from affiliate.sandbox.seeding import hash_int, unit


@dataclass
class Sale:
    transaction: str
    click_id: str
    product: SandboxProduct
    price: Decimal
    commissions: CommissionSplit
    order_date: dt.datetime
    approved_posted: bool = False
    refund_due: bool = False
    refund_posted: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "transaction": self.transaction,
            "click_id": self.click_id,
            "product_id": self.product.network_id,
            "feed_id": self.product.id,
            "price": f"{self.price:.2f}",
            "affiliate_commission": f"{self.commissions.affiliate:.2f}",
            "currency": "USD",
            "order_date": self.order_date.isoformat(),
            "approved_posted": self.approved_posted,
            "refund_due": self.refund_due,
            "refund_posted": self.refund_posted,
        }


@dataclass
class NetworkStore:
    seed: int
    # None: each product's own rate; a number overrides every product's (SandboxConfig).
    conversion_rate: float | None = None
    visits: int = 0
    sales: list[Sale] = field(default_factory=list)
    _by_click: dict[str, Sale] = field(default_factory=dict)
    _transactions: set[str] = field(default_factory=set)
    lock: threading.RLock = field(default_factory=threading.RLock)
    # Held for a whole postback run so two concurrent calls cannot post the same sale.
    postback_lock: threading.Lock = field(default_factory=threading.Lock)

    def record_visit(
        self, product: SandboxProduct, click_id: str | None, now: dt.datetime
    ) -> Sale | None:
        """Count the visit; return the sale if this click converts (once per click id)."""
        with self.lock:
            self.visits += 1
            if not click_id:
                return None  # unattributable traffic can't become a tracked sale
            if click_id in self._by_click:
                return self._by_click[click_id]
            rate = product.conversion_rate if self.conversion_rate is None else self.conversion_rate
            if unit(self.seed, "converts", click_id) >= rate:
                return None
            sale = Sale(
                transaction=self._transaction_id(click_id),
                click_id=click_id,
                product=product,
                price=product.price,
                commissions=split_commissions(product.price, product.commission_pct),
                order_date=now,
            )
            self._by_click[click_id] = sale
            self.sales.append(sale)
            return sale

    def restore(self, sale: Sale) -> None:
        """Re-add a sale loaded from saved state."""
        with self.lock:
            self._by_click[sale.click_id] = sale
            self._transactions.add(sale.transaction)
            self.sales.append(sale)

    def _transaction_id(self, click_id: str) -> str:
        """`HP` + 13 digits from the click id; re-salted on the (unlikely) clash."""
        salt = 0
        while True:
            candidate = f"HP{hash_int(self.seed, 'transaction', click_id, salt) % 10**13:013d}"
            if candidate not in self._transactions:
                self._transactions.add(candidate)
                return candidate
            salt += 1
