"""The gate in the graph: creatives are judged when written, and only those that passed or
that a person approved are launched — whoever calls the launcher. Each email of a sequence is
judged on its own; a configured LLM judge adds to the rules, is billed once per unchanged
copy, and a failed judgement waits for a person."""

import json
import threading
import time
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from affiliate.ads.launcher import launch_for_creatives, launchable_creatives
from affiliate.ads.platform import SandboxAdPlatform
from affiliate.compliance.checker import check
from affiliate.compliance.gate import judge_creatives
from affiliate.compliance.judge import JUDGE_FAILED, TASK, Judge
from affiliate.compliance.judge_config import JudgeConfigError
from affiliate.compliance.review import approve, may_run, review_queue
from affiliate.content.format_copy import copy_to_check
from affiliate.content.model import ProductBrief
from affiliate.content.writers.template import TemplateFormatWriter
from affiliate.db.tables import ai_generation_history, compliance_verdicts
from affiliate.sandbox import SandboxConfig, start_sandbox
from tests.compliance.test_judge import INJECTION, NO_RETRY_WAIT, answer, configure, user_message
from tests.content import conftest as vendor_fixtures
from tests.content.conftest import make_settings

openai_server = vendor_fixtures.openai_server
openai_vendor = vendor_fixtures.openai_vendor

# No LLM, whatever the machine's environment says: the rules alone.
OFFLINE = make_settings()

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
    statuses = judge_creatives(clean_db, creative_ids, settings=OFFLINE)
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
    judge_creatives(clean_db, creative_ids, settings=OFFLINE)
    with clean_db.begin() as conn:
        (blocked,) = review_queue(conn, statuses=("blocked",))
        approve(conn, blocked.verdict_id, "ana@example.com", "legal reviewed", True)
    assert {r.creative_id for r in launch(clean_db, platform, creative_ids)} == {clean, violating}


def test_judging_again_keeps_a_persons_decision(clean_db, creative_ids):
    judge_creatives(clean_db, creative_ids, settings=OFFLINE)
    with clean_db.begin() as conn:
        (blocked,) = review_queue(conn, statuses=("blocked",))
        approve(conn, blocked.verdict_id, "ana@example.com", "legal reviewed", True)
    again = judge_creatives(clean_db, creative_ids, settings=OFFLINE)
    with clean_db.connect() as conn:
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
    judge_creatives(clean_db, creative_ids, settings=OFFLINE)
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

    statuses = judge_creatives(clean_db, [email_id], settings=OFFLINE)

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

    judge_creatives(clean_db, [email_id], settings=OFFLINE)

    [row] = verdict_rows(clean_db)
    assert [(f["rule_id"], f["field"]) for f in row.findings] == [
        ("ftc.disclosure.placement", "email 3")
    ]


def test_the_template_sequence_passes_email_by_email(clean_db, creative_ids):
    content = TemplateFormatWriter().write(
        ProductBrief(name="Calm Nights", category="Parenting"), "email_sequence"
    )
    email_id = add_creative(clean_db, content.model_dump())
    assert judge_creatives(clean_db, [email_id], settings=OFFLINE) == {"passed": 1}


# With the LLM judge -------------------------------------------------------------------------


def ledger(engine) -> list[sa.Row]:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(ai_generation_history).order_by(ai_generation_history.c.id)
        ).all()


def test_the_judge_in_the_gate_is_billed_once_per_unchanged_copy(
    clean_db, creative_ids, openai_vendor
):
    clean, violating = creative_ids
    settings = configure(clean_db, "openai", openai_vendor)
    # A promise of better sleep, in the headline: a health claim the word lists let through.
    claim = {"rule_id": "ftc.health.substantiation", "quote": "Sleep Better", "fix": "Describe"}
    openai_vendor.reply(answer(claim), input_tokens=1000, output_tokens=200)
    openai_vendor.reply(answer(), input_tokens=1000, output_tokens=200)

    first = judge_creatives(clean_db, creative_ids, settings=settings)
    again = judge_creatives(clean_db, creative_ids, settings=settings)

    assert first == again == {"blocked": 2}
    assert len(openai_vendor.requests) == 2  # the second run asked no one
    rows = verdict_rows(clean_db)
    assert [(r.creative_id, r.checker, r.status) for r in rows] == [
        (clean, "rules+llm:openai/gpt-4o-mini", "blocked"),
        (violating, "rules+llm:openai/gpt-4o-mini", "blocked"),
    ]
    assert [(f["check"], f["field"]) for f in rows[0].findings] == [("llm_judge", "headline")]
    billed = ledger(clean_db)
    assert [(r.task, r.creative_id, r.product_id) for r in billed] == [
        (TASK, clean, 1), (TASK, violating, 1),
    ]  # fmt: skip
    assert [r.cost for r in billed] == [Decimal("0.00027")] * 2


