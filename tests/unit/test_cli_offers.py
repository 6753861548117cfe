"""`affiliate offers import`: a downloaded feed lands in today's partition and is scored."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from affiliate.cli import app
from affiliate.db.dbt_profile import dbt_env
from affiliate.sandbox import feed_xml


@pytest.fixture
def env(clean_db, db_url, tmp_path, monkeypatch):
    # bootstrap() exports these; setting them here first makes monkeypatch restore them.
    for key, value in {
        "DATABASE_URL": db_url,
        "AFFILIATE_HOME": str(tmp_path),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        **dbt_env(db_url),
    }.items():
        monkeypatch.setenv(key, value)
    return tmp_path


def test_import_a_downloaded_feed(env, clean_db):
    today = datetime.now(UTC).date()
    feed = env / "marketplace_feed_v2.xml"
    feed.write_bytes(feed_xml(today))
    sites = feed.read_bytes().count(b"<Site>")

    result = CliRunner().invoke(app, ["offers", "import", "clickbank", str(feed)])

    assert result.exit_code == 0, result.output
    assert f"{sites} clickbank offers imported and scored" in result.output
    with clean_db.connect() as conn:
        snapshots = conn.execute(
            sa.text(
                "select count(*), min(snapshot_date), max(snapshot_date) from app.offer_snapshots"
            )
        ).one()
        scored = conn.scalar(
            sa.text("select count(*) from app.products where ai_score is not null")
        )
    assert tuple(snapshots) == (sites, today, today)
    assert scored > 0


def test_a_missing_file_fails_clearly(env):
    result = CliRunner().invoke(app, ["offers", "import", "clickbank", str(env / "nope.xml")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_an_unknown_network_is_refused(env):
    result = CliRunner().invoke(app, ["offers", "import", "nowhere", "x.xml"])
    assert result.exit_code == 2 and "available: clickbank" in result.output


def test_top_lists_the_ranking_with_its_parts(env, clean_db):
    import json

    feed = env / "feed.xml"
    feed.write_bytes(feed_xml(datetime.now(UTC).date()))
    assert CliRunner().invoke(app, ["offers", "import", "clickbank", str(feed)]).exit_code == 0

    result = CliRunner().invoke(app, ["offers", "top", "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    scores = [float(r["aiScore"]) for r in rows]
    assert len(rows) == 3 and scores == sorted(scores, reverse=True)
    with clean_db.connect() as conn:
        best = conn.scalar(sa.text("select max(ai_score) from app.products"))
    assert rows[0]["aiScore"] == str(best)
    assert rows[0]["score"]["formulaVersion"] and rows[0]["score"]["explanation"]

    table = CliRunner().invoke(app, ["offers", "top", "--limit", "3"])
    assert rows[0]["name"].split()[0] in table.output and "no trend" in table.output
