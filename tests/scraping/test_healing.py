"""The healer and the offline oracle on rendered markup, without a server or a database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from affiliate.offers.scraping.browser import launch_chromium
from affiliate.offers.scraping.healing import SelectorHealer
from affiliate.offers.scraping.intents import HOTMART_INTENTS, intent_named
from affiliate.offers.scraping.offline_oracle import OfflineOracle
from affiliate.offers.scraping.oracle import Candidate, RepairContext, candidate_from_json
from affiliate.offers.scraping.repairs import RepairRecord
from affiliate.offers.scraping.validation import validate
from affiliate.sandbox.hotmart_market import markup_v1, markup_v2
from affiliate.sandbox.hotmart_market.layout import Links, document
from affiliate.sandbox.hotmart_market.products import market_catalog

V2_PAGE = "v2"


def listing_html(markup, page: int = 1) -> str:
    products = market_catalog(7, 72)[(page - 1) * 24 : page * 24]
    body = markup.header("Sandbox Affiliate") + markup.listing(products, page, 3, Links())
    return document("Mercado", body)


async def heal_all(html: str, healer: SelectorHealer) -> dict[str, str | None]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        page = await browser.new_page()
        await page.set_content(html)
        found: dict[str, str | None] = {}
        for intent in HOTMART_INTENTS:
            card = found.get("product card") if intent.scope == "card" else None
            found[intent.name] = await healer.resolve(page, intent, card)
        await browser.close()
        return found


def healer(tmp_path: Path, ledger: list[RepairRecord], oracle=None) -> SelectorHealer:
    return SelectorHealer("hotmart", oracle or OfflineOracle(), tmp_path / "ev", ledger.append)


def test_v2_heals_from_cues_alone_with_no_fingerprint_and_no_history(tmp_path: Path) -> None:
    ledger: list[RepairRecord] = []
    found = asyncio.run(heal_all(listing_html(markup_v2), healer(tmp_path, ledger)))
    # The title block and the span in it show the same name: either is a right answer.
    assert found.pop("product name") in {"div.ttl", "div.ttl > span"}
    assert found == {
        "logged-in marker": 'button[data-testid="account-avatar"]',
        "product card": 'article[data-kind="offer"]',
        "price": "p.amt",
        "commission": "li.cms",
        "temperature": "li.tmp",
        "category": "li.cat",
        "product link": "a.go",
        "sales page link": "a.lp",
        "next page": "a.pg-fwd",
    }
    assert [r.outcome for r in ledger] == ["repaired"] * 10
    assert all(Path(r.context["screenshot"]).is_file() for r in ledger)


def test_v1_needs_no_repair(tmp_path: Path) -> None:
    ledger: list[RepairRecord] = []
    found = asyncio.run(heal_all(listing_html(markup_v1), healer(tmp_path, ledger)))
    assert found == {i.name: i.default for i in HOTMART_INTENTS} and ledger == []


class WrongOracle:
    """Proposes what an unreliable oracle might: invalid CSS, a label, the wrong field."""

    name = "wrong"

    def propose(self, context: RepairContext) -> list[Candidate]:
        return [Candidate("p.amt >>> !", "invalid"), Candidate("a.lp", "a constant label"),
                Candidate("li.cms", "a percentage, not money")]  # fmt: skip


def test_proposals_that_do_not_validate_are_refused_and_recorded_as_failed(
    tmp_path: Path,
) -> None:
    ledger: list[RepairRecord] = []
    html = listing_html(markup_v2)

    async def heal_price() -> str | None:
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await launch_chromium(playwright)
            page = await browser.new_page()
            await page.set_content(html)
            card = 'article[data-kind="offer"]'
            assert (
                await validate(page, intent_named("product name"), "footer > a", card)
            ).ok is False
            return await healer(tmp_path, ledger, WrongOracle()).resolve(
                page, intent_named("price"), card
            )

    assert asyncio.run(heal_price()) is None
    (record,) = ledger
    assert (record.intent, record.outcome, record.new_selector) == ("price", "failed", None)
    assert [c["valid"] for c in record.context["candidates"]] == [False] * 4
    details = [c["detail"] for c in record.context["candidates"]]
    assert details[1:] == [
        "0/24 cards read as money",  # invalid CSS finds nothing; it does not raise
        "0/24 cards read as money",
        "0/24 cards read as money",
    ]


def test_an_oracle_answer_is_json_with_a_selector() -> None:
    assert candidate_from_json('{"selector": " p.amt ", "reason": "price"}') == Candidate(
        "p.amt", "price"
    )
    for bad in ("p.amt", '{"reason": "x"}', '{"selector": ""}', "[]"):
        with pytest.raises(ValueError, match="selector"):
            candidate_from_json(bad)
