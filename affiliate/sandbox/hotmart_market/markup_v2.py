"""Markup v2 of the logged-in pages: the same data after a front-end redesign.

Everything a v1 selector keys on has moved or been renamed, so v1 selectors fail and a
self-healing scraper has to re-find each field. v2 selectors:
  logged in     [data-testid=account-avatar] (initials; full name in aria-label)
  card          article[data-kind=offer]      (no id attribute: take it from the link)
  price         p.amt                         (comes before the name)
  name          div.ttl > span
  link          a.go[href="/hotmart/product/{id}"]
  commission    ul.meta > li.cms              "50% de comissão"
  temperature   ul.meta > li.tmp              "Temperatura 87"
  category      ul.meta > li.cat
  sales page    a.lp[href="/hotmart/product/{id}/sales"]
  next page     a.pg-fwd[aria-label="Próxima página"] (an icon; absent on the last page)
  details page  section.offer-view with the same classes plus div.about
"""

from __future__ import annotations

from html import escape

from affiliate.sandbox.hotmart_market.layout import Links
from affiliate.sandbox.hotmart_market.money import format_percent, format_price
from affiliate.sandbox.hotmart_market.products import MarketProduct

LOGGED_IN_MARKER = "[data-testid=account-avatar]"
_NEXT_ICON = '<svg aria-hidden="true" width="16" height="16"><path d="M5 2l6 6-6 6"/></svg>'


def header(user_name: str) -> str:
    initials = "".join(word[0] for word in user_name.split()[:2]).upper()
    return (
        '<nav class="nv"><div class="nv-l"><a href="/hotmart/market">Hotmart</a></div>'
        f'<div class="nv-r"><button data-testid="account-avatar" class="av" type="button" '
        f'aria-label="Conta: {escape(user_name)}">{escape(initials)}</button></div></nav>'
    )


def listing(products: list[MarketProduct], page: int, pages: int, links: Links) -> str:
    offers = "".join(_offer(p, links) for p in products)
    back, forward = links.market(page - 1), links.market(page + 1)
    pager = [
        f'<a class="pg-back" aria-label="Página anterior" href="{back}">‹</a>' if page > 1 else "",
        f'<span class="pg-n">{page}/{pages}</span>',
        f'<a class="pg-fwd" aria-label="Próxima página" href="{forward}">{_NEXT_ICON}</a>'
        if page < pages
        else "",
    ]
    return (
        '<div id="app"><section class="grid-x" data-view="marketplace">'
        f'<h2 class="sr">Produtos</h2>{offers}</section>'
        f'<div class="pg">{"".join(pager)}</div></div>'
    )


def product_page(product: MarketProduct, links: Links) -> str:
    return (
        '<div id="app"><section class="offer-view">'
        f"{_fields(product)}"
        f'<div class="about">{escape(product.description)}</div>'
        f'<a class="lp" href="{product.sales_url}">Página de vendas</a>'
        f'<a class="bk" href="{links.market(1)}">Mercado</a></section></div>'
    )


def _offer(product: MarketProduct, links: Links) -> str:
    return (
        f'<article data-kind="offer">{_fields(product)}'
        f'<footer><a class="go" href="{links.product(product.id)}">Ver detalhes</a>'
        f'<a class="lp" href="{product.sales_url}">Página de vendas</a></footer></article>'
    )


def _fields(product: MarketProduct) -> str:
    return (
        f'<p class="amt">{format_price(product.price, product.currency)}</p>'
        f'<div class="ttl"><span>{escape(product.name)}</span></div>'
        '<ul class="meta">'
        f'<li class="cat">{escape(product.category)}</li>'
        f'<li class="cms">{format_percent(product.commission_pct)} de comissão</li>'
        f'<li class="tmp">Temperatura {product.temperature}</li></ul>'
    )