def test_a_failed_judgement_waits_for_a_person_and_is_tried_again(
    clean_db, creative_ids, openai_vendor, platform
):
    clean, violating = creative_ids
    settings = configure(clean_db, "openai", openai_vendor)
    for _ in range(6):  # both creatives, every attempt
        openai_vendor.fail(500, "boom", headers=NO_RETRY_WAIT)

    failed = judge_creatives(clean_db, creative_ids, settings=settings)

    assert failed == {"pending": 1, "blocked": 1}  # the clean one was not let through
    assert launch(clean_db, platform, creative_ids) == []
    pending = verdict_rows(clean_db)[0]
    assert pending.checker == "rules+llm-failed:openai/gpt-4o-mini"
    assert [f["rule_id"] for f in pending.findings] == [JUDGE_FAILED]

    openai_vendor.reply(answer(), input_tokens=10, output_tokens=5)
    openai_vendor.reply(answer(), input_tokens=10, output_tokens=5)
    retried = judge_creatives(clean_db, creative_ids, settings=settings)
    with clean_db.connect() as conn:
        assert may_run(conn, clean) and not may_run(conn, violating)
    assert retried == {"passed": 1, "blocked": 1}


def test_a_person_decision_on_a_failed_judgement_is_kept(clean_db, creative_ids, openai_vendor):
    clean, _ = creative_ids
    settings = configure(clean_db, "openai", openai_vendor)
    for _ in range(3):
        openai_vendor.fail(503, "overloaded", headers=NO_RETRY_WAIT)
    judge_creatives(clean_db, [clean], settings=settings)
    with clean_db.begin() as conn:
        (waiting,) = review_queue(conn)
        approve(conn, waiting.verdict_id, "ana@example.com", "read it myself")

    again = judge_creatives(clean_db, [clean], settings=settings)
    with clean_db.connect() as conn:
        assert may_run(conn, clean)

    assert again == {"pending": 1}  # what the stored verdict said; a person approved it
    assert len(openai_vendor.requests) == 3  # the three failed attempts, nothing since


def test_an_instruction_in_the_product_or_the_copy_changes_no_verdict(
    clean_db, creative_ids, openai_vendor
):
    _, violating = creative_ids
    with clean_db.begin() as conn:
        conn.execute(
            sa.text("update app.products set description = :d"),
            {"d": f"A sleep guide. {INJECTION}"},
        )
        conn.execute(
            sa.text("update app.creatives set body = body || ' ' || :i where id = :c"),
            {"i": INJECTION, "c": violating},
        )
    settings = configure(clean_db, "openai", openai_vendor)
    openai_vendor.reply(answer(), input_tokens=10, output_tokens=5)  # as if it had obeyed

    assert judge_creatives(clean_db, [violating], settings=settings) == {"blocked": 1}

    [row] = verdict_rows(clean_db)
    offline = [f["rule_id"] for f in row.findings]
    assert row.status == "blocked" and offline and "meta.health.weight_loss" in offline
    message = user_message(openai_vendor.requests[0].json)
    # The copy's words only inside the data tags; the product's description not sent at all.
    assert message.count(INJECTION) == 1
    assert message.index("<ad_copy>") < message.index(INJECTION) < message.index("</ad_copy>")
    assert "A sleep guide" not in message


# Transactions, configuration, switching the judge off and on ------------------------------


