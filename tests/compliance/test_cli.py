"""`affiliate compliance …` and `affiliate review …` as a user runs them."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from affiliate.cli import app as cli
from affiliate.compliance.checker import check
from affiliate.compliance.review import record_verdict
from affiliate.db.tables import compliance_verdicts, creatives, products


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_check_reads_plain_and_json_lines_from_stdin():
    stdin = "\n".join(
        [
            "Lose 20 pounds in 2 weeks with this tea.",
            "",
            json.dumps({"id": "g1", "text": "Simple invoicing.", "headline": "Invoices Fast!"}),
            json.dumps({"text": "Planners for busy weeks.", "platform": "tiktok"}),
        ]
    )
    result = run(
        "compliance", "check", "--platform", "google", "--niche", "weight_loss", input=stdin
    )
    assert result.exit_code == 0, result.output
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    assert [v["line"] for v in verdicts] == [1, 3, 4]
    assert verdicts[0]["blocked"] and verdicts[0]["rule_ids"] == ["google.healthcare.claims"]
    assert verdicts[0]["findings"][0]["quote"] == "Lose 20 pounds"
    assert verdicts[1]["id"] == "g1" and verdicts[1]["risk"] == "medium"
    assert verdicts[1]["findings"][0]["field"] == "headline"
    assert verdicts[2]["platform"] == "tiktok" and verdicts[2]["risk"] == "low"


def test_check_reads_a_file(tmp_path):
    path = tmp_path / "ads.txt"
    path.write_text("Only 3 spots left!\nCedar garden beds.\n", "utf-8")
    result = run("compliance", "check", "--platform", "meta", str(path))
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["risk"] for line in result.stdout.splitlines()] == ["high", "low"]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--platform", "myspace"], "text\n", "unknown platform 'myspace'"),
        (["--platform", "meta"], '{"txt": "x"}\n', 'line 1: a JSON line needs a non-empty "text"'),
        (["--platform", "meta"], "ok\n{broken\n", "line 2: not valid JSON"),
        (["--platform", "meta"], "\n\n", "no ad texts"),
        (["--platform", "meta", "/no/such/file"], "", "cannot read /no/such/file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, stdin, message):
    result = run("compliance", "check", *args, input=stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_eval_prints_precision_and_recall_per_split_and_family():
    result = run("compliance", "eval")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["split", "texts", "violating", "precision", "recall"]
    # Splits in the order they were written, then the whole set; new rounds append before "all".
    splits = [line.split()[0] for line in lines[1 : lines.index("")]]
    assert splits[:4] == ["dev", "holdout", "late", "blind"] and splits[-1] == "all"
    assert any(line.startswith("income_claims") for line in lines)
    figures = json.loads(run("compliance", "eval", "--json").stdout)
    assert figures[-1]["name"] == "all" and figures[-1]["texts"] >= 150


def test_rules_prompt_block_names_rule_ids():
    result = run("compliance", "rules", "--platform", "meta", "--niche", "weight_loss", "--prompt")
    assert result.exit_code == 0, result.output
    assert "[meta.health.weight_loss]" in result.stdout


@pytest.fixture
def database(clean_db, db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return clean_db


def _verdict(engine, text: str) -> int:
    with engine.begin() as conn:
        product = conn.scalar(
            sa.insert(products)
            .values(name="P", network="clickbank", network_id=text[:20])
            .returning(products.c.id)
        )
        creative_id = conn.scalar(
            sa.insert(creatives)
            .values(
                product_id=product, provider="template", template_id="t", headline=text, body="b"
            )
            .returning(creatives.c.id)
        )
        return record_verdict(conn, creative_id, check(text, "meta"))


def test_review_list_approve_reject(database):
    pending = _verdict(database, "Regular price $49, now $29.")
    blocked = _verdict(database, "Make $500 a day from your phone.")
    listed = run("review", "list")
    assert listed.exit_code == 0 and "clickbank.reference_price" in listed.stdout
    assert "Make $500" not in listed.stdout
    assert "Make $500" in run("review", "list", "--status", "blocked").stdout

    refused = run("review", "approve", str(blocked), "--by", "ana")
    assert refused.exit_code == 2 and "override" in refused.stderr
    forced = run(
        "review",
        "approve",
        str(blocked),
        "--by",
        "ana",
        "--override-high-risk",
        "--note",
        "legal signed off",
    )
    assert forced.exit_code == 0 and f"verdict {blocked} approved" in forced.stdout
    rejected = run("review", "reject", str(pending), "--by", "ben", "--note", "no proof")
    assert rejected.exit_code == 0, rejected.output
    assert run("review", "list").stdout.strip() == "Nothing waiting for review."
    with database.connect() as conn:
        rows = conn.execute(
            sa.select(
                compliance_verdicts.c.id,
                compliance_verdicts.c.status,
                compliance_verdicts.c.reviewed_by,
                compliance_verdicts.c.override,
                compliance_verdicts.c.review_note,
            ).order_by(compliance_verdicts.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (pending, "rejected", "ben", False, "no proof"),
        (blocked, "approved", "ana", True, "legal signed off"),
    ]


def test_index_command_loads_the_corpus_once(database):
    first = run("compliance", "index")
    assert first.exit_code == 0 and "chunks indexed" in first.stdout
    assert "Index current" in run("compliance", "index").stdout
