"""The creatives asset in the graph: every format for the top offers through the writers'
single entry point, every creative judged, the ledger tied to what it wrote, re-runs free,
and the sandbox's flagged listing blocked before campaigns."""

from datetime import UTC, datetime

import dagster as dg
import pytest
import sqlalchemy as sa

from affiliate.content.format_copy import FORMATS
from affiliate.sandbox import SandboxConfig, flagged_listing, start_sandbox
from assets.offers import offer_partition
from pipelines.definitions import build_definitions
from pipelines.lifecycle import materialise

TOP = 2
UP_TO_CAMPAIGNS = dg.AssetSelection.assets("raw_offers", "scored_offers", "creatives", "campaigns")


@pytest.fixture
def graph(clean_db, db_url, tmp_path, monkeypatch):
    sandbox = start_sandbox(SandboxConfig(port=0, state_path=tmp_path / "sandbox.json"))
    for key in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "LLM_PROVIDER", "LLM_BASE_URL"):
        monkeypatch.delenv(key, raising=False)  # the template writer, as in the demo
    for key, value in {
        "SANDBOX_PORT": str(sandbox.port),
        "TOP_OFFERS": str(TOP),
        "AFFILIATE_HOME": str(tmp_path),
    }.items():
        monkeypatch.setenv(key, value)
    with dg.DagsterInstance.ephemeral() as instance:
        yield build_definitions(db_url), instance
    sandbox.stop()


def rows(engine, sql: str) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).all()


def counts(engine) -> tuple:
    return tuple(
        rows(engine, f"select count(*) from app.{t}")[0][0]
        for t in ("creatives", "ai_generation_history", "compliance_verdicts", "ads")
    )


def test_every_format_judged_ledger_tied_and_the_flagged_listing_never_runs(graph, clean_db):
    defs, instance = graph
    partition = offer_partition(datetime.now(UTC).date(), "clickbank")
    materialise(defs, instance, UP_TO_CAMPAIGNS, partition)

    written = rows(
        clean_db,
        "select c.id, c.product_id, c.format, c.variation, c.provider, c.content,"
        " p.network_id from app.creatives c join app.products p on p.id = c.product_id",
    )
    products = {r.product_id for r in written}
    assert len(products) == TOP
    for product in products:
        mine = [r for r in written if r.product_id == product]
        assert sorted({r.format for r in mine}) == sorted(FORMATS)
        assert len([r for r in mine if r.format == "meta_ad"]) == 2
    assert {r.provider for r in written} == {"template"}
    assert all(r.content for r in written)

    # Every creative has a verdict, judged by its format's platform.
    verdicts = dict(rows(clean_db, "select creative_id, platform from app.compliance_verdicts"))
    assert set(verdicts) == {r.id for r in written}
    platform_of = {"meta_ad": "meta", "google_rsa": "google", "video_script": "tiktok"}
    for r in written:
        assert verdicts[r.id] == platform_of.get(r.format, "meta")

    # One template call per product and format, each pointing at the creative it wrote.
    ledger = rows(clean_db, "select task, creative_id from app.ai_generation_history")
    assert len(ledger) == TOP * len(FORMATS)
    first_of_each = {(r.id, r.format) for r in written if r.variation == 0}
    assert {(e.creative_id, e.task) for e in ledger} == first_of_each

    # The flagged listing ranks among the top offers; its claim reaches the copy and the gate
    # blocks every one of its creatives, so it never gets an ad.
    flagged = [r.id for r in written if r.network_id == flagged_listing.VENDOR_ID]
    assert len(flagged) == len(FORMATS) + 1
    statuses = rows(
        clean_db,
        "select creative_id, status from app.compliance_verdicts"
        f" where creative_id in ({', '.join(map(str, flagged))})",
    )
    assert {s for _, s in statuses} == {"blocked"}
    ads = rows(
        clean_db,
        "select a.creative_id, c.format, p.network_id from app.ads a"
        " join app.creatives c on c.id = a.creative_id join app.products p on p.id = c.product_id",
    )
    assert ads, "the clean product's passed Meta ads are launched"
    assert {a.format for a in ads} == {"meta_ad"}
    assert flagged_listing.VENDOR_ID not in {a.network_id for a in ads}

    # Running creatives and campaigns again writes, bills, judges and launches nothing new.
    before = counts(clean_db)
    materialise(defs, instance, dg.AssetSelection.assets("creatives", "campaigns"))
    assert counts(clean_db) == before
