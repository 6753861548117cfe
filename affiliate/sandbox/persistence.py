"""Optional on-disk state, so a long-running sandbox survives restarts.

Without it a restarted sandbox would hand out `cmp_000001` again and forget the ads whose
insights the pipeline still pulls. Only what cannot be recomputed is stored: the creations,
counters, idempotency keys, delivered days and sales (prices and commissions are re-derived
from the seeded catalog). Written atomically (temp file + rename) after each change.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from affiliate.sandbox.adplatform_store import Ad, AdPlatformStore, AdSet, Campaign
from affiliate.sandbox.catalog import SandboxProduct
from affiliate.sandbox.commissions import split_commissions
from affiliate.sandbox.network_store import NetworkStore, Sale

STATE_VERSION = 1


def save_state(path: Path, ads: AdPlatformStore, network: NetworkStore) -> None:
    with ads._lock, network.lock:
        state = {
            "version": STATE_VERSION,
            "seed": network.seed,
            "counters": ads._counters,
            "campaigns": [c.to_json() for c in ads.campaigns.values()],
            "adsets": [a.to_json() for a in ads.adsets.values()],
            "ads": [a.to_json() for a in ads.ads.values()],
            "idempotent": [[p, k, e.id] for (p, k), e in ads._idempotent.items()],
            "delivered": sorted([ad_id, day.isoformat()] for ad_id, day in ads.delivered),
            "visits": network.visits,
            "sales": [_sale_state(s) for s in network.sales],
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(json.dumps(state, indent=1))
    os.replace(temporary, path)


def load_state(
    path: Path, ads: AdPlatformStore, network: NetworkStore, products: list[SandboxProduct]
) -> None:
    """Fill empty stores from `path`; a state written with another seed is refused."""
    state = json.loads(path.read_text())
    if state.get("version") != STATE_VERSION or state.get("seed") != network.seed:
        raise ValueError(
            f"{path} holds sandbox state for seed {state.get('seed')} (version "
            f"{state.get('version')}); delete it or use that seed."
        )
    ads._counters.update(state["counters"])
    for c in state["campaigns"]:
        start = dt.date.fromisoformat(c["start_date"]) if c["start_date"] else None
        ads.campaigns[c["id"]] = Campaign(
            c["id"], c["name"], c["objective"], c["status"], start, _moment(c["created_at"])
        )
    for a in state["adsets"]:
        ads.adsets[a["id"]] = AdSet(
            a["id"], a["campaign_id"], a["name"], Decimal(a["daily_budget"]), a["currency"],
            a["targeting"], _moment(a["created_at"]),
        )  # fmt: skip
    for a in state["ads"]:
        ads.ads[a["id"]] = Ad(
            a["id"], a["adset_id"], a["campaign_id"], a["name"], a["headline"], a["body"],
            a["link_url"], _moment(a["created_at"]),
        )  # fmt: skip
    tables = {"cmp": ads.campaigns, "as": ads.adsets, "ad": ads.ads}
    for prefix, key, entity_id in state["idempotent"]:
        ads._idempotent[(prefix, key)] = tables[prefix][entity_id]
    ads.delivered.update((ad_id, dt.date.fromisoformat(day)) for ad_id, day in state["delivered"])
    network.visits = state["visits"]
    for s in state["sales"]:
        network.restore(_sale(s, products[s["product_index"]]))


def _sale_state(sale: Sale) -> dict[str, Any]:
    return {
        "transaction": sale.transaction,
        "click_id": sale.click_id,
        "product_index": sale.product.index,
        "order_date": sale.order_date.isoformat(),
        "approved_posted": sale.approved_posted,
        "refund_due": sale.refund_due,
        "refund_posted": sale.refund_posted,
    }


def _sale(s: dict[str, Any], product: SandboxProduct) -> Sale:
    return Sale(
        transaction=s["transaction"],
        click_id=s["click_id"],
        product=product,
        price=product.price,
        commissions=split_commissions(product.price, product.commission_pct),
        order_date=_moment(s["order_date"]),
        approved_posted=s["approved_posted"],
        refund_due=s["refund_due"],
        refund_posted=s["refund_posted"],
    )


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)
