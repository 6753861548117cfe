"""The gate in the graph: creatives are judged when written, and only those that passed or
that a person approved are launched — whoever calls the launcher. Each email of a sequence is
judged on its own."""

import json
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from affiliate.ads.launcher import launch_for_creatives, launchable_creatives
from affiliate.ads.platform import SandboxAdPlatform
from affiliate.compliance.checker import check
from affiliate.compliance.gate import judge_creatives
from affiliate.compliance.review import approve, review_queue
from affiliate.content.format_copy import copy_to_check
from affiliate.content.model import ProductBrief
from affiliate.content.writers.template import TemplateFormatWriter
from affiliate.db.tables import compliance_verdicts
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


# Each email on its own ----------------------------------------------------------------------


def email_sequence(third_body: str) -> dict:
    """The template writer's sequence (every recommending email disclosed first), with email
    3's body replaced."""
    brief = ProductBrief(name="Calm Nights", description="A guide.", category="Parenting")
    content = TemplateFormatWriter().write(brief, "email_sequence").model_dump()
    content["emails"][2]["body"] = third_body
    return content


def add_creative(engine, content: dict, fmt: str = "email_sequence") -> int:
    with engine.begin() as conn:
        return conn.scalar(
            sa.text(
                "insert into app.creatives (product_id, provider, template_id, headline, body,"
                " format, content) values (1, 'template', 'template.' || :f, 'h', 'b', :f,"
                " cast(:content as jsonb)) returning id"
            ),
            {"f": fmt, "content": json.dumps(content)},
        )


def verdict_rows(engine) -> list[sa.Row]:
    with engine.connect() as conn:
        return conn.execute(sa.select(compliance_verdicts).order_by(compliance_verdicts.c.id)).all()


def test_only_the_email_without_its_own_disclosure_is_flagged(clean_db, creative_ids):
    # First person, no disclosure: fine only if email 1's "#ad" counted for email 3.
    content = email_sequence("I use this plan every evening and I think it is worth a look.")
    email_id = add_creative(clean_db, content)
    # Read as one text, the sequence's first disclosure hid email 3's missing one.
    headline, text = copy_to_check("email_sequence", content)
    assert check(text, "meta", None, headline=headline).risk == "low"

    with clean_db.begin() as conn:
        statuses = judge_creatives(conn, [email_id])

    assert statuses == {"blocked": 1}
    [row] = verdict_rows(clean_db)
    assert (row.creative_id, row.risk, row.status, row.checker) == (
        email_id, "high", "blocked", "rules",
    )  # fmt: skip
    assert [(f["rule_id"], f["field"]) for f in row.findings] == [
        ("ftc.disclosure.missing", "email 3")
    ]


def test_a_disclosure_past_an_emails_preview_cut_is_flagged_on_that_email(clean_db, creative_ids):
    late = "A short note on evening routines. " * 5 + "#ad I may earn a commission."
    email_id = add_creative(clean_db, email_sequence("I recommend this plan. " + late))

    with clean_db.begin() as conn:
        judge_creatives(conn, [email_id])

    [row] = verdict_rows(clean_db)
    assert [(f["rule_id"], f["field"]) for f in row.findings] == [
        ("ftc.disclosure.placement", "email 3")
    ]


def test_the_template_sequence_passes_email_by_email(clean_db, creative_ids):
    content = TemplateFormatWriter().write(
        ProductBrief(name="Calm Nights", category="Parenting"), "email_sequence"
    )
    email_id = add_creative(clean_db, content.model_dump())
    with clean_db.begin() as conn:
        assert judge_creatives(conn, [email_id]) == {"passed": 1}
