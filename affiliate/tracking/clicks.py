"""Tracking links and clicks: where a link code sends a visitor, and the click row it leaves.

The redirect answers from memory (`LinkCache` in the server); these functions are what it
loads links with and writes clicks with, in batches.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import sqlalchemy as sa

from affiliate.db.copy_text import NULL, copy_text, field, jsonb, text_field
from affiliate.db.tables import ad_sets, ads, campaigns, products

FALLBACK_TRACKING_PARAM = "subid"
SUB_PARAMS = ("sub1", "sub2", "sub3", "sub4", "sub5")
MAX_PARAM_LENGTH = 255


@dataclass(frozen=True)
class Link:
    """One ad's tracking link, with everything a click should remember about it."""

    code: str
    ad_id: int
    ad_set_id: int
    campaign_id: int
    landing_page_id: int | None
    network: str
    url: str  # the offer's affiliate URL

    @cached_property
    def copy_columns(self) -> str:
        """ad_id … landing_page_id as COPY text: escaped once per link, not per click."""
        values = (self.ad_id, self.code, self.campaign_id, self.ad_set_id, self.landing_page_id)
        return "\t".join(map(field, values))

    def redirect_to(self, click_id: str, tracking_params: Mapping[str, str]) -> str:
        param = tracking_params.get(self.network, FALLBACK_TRACKING_PARAM)
        before, after = _url_around_click_id(self.url, param)
        return before + click_id + after  # click ids are URL-safe: nothing to escape


@dataclass(slots=True)  # not frozen: a frozen dataclass costs ~2 µs more per click to build
class Click:
    click_id: str
    link: Link
    clicked_at: datetime
    ip_hash: str | None
    user_agent: str | None
    referrer: str | None
    subs: tuple[str | None, ...]  # sub1 … sub5
    params: dict[str, str]  # utm_* and the subs, as received
    bot_reason: str | None


class ClickIds:
    """128 random bits per id, URL-safe (22 characters): nothing to escape in a query string.

    Random bytes are drawn from the OS 4 KiB at a time: one getrandom call per click cost
    more than all the rest of a redirect on a virtual machine (measured: ~14 µs).
    """

    def __init__(self) -> None:
        self._pool, self._used = b"", 0

    def new(self) -> str:
        if self._used + 16 > len(self._pool):
            self._pool, self._used = secrets.token_bytes(4096), 0
        chunk = self._pool[self._used : self._used + 16]
        self._used += 16
        return base64.urlsafe_b64encode(chunk).rstrip(b"=").decode()


def hash_ip(ip: str | None, salt: str) -> str | None:
    """A salted hash, so repeat visitors can be spotted without ever storing an IP."""
    if not ip:
        return None
    return hashlib.sha256(f"{salt}:{ip}".encode()).hexdigest()


def with_query_param(url: str, name: str, value: str) -> str:
    """`url` with `name=value` set (replacing a value the URL already had for it)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


_MARKER = "AffiliateOsClickIdMarker"


@lru_cache(maxsize=4096)
def _url_around_click_id(url: str, param: str) -> tuple[str, str]:
    """The redirect URL split where the click id goes: parsed once per link, not per click."""
    before, _, after = with_query_param(url, param, _MARKER).partition(_MARKER)
    return before, after


def _links_query() -> sa.Select:
    return (
        sa.select(
            ads.c.link_code.label("code"),
            ads.c.id.label("ad_id"),
            ads.c.ad_set_id,
            ads.c.campaign_id,
            ads.c.landing_page_id,
            products.c.network,
            products.c.product_url.label("url"),
        )
        .select_from(ads.join(ad_sets, ad_sets.c.id == ads.c.ad_set_id))
        .join(campaigns, campaigns.c.id == ads.c.campaign_id)
        .join(products, products.c.id == campaigns.c.product_id)
        .where(products.c.product_url.is_not(None))
    )


def load_links(conn: sa.Connection) -> dict[str, Link]:
    """Every link that can redirect (paused ads too: old clicks must still reach the offer)."""
    return {row.code: Link(**row._mapping) for row in conn.execute(_links_query())}


def find_link(conn: sa.Connection, code: str) -> Link | None:
    row = conn.execute(_links_query().where(ads.c.link_code == code)).one_or_none()
    return Link(**row._mapping) if row else None


def kept_params(query_string: str) -> tuple[tuple[str | None, ...], dict[str, str]]:
    """(sub1…sub5, {sub*/utm_*: value}) from a raw query string; values cut to 255 characters.

    Most tracking links carry plain values; those are split directly, and only a query with
    escapes goes through parse_qsl (which costs more than the rest of a redirect).
    """
    if not query_string:
        return (None,) * len(SUB_PARAMS), {}
    if "%" in query_string or "+" in query_string:
        pairs = parse_qsl(query_string, keep_blank_values=True)
    else:
        pairs = [part.partition("=")[::2] for part in query_string.split("&") if part]
    params = {k: v[:MAX_PARAM_LENGTH] for k, v in pairs if k in SUB_PARAMS or k.startswith("utm_")}
    return tuple(params.get(name) for name in SUB_PARAMS), params


CLICK_COLUMNS = (
    "click_id", "ad_id", "link_code", "campaign_id", "ad_set_id", "landing_page_id",
    "clicked_at", "ip_hash", "user_agent", "referrer", "sub1", "sub2", "sub3", "sub4", "sub5",
    "params", "is_bot", "bot_reason",
)  # fmt: skip


def insert_clicks(cursor, batch: Sequence[Click]) -> None:
    """One COPY per batch. A batch that fails (say, a click id already written by a commit
    whose answer was lost) is retried click by click by the group-commit writer."""
    copy_text(cursor, "app.clicks", CLICK_COLUMNS, "".join(map(_copy_line, batch)))


def _copy_line(c: Click) -> str:
    """The click as one COPY text line, in CLICK_COLUMNS order.

    Written for speed (it runs in the writer thread, under the GIL the event loop needs):
    the link's columns are escaped once per link, and the generic `copy_rows` encoder cost
    about 25 µs a click against this one's few.
    """
    sub1, sub2, sub3, sub4, sub5 = map(text_field, c.subs)
    params = text_field(jsonb(c.params)) if c.params else "{}"
    return (
        f"{c.click_id}\t{c.link.copy_columns}\t{c.clicked_at.isoformat()}\t{c.ip_hash or NULL}"
        f"\t{text_field(c.user_agent)}\t{text_field(c.referrer)}"
        f"\t{sub1}\t{sub2}\t{sub3}\t{sub4}\t{sub5}\t{params}"
        f"\t{'f' if c.bot_reason is None else 't'}\t{text_field(c.bot_reason)}\n"
    )
