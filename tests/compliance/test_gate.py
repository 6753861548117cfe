"""The gate in the graph: creatives are judged when written, and only those that passed or
that a person approved are launched — whoever calls the launcher."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from affiliate.ads.launcher import launch_for_creatives, launchable_creatives
from affiliate.ads.platform import SandboxAdPlatform
from affiliate.compliance.gate import judge_creatives
from affiliate.compliance.review import approve, review_queue
from affiliate.sandbox import SandboxConfig, start_sandbox

CLEAN = ("Sleep Better Tonight", "A calmer evening routine, step by step.", "Learn more")
BLOCKED = (
    "Lose 30 Pounds in 7 Days",
    "Guaranteed results: melt belly fat overnight, or your money back!!!",
    "Buy now",
)


@pytest.fixture
def creative_ids(clean_db):
    with clean_db.begin() as conn:
        conn.execute(
            sa.text(
                "insert into app.products (id, name, network, network_id, category, product_url)"
                " values (1, 'Calm Nights', 'clickbank', 'CALM', 'Health & Fitness',"
                " 'https://hop.example/?p=calm')"
            )
        )
        return [
            conn.scalar(
                sa.text(
                    "insert into app.creatives (product_id, provider, template_id, headline, body,"
                    " call_to_action) values (1, 'template', :t, :h, :b, :c) returning id"
                ),
                {"t": f"t{i}", "h": h, "b": b, "c": c},
            )
            for i, (h, b, c) in enumerate((CLEAN, BLOCKED))
        ]


@pytest.fixture(scope="module")
def platform():
    with start_sandbox(SandboxConfig(port=0)) as sandbox:
        yield SandboxAdPlatform(sandbox.url, token="sandbox-token")


def launch(engine, platform, ids):
    return launch_for_creatives(
        engine,
        platform,
        ids,
        daily_budget=Decimal("10.00"),
        tracking_base_url="http://127.0.0.1:8000",
        start_date=date(2026, 11, 25),
    )


def test_only_what_passed_is_launched(clean_db, creative_ids, platform):
    clean, violating = creative_ids
    with clean_db.begin() as conn:
        statuses = judge_creatives(conn, creative_ids)
    assert statuses == {"passed": 1, "blocked": 1}
    launched = launch(clean_db, platform, creative_ids)
    assert [r.creative_id for r in launched] == [clean]
    with clean_db.connect() as conn:
        ads = conn.execute(sa.text("select creative_id from app.ads")).scalars().all()
    assert ads == [clean]  # the blocked creative left no trace on the platform or here


def test_a_creative_without_a_verdict_is_not_launched(clean_db, creative_ids, platform):
    assert launch(clean_db, platform, creative_ids) == []


def test_a_blocked_creative_runs_only_after_a_recorded_override(clean_db, creative_ids, platform):
    clean, violating = creative_ids
    with clean_db.begin() as conn:
        judge_creatives(conn, creative_ids)
        (blocked,) = review_queue(conn, statuses=("blocked",))
        approve(conn, blocked.verdict_id, "ana@example.com", "legal reviewed", True)
    assert {r.creative_id for r in launch(clean_db, platform, creative_ids)} == {clean, violating}


def test_judging_again_keeps_a_persons_decision(clean_db, creative_ids):
    with clean_db.begin() as conn:
        judge_creatives(conn, creative_ids)
        (blocked,) = review_queue(conn, statuses=("blocked",))
        approve(conn, blocked.verdict_id, "ana@example.com", "legal reviewed", True)
        again = judge_creatives(conn, creative_ids)
        verdicts = conn.execute(sa.text("select status from app.compliance_verdicts")).all()
    assert again == {"passed": 1, "blocked": 1}  # what the rules say, unchanged
    assert sorted(v.status for v in verdicts) == ["approved", "passed"]  # stored once each


def test_only_meta_ad_creatives_are_launched(clean_db, creative_ids, platform):
    """A script, an email or a page that passed is still not an ad the platform can run."""
    with clean_db.begin() as conn:
        conn.execute(
            sa.text("update app.creatives set format = 'google_rsa' where id = :i"),
            {"i": creative_ids[0]},
        )
        judge_creatives(conn, creative_ids)
    assert launch(clean_db, platform, creative_ids) == []
    assert launchable_creatives(clean_db) == [creative_ids[1]]  # blocked, so not launched above
