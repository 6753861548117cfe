"""Click ids and the redirect target: each click is recorded, then sent to the offer."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import sqlalchemy as sa

from affiliate.db.tables import ads, campaigns, clicks, products

# The query parameter each network reads the affiliate's click id from.
TRACKING_PARAM = {"hotmart": "sck", "clickbank": "tid", "digistore24": "cid"}


@dataclass(frozen=True)
class Destination:
    ad_id: int
    network: str
    url: str


def new_click_id() -> str:
    """128 random bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


def hash_ip(ip: str | None, salt: str) -> str | None:
    """A salted hash, so repeat visitors can be spotted without ever storing an IP."""
    if not ip:
        return None
    return hashlib.sha256(f"{salt}:{ip}".encode()).hexdigest()


def destination_for(conn: sa.Connection, link_code: str) -> Destination | None:
    row = conn.execute(
        sa.select(ads.c.id, products.c.network, products.c.product_url)
        .select_from(ads.join(campaigns, campaigns.c.id == ads.c.campaign_id))
        .join(products, products.c.id == campaigns.c.product_id)
        .where(ads.c.link_code == link_code)
    ).one_or_none()
    if row is None or not row.product_url:
        return None
    return Destination(ad_id=row.id, network=row.network, url=row.product_url)


def with_click_id(url: str, network: str, click_id: str) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query.append((TRACKING_PARAM.get(network, "subid"), click_id))
    return urlunsplit(parts._replace(query=urlencode(query)))


def record_click(
    conn: sa.Connection,
    *,
    ad_id: int,
    click_id: str,
    ip_hash: str | None,
    user_agent: str | None,
    referrer: str | None,
    params: dict[str, str],
) -> None:
    conn.execute(
        sa.insert(clicks).values(
            click_id=click_id,
            ad_id=ad_id,
            ip_hash=ip_hash,
            user_agent=user_agent,
            referrer=referrer,
            params=params,
        )
    )
