"""The Hotmart-like marketplace's pages: pagination, two markups of one catalog, prices."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from affiliate.sandbox import SandboxConfig, create_sandbox_app
from affiliate.sandbox.hotmart_market import LOGGED_IN_MARKERS, format_price, market_catalog
from tests.sandbox.test_marketplace_login import log_in

Card = tuple[int, str, str]  # (id, name, price text)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def find(self, match: Callable[[Node], bool]) -> Iterator[Node]:
        for child in self.children:
            if match(child):
                yield child
            yield from child.find(match)

    def first(self, match: Callable[[Node], bool]) -> Node:
        return next(self.find(match))


class TreeBuilder(HTMLParser):
    _VOID = {"meta", "input", "br", "img", "link", "path"}

    def __init__(self) -> None:
        super().__init__()
        self.root = Node("#root", {})
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self._open[-1].children.append(node)
        if tag not in self._VOID:
            self._open.append(node)

    def handle_endtag(self, tag: str) -> None:
        while len(self._open) > 1 and self._open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        self._open[-1].text += data


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    return builder.root


def has_class(name: str, tag: str | None = None) -> Callable[[Node], bool]:
    return lambda n: name in n.attrs.get("class", "").split() and tag in (None, n.tag)


def v1_cards(tree: Node) -> list[Card]:
    return [
        (
            int(card.attrs["data-product-id"]),
            card.first(has_class("product-name")).all_text(),
            card.first(has_class("price")).all_text(),
        )
        for card in tree.find(has_class("product-card", "div"))
    ]


def v2_cards(tree: Node) -> list[Card]:
    offers = tree.find(lambda n: n.tag == "article" and n.attrs.get("data-kind") == "offer")
    cards = []
    for offer in offers:
        link = offer.first(has_class("go", "a")).attrs["href"]
        product_id = int(re.fullmatch(r"/hotmart/product/(\d+)(\?.*)?", link).group(1))
        name = offer.first(has_class("ttl")).first(lambda n: n.tag == "span").all_text()
        cards.append((product_id, name, offer.first(has_class("amt", "p")).all_text()))
    return cards


def next_link(tree: Node, markup: str) -> str | None:
    match = (
        has_class("next-page", "a")
        if markup == "v1"
        else lambda n: n.attrs.get("aria-label") == "Próxima página"
    )
    found = list(tree.find(match))
    return found[0].attrs["href"] if found else None


def parse_price(text: str) -> tuple[Decimal, str]:
    """What a scraper must do: "R$ 1.297,00", "$47.00" and "49,00 €" to (amount, currency)."""
    if text.startswith("R$"):
        return Decimal(text[2:].strip().replace(".", "").replace(",", ".")), "BRL"
    if text.startswith("$"):
        return Decimal(text[1:].replace(",", "")), "USD"
    if text.endswith("€"):
        return Decimal(text[:-1].strip().replace(".", "").replace(",", ".")), "EUR"
    raise AssertionError(f"unparseable price {text!r}")


def crawl(client: TestClient, markup: str) -> tuple[list[Card], int]:
    """Every card, following the next-page links from page 1; also the number of pages."""
    cards: list[Card] = []
    url: str | None = f"/hotmart/market?markup={markup}"
    pages = 0
    while url is not None:
        answer = client.get(url, follow_redirects=False)
        assert answer.status_code == 200, url
        tree = parse(answer.text)
        cards += v1_cards(tree) if markup == "v1" else v2_cards(tree)
        pages += 1
        url = next_link(tree, markup)
        if url is not None:
            assert f"page={pages + 1}" in url and f"markup={markup}" in url
    return cards, pages


@pytest.mark.parametrize(("products", "page_size", "pages"), [(240, 24, 10), (50, 24, 3)])
def test_the_listing_paginates_every_product_once_with_next_links(
    products: int, page_size: int, pages: int
) -> None:
    config = SandboxConfig(seed=11, market_products=products, market_page_size=page_size)
    with TestClient(create_sandbox_app(config)) as client:
        log_in(client)
        cards, seen_pages = crawl(client, "v1")
        assert seen_pages == pages
        assert len(cards) == products == len({c[0] for c in cards}) == len({c[1] for c in cards})
        catalog = market_catalog(11, products)
        assert cards == [(p.id, p.name, format_price(p.price, p.currency)) for p in catalog]
        assert client.get(f"/hotmart/market?page={pages + 1}").status_code == 404


def test_v1_and_v2_render_the_same_products_in_different_markup(
    sandbox_client: TestClient,
) -> None:
    log_in(sandbox_client)
    v1, v1_pages = crawl(sandbox_client, "v1")
    v2, v2_pages = crawl(sandbox_client, "v2")
    assert set(v1) == set(v2) and len(v1) == 240 and v1_pages == v2_pages == 10

    page_v1 = sandbox_client.get("/hotmart/market").text  # config default: v1
    sandbox_client.cookies.set("hm_markup", "v2", path="/hotmart")
    page_v2 = sandbox_client.get("/hotmart/market").text
    assert v1_cards(parse(page_v1)) == v1[:24] and v2_cards(parse(page_v2)) == v2[:24]
    assert v1_cards(parse(page_v2)) == [] and v2_cards(parse(page_v1)) == []
    assert {"product-card", "product-name", "price", "next-page"} <= classes(page_v1)
    assert not {"product-card", "product-name", "price", "next-page"} & classes(page_v2)
    assert {"amt", "ttl", "pg-fwd"} <= classes(page_v2) and not {"amt", "ttl"} & classes(page_v1)
    # Each markup's documented logged-in marker is present in it, and only in it.
    assert LOGGED_IN_MARKERS == {"v1": "#user-menu", "v2": "[data-testid=account-avatar]"}
    assert 'id="user-menu"' in page_v1 and 'id="user-menu"' not in page_v2
    assert 'data-testid="account-avatar"' in page_v2 and "account-avatar" not in page_v1
    assert sandbox_client.get("/hotmart/market?markup=v3").status_code == 400


def classes(page: str) -> set[str]:
    return {c for value in re.findall(r'class="([^"]*)"', page) for c in value.split()}


def test_product_and_sales_pages_show_the_catalog_data(sandbox_client: TestClient) -> None:
    product = market_catalog(7, 240)[5]
    assert sandbox_client.get(f"/hotmart/product/{product.id}/sales").status_code == 200
    log_in(sandbox_client)
    for markup in ("v1", "v2"):
        page = sandbox_client.get(f"/hotmart/product/{product.id}?markup={markup}").text
        for text in (product.name, format_price(product.price, product.currency), product.category):
            assert text in page, (markup, text)
        assert f"{product.temperature}" in page and product.sales_url in page
        assert product.description.split(" — ")[0] in page
    sales = parse(sandbox_client.get(product.sales_url).text)
    assert sales.first(has_class("headline", "h1")).all_text()
    assert len(list(sales.first(has_class("benefits", "ul")).find(lambda n: n.tag == "li"))) >= 2
    assert "guarantee" in sales.first(has_class("guarantee")).all_text()
    assert sales.first(has_class("cta", "a")).all_text().startswith("Buy now")
    assert sandbox_client.get("/hotmart/product/1/sales").status_code == 404


def test_the_catalog_is_deterministic_per_seed_with_parseable_prices() -> None:
    first, again, other = market_catalog(7, 240), market_catalog(7, 240), market_catalog(8, 240)
    assert first == again and first[:24] == market_catalog(7, 24)
    assert [p.id for p in first] != [p.id for p in other]
    assert {p.currency for p in first} == {"BRL", "USD", "EUR"}
    for p in first:
        assert 1_000_000 <= p.id <= 9_999_999 and 0 <= p.temperature <= 150
        assert 0 < p.commission_pct < 100 and p.sales_url == f"/hotmart/product/{p.id}/sales"
        assert parse_price(format_price(p.price, p.currency)) == (p.price, p.currency)


def test_prices_follow_each_currencys_home_format() -> None:
    assert format_price(Decimal("1297"), "BRL") == "R$ 1.297,00"
    assert format_price(Decimal("97.9"), "BRL") == "R$ 97,90"
    assert format_price(Decimal("47"), "USD") == "$47.00"
    assert format_price(Decimal("1297.5"), "USD") == "$1,297.50"
    assert format_price(Decimal("1049"), "EUR") == "1.049,00 €"
