"""Markup v1 of the logged-in pages: descriptive class names, a text "next page" link.

Selectors a scraper can rely on (v1 only; see markup_v2 for the moved/renamed ones):
  logged in     a#user-menu.user-menu (text: the user's name)
  card          div.product-card[data-product-id]
  name / link   h3.product-name > a[href="/hotmart/product/{id}"]
  price         span.price            "R$ 1.297,00" | "$47.00" | "49,00 €"
  commission    span.commission       "Comissão: 50%"
  temperature   span.temperature      "🔥 87°"
  category      span.category
  sales page    a.sales-page[href="/hotmart/product/{id}/sales"]
  next page     a.next-page[rel=next] "Próxima página" (absent on the last page)
  details page  div.product-detail with the same classes plus p.description
"""

from __future__ import annotations

from html import escape

from affiliate.sandbox.hotmart_market.layout import Links
from affiliate.sandbox.hotmart_market.money import format_percent, format_price
from affiliate.sandbox.hotmart_market.products import MarketProduct

LOGGED_IN_MARKER = "#user-menu"


def header(user_name: str) -> str:
    return (
        '<header class="topbar"><a class="logo" href="/hotmart/market">Hotmart</a>'
        f'<a id="user-menu" class="user-menu" href="/hotmart/market">{escape(user_name)}</a>'
        "</header>"
    )


def listing(products: list[MarketProduct], page: int, pages: int, links: Links) -> str:
    cards = "".join(_card(p, links) for p in products)
    back, forward = links.market(page - 1), links.market(page + 1)
    pager = [
        f'<a class="prev-page" rel="prev" href="{back}">Anterior</a>' if page > 1 else "",
        f'<span class="page-info">Página {page} de {pages}</span>',
        f'<a class="next-page" rel="next" href="{forward}">Próxima página</a>'
        if page < pages
        else "",
    ]
    return (
        '<main id="market"><h1>Mercado de Afiliados</h1>'
        f'<div class="product-grid">{cards}</div>'
        f'<nav class="pagination">{"".join(pager)}</nav></main>'
    )


def product_page(product: MarketProduct, links: Links) -> str:
    return (
        f'<main><div class="product-detail" data-product-id="{product.id}">'
        f'<h1 class="product-name">{escape(product.name)}</h1>'
        f"{_facts(product)}"
        f'<p class="description">{escape(product.description)}</p>'
        f'<a class="sales-page" href="{product.sales_url}">Página de vendas</a>'
        f'<a class="back" href="{links.market(1)}">Voltar ao mercado</a></div></main>'
    )


def _card(product: MarketProduct, links: Links) -> str:
    return (
        f'<div class="product-card" data-product-id="{product.id}">'
        f'<h3 class="product-name"><a href="{links.product(product.id)}">'
        f"{escape(product.name)}</a></h3>{_facts(product)}"
        f'<a class="sales-page" href="{product.sales_url}">Página de vendas</a></div>'
    )


def _facts(product: MarketProduct) -> str:
    return (
        f'<span class="category">{escape(product.category)}</span>'
        f'<span class="price">{format_price(product.price, product.currency)}</span>'
        f'<span class="commission">Comissão: {format_percent(product.commission_pct)}</span>'
        f'<span class="temperature">🔥 {product.temperature}°</span>'
    )