def sessions_in_a_transaction(engine) -> list[str]:
    """The other sessions on this database that have a transaction open, and their query."""
    with engine.connect() as conn:
        return conn.scalars(
            sa.text(
                "select state || ': ' || query from pg_stat_activity"
                " where datname = current_database() and pid <> pg_backend_pid()"
                " and xact_start is not null"
            )
        ).all()


def test_no_transaction_is_open_while_the_judge_waits_for_the_llm(
    clean_db, creative_ids, openai_vendor
):
    settings = configure(clean_db, "openai", openai_vendor)
    openai_vendor.hang(1.5, then_text=answer())  # the first creative's judge is slow
    openai_vendor.reply(answer(), input_tokens=10, output_tokens=5)
    done = {}

    def run_the_gate():
        done["statuses"] = judge_creatives(clean_db, creative_ids, settings=settings)

    gate = threading.Thread(target=run_the_gate)

    gate.start()
    deadline = time.monotonic() + 10
    while not openai_vendor.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    while_asking = sessions_in_a_transaction(clean_db)
    gate.join(timeout=30)

    assert openai_vendor.requests, "the judge was never asked"
    assert while_asking == []
    assert done["statuses"] == {"passed": 1, "blocked": 1}
    assert len(verdict_rows(clean_db)) == 2


def test_a_misconfigured_judge_stops_the_gate_and_names_the_setting(
    clean_db, creative_ids, platform
):
    clean, violating = creative_ids
    judge_creatives(clean_db, [clean], settings=OFFLINE)
    before = verdict_rows(clean_db)
    broken = make_settings(llm_task_providers={TASK: "nowhere"})

    with pytest.raises(JudgeConfigError) as raised:
        judge_creatives(clean_db, creative_ids, settings=broken)

    assert f'Fix LLM_TASK_PROVIDERS["{TASK}"]' in str(raised.value)
    assert "No creative was judged" in str(raised.value)
    assert verdict_rows(clean_db) == before  # the earlier verdict stands, and no new one
    # The creative the judge never read has no verdict, so it cannot launch.
    assert [r.creative_id for r in launch(clean_db, platform, creative_ids)] == [clean]


def test_creatives_judged_before_a_crash_keep_their_verdicts(
    clean_db, creative_ids, openai_vendor, monkeypatch
):
    clean, violating = creative_ids
    settings = configure(clean_db, "openai", openai_vendor)
    openai_vendor.reply(answer(), input_tokens=10, output_tokens=5)
    real = Judge.verdict

    def crash_on_the_second(self, parts, platform, niche, offline, **ids):
        if ids["creative_id"] == violating:
            raise RuntimeError("the database went away")
        return real(self, parts, platform, niche, offline, **ids)

    monkeypatch.setattr(Judge, "verdict", crash_on_the_second)

    with pytest.raises(RuntimeError, match="went away"):
        judge_creatives(clean_db, creative_ids, settings=settings)

    assert [(r.creative_id, r.status) for r in verdict_rows(clean_db)] == [(clean, "passed")]


def test_the_verdict_of_the_checker_configured_now_is_the_one_that_decides(
    clean_db, creative_ids, openai_vendor
):
    clean, _ = creative_ids
    judge_on = configure(clean_db, "openai", openai_vendor)
    judge_off = judge_on.model_copy(update={"llm_task_providers": {TASK: "template"}})
    claim = {"rule_id": "ftc.health.substantiation", "quote": "Sleep Better", "fix": "Describe"}
    openai_vendor.reply(answer(claim), input_tokens=10, output_tokens=5)

    assert judge_creatives(clean_db, [clean], settings=judge_on) == {"blocked": 1}
    assert judge_creatives(clean_db, [clean], settings=judge_off) == {"passed": 1}
    with clean_db.connect() as conn:
        assert may_run(conn, clean)  # the rules alone, configured now, let it through
    assert judge_creatives(clean_db, [clean], settings=judge_on) == {"blocked": 1}

    with clean_db.connect() as conn:
        assert not may_run(conn, clean)  # the judge's verdict on these words decides again
    assert len(openai_vendor.requests) == 1  # reused, not asked again
    assert [r.checker for r in verdict_rows(clean_db)] == [
        "rules", "rules+llm:openai/gpt-4o-mini",
    ]  # fmt: skip
