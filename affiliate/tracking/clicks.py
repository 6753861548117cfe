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
from datetime import UTC, datetime
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


class ClickIds:
    """Unique, URL-safe click ids of 22 characters, in the order they were made.

    The first 7 characters are the millisecond since 1970 (until the year 2109), in an
    alphabet of 64 URL-safe characters listed in ASCII order, so ids sort as they were made;
    the other 15 are random (90 bits: nobody can guess another visitor's click id). In time
    order, each new id lands at the right edge of the unique index on click_id instead of
    on a random page of it: COPYing clicks cost Postgres ~2.5-4 µs less a row (measured,
    200-row batches: 11.2-12.7 against 13.5-16.6 µs of backend CPU), and the index's hot
    pages stay few however many clicks it holds.

    Random bytes are drawn from the OS 3 KiB at a time (one getrandom call per click cost
    more than all the rest of a redirect on a virtual machine: ~14 µs, measured) and encoded
    once; each id's random part is then a slice of that text, 6 random bits a character.
    """

    _RANDOM = 15
    # Nanoseconds to the millisecond, as a clock reads them.
    _NS_PER_MS = 1_000_000

    def __init__(self) -> None:
        self._pool, self._used = "", 0
        self._millisecond, self._prefix = -1, ""

    def new(self, at_ns: int) -> str:
        """An id for a click made at `at_ns` (nanoseconds since 1970, as `time.time_ns`)."""
        millisecond = at_ns // self._NS_PER_MS
        if millisecond != self._millisecond:
            self._millisecond, self._prefix = millisecond, _sortable(millisecond, 7)
        start = self._used
        if start + self._RANDOM > len(self._pool):
            # 3,072 bytes: a multiple of 3, so the encoding has no padding.
            self._pool, start = base64.urlsafe_b64encode(secrets.token_bytes(3072)).decode(), 0
        self._used = start + self._RANDOM
        return self._prefix + self._pool[start : self._used]


# The 64 characters base64url uses, in ASCII order: their strings sort as their numbers do.
_SORTABLE_DIGITS = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"


def _sortable(number: int, width: int) -> str:
    """The last `width` base-64 digits of `number`, in `_SORTABLE_DIGITS`."""
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 64)
        digits.append(_SORTABLE_DIGITS[digit])
    return "".join(reversed(digits))


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


async def insert_clicks(connection, lines: Sequence[str]) -> None:
    """One COPY per batch of `ClickLines.line` lines, on an asyncpg connection. A batch that
    fails (say, a click id already written by a commit whose answer was lost) is retried
    line by line by the group-commit writer."""
    await copy_text(connection, "clicks", CLICK_COLUMNS, "".join(lines), schema="app")


class ClickLines:
    """Encodes clicks as COPY text lines (CLICK_COLUMNS order), a batch at a time in the
    clicks writer (`server.click_rows`). What repeats from click to click is escaped once: a
    link's columns, a user agent, the sub/utm parameters of an ad's URL template, the second
    of the time."""

    _CACHE_LIMIT = 10_000  # per table; a full one is dropped, not evicted entry by entry

    def __init__(self) -> None:
        self._second = -1
        self._stamp = ""
        self._user_agents: dict[str, str] = {}
        self._queries: dict[str, str] = {}

    def line(
        self,
        click_id: str,
        at_ns: int,
        link: Link,
        ip_hash: str | None,
        user_agent: str | None,
        referrer: str | None,
        query_string: str,
        bot_reason: str | None,
    ) -> str:
        return (
            f"{click_id}\t{link.copy_columns}\t{self._time(at_ns)}\t{ip_hash or NULL}"
            f"\t{self._user_agent(user_agent)}\t{text_field(referrer[:2000]) if referrer else NULL}"
            f"\t{self._query(query_string)}"
            f"\t{'f' if bot_reason is None else 't'}\t{text_field(bot_reason)}\n"
        )

    def _time(self, at_ns: int) -> str:
        """The time in UTC, to the microsecond; the date and time of day formatted once a
        second, the microseconds cut from the clock's digits (nanoseconds since 1970 have
        19 digits until the year 2286)."""
        second = at_ns // 1_000_000_000
        if second != self._second:
            self._second = second
            self._stamp = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%d %H:%M:%S")
        return f"{self._stamp}.{str(at_ns)[10:16]}+00"

    def _user_agent(self, user_agent: str | None) -> str:
        if not user_agent:
            return NULL
        encoded = self._user_agents.get(user_agent)
        if encoded is None:
            if len(self._user_agents) >= self._CACHE_LIMIT:
                self._user_agents.clear()
            encoded = self._user_agents[user_agent] = text_field(user_agent[:1000])
        return encoded

    def _query(self, query_string: str) -> str:
        """sub1 … sub5 and the params column. Keyed by the query's sub/utm parts only: the
        click ids ad platforms append (fbclid, gclid, ttclid) differ on every click, an ad's
        template does not. A query of sub/utm parts alone is its own key, found at once. A
        query with escapes is read in full every time."""
        encoded = self._queries.get(query_string)
        if encoded is not None:
            return encoded
        if "%" in query_string:
            return _query_fields(query_string)
        key = "&".join(part for part in query_string.split("&") if part.startswith(("sub", "utm_")))
        encoded = self._queries.get(key)
        if encoded is None:
            if len(self._queries) >= self._CACHE_LIMIT:
                self._queries.clear()
            encoded = self._queries[key] = _query_fields(key)
        return encoded


def _query_fields(query_string: str) -> str:
    subs, params = kept_params(query_string)
    encoded_params = text_field(jsonb(params)) if params else "{}"
    return "\t".join(map(text_field, subs)) + "\t" + encoded_params
