"""A generic S2S postback as a CPA network fires it: the query of `/api/postback/{network}`."""

from __future__ import annotations

from decimal import Decimal


def postback_query(
    *,
    txid: str,
    secret: str,
    clickid: str | None = None,
    payout: Decimal | None = None,
    status: str = "approved",
    currency: str = "USD",
    sale_amount: Decimal | None = None,
    ts: int | None = None,
) -> dict[str, str]:
    """The query parameters, as strings; optional ones are left out when not given."""
    query = {"txid": txid, "status": status, "currency": currency, "secret": secret}
    if clickid is not None:
        query["clickid"] = clickid
    if payout is not None:
        query["payout"] = str(payout)
    if sale_amount is not None:
        query["sale_amount"] = str(sale_amount)
    if ts is not None:
        query["ts"] = str(ts)
    return query
