"""`affiliate ab-test`: JSON in (stdin or a file), the whole result as JSON out, and bad input
as one line on stderr with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from affiliate.cli import app
from affiliate.stats.analysis import analyze
from affiliate.stats.design import parse_experiment

EXPERIMENT = {
    "metric": "conversion_rate",
    "variants": [
        {"name": "A", "n": 10_000, "conversions": 1000},
        {"name": "B", "n": 10_000, "conversions": 1180},
        {"name": "C", "n": 10_000, "conversions": 1030},
    ],
    "expected_split": [1, 1, 1],
    "alpha": 0.05,
    "correction": "holm",
}


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, ["ab-test", *args], input=stdin)


def test_reads_stdin_and_prints_the_whole_result():
    result = run(stdin=json.dumps(EXPERIMENT))
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["metric"] == "conversion_rate" and out["correction"] == "holm"
    assert [v["name"] for v in out["variants"]] == ["B", "C"] and out["control"]["name"] == "A"
    b = out["variants"][0]
    for scale in ("absolute", "relative"):
        assert set(b[scale]) >= {"estimate", "ci", "p_value", "p_value_adjusted", "sequential"}
        assert set(b[scale]["sequential"]) == {"ci", "p_value", "p_value_adjusted"}
    assert b["bayesian"]["model"].startswith("beta-binomial")
    assert 0 < b["expected_loss"] < b["chance_to_beat_control"] < 1
    assert out["srm"]["ok"] is True and out["srm"]["threshold"] == 0.001
    assert out["verdict"]["winner"] == "B"
    assert out["verdict"]["reason"].startswith("B wins: +18 % conversion rate")
    # The printed numbers are the engine's.
    engine = analyze(parse_experiment(EXPERIMENT))
    row = engine.treatments[0]
    assert b["relative"]["ci"] == [row.relative.fixed.low, row.relative.fixed.high]
    assert b["relative"]["sequential"]["p_value_adjusted"] == row.relative.sequential_p_adjusted
    assert out["srm"]["p_value"] == engine.srm_p_value


def test_reads_a_file_and_infers_a_mean_metric(tmp_path: Path):
    path = tmp_path / "rpv.json"
    path.write_text(
        json.dumps(
            {
                "variants": [
                    {"name": "control", "n": 900, "sum": 4500.0, "sum_squares": 250_000.0},
                    {"name": "new", "n": 1100, "sum": 5700.0, "sum_squares": 310_000.0},
                ]
            }
        )
    )
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["metric"] == "revenue_per_visitor"
    assert out["variants"][0]["bayesian"]["model"].startswith("gaussian")
    assert out["srm"]["ok"] is False  # 900 vs 1100 of a planned 50/50
    assert out["verdict"]["status"] == "blocked"
    assert out["verdict"]["reason"].startswith("Blocked: sample ratio mismatch (p = ")


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"variants": [{"n": 10, "conversions": 11}, {"n": 10, "conversions": 1}]}', "> n"),
        ('{"variants": [{"n": 10, "conversions": 1}]}', "at least two variants"),
        ('{"variants": [{"n": 10, "conversions": NaN}, {"n": 10, "conversions": 1}]}', "NaN"),
        (
            '{"variants": [{"n": 10, "conversions": 1}, {"n": 9, "conversions": 1}], "alpha": 0}',
            "alpha",
        ),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(stdin, message):
    result = run(stdin=stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("ab-test: ")


def test_missing_file_is_exit_2(tmp_path: Path):
    result = run(str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "cannot read" in result.stderr and "Traceback" not in result.stderr


def test_console_script_pipes_stdin():
    """The installed `affiliate` command, as a user would pipe into it."""
    script = Path(sys.executable).with_name("affiliate")
    bad = subprocess.run(
        [str(script), "ab-test"], input="[]", capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip() == "ab-test: the experiment must be a JSON object"
    good = subprocess.run(
        [str(script), "ab-test", "-"],
        input=json.dumps(EXPERIMENT),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["verdict"]["winner"] == "B"
