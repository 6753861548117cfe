"""The code location loads as one graph: raw_offers → … → dbt marts → pnl, with its jobs,
schedules and sensors, and importing it does nothing but import."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from itertools import pairwise

import dagster as dg
import pytest

from affiliate.config import PROJECT_ROOT
from pipelines.definitions import LIFECYCLE_KEYS, build_definitions

# Loading the definitions must not connect: a URL that leads nowhere proves it.
UNREACHABLE_DB = "postgresql+psycopg2://nobody@127.0.0.1:1/nowhere?connect_timeout=1"

JOBS = ("daily_offers_job", "score_and_launch_job", "conversions_job", "daily_marts_job")
SCHEDULES = ("daily_offers_schedule", "daily_launch_schedule", "daily_marts_schedule")
SENSORS = ("conversion_inbox_sensor", "session_expiry_sensor")
MARTS = ("fct_pnl_daily", "fct_campaign_performance_daily")
DAILY_INSIGHTS = ("pnl_forecast", "performance_anomalies", "cfo_summary", "ab_test_results")


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    return build_definitions(UNREACHABLE_DB)


@pytest.fixture(scope="module")
def graph(defs: dg.Definitions):
    return defs.resolve_asset_graph()


def key(name: str) -> dg.AssetKey:
    return dg.AssetKey(name)


def parents(graph, name: str) -> set[str]:
    return {k.to_user_string() for k in graph.get(key(name)).parent_keys}


def upstream_closure(graph, name: str) -> set[str]:
    seen: set[str] = set()
    todo = [name]
    while todo:
        for parent in parents(graph, todo.pop()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def job_assets(defs: dg.Definitions, job_name: str) -> set[str]:
    job = defs.resolve_job_def(job_name)
    return {k.to_user_string() for k in job.asset_layer.executable_asset_keys}


def test_the_definitions_load_and_validate(defs):
    assert isinstance(defs, dg.Definitions)
    dg.Definitions.validate_loadable(defs)


def test_the_lifecycle_assets_are_in_the_graph_and_materialisable(graph):
    assert LIFECYCLE_KEYS == (
        "raw_offers",
        "scored_offers",
        "creatives",
        "campaigns",
        "conversions",
        "pnl",
    )
    all_keys = graph.get_all_asset_keys()
    for name in LIFECYCLE_KEYS:
        assert key(name) in all_keys, name
        assert graph.get(key(name)).is_materializable, name


def test_the_python_assets_form_the_lifecycle_chain(graph):
    chain = ["raw_offers", "scored_offers", "creatives", "campaigns", "conversions"]
    assert parents(graph, "raw_offers") == set()
    for parent, child in pairwise(chain[:-1]):
        assert parents(graph, child) == {parent}, child
    # Conversions also read the exchange rates loaded from outside the graph.
    assert parents(graph, "conversions") == {"campaigns", "fx_rates"}


def test_the_dbt_marts_are_in_the_graph(graph):
    all_keys = graph.get_all_asset_keys()
    for name in MARTS:
        assert key(name) in all_keys, name
        assert graph.get(key(name)).is_materializable, name


def test_pnl_reads_the_pnl_mart(graph):
    assert parents(graph, "pnl") == {"fct_pnl_daily"}


@pytest.mark.parametrize(
    ("staging_model", "python_asset"),
    [
        ("stg_app__conversions", "conversions"),
        ("stg_app__webhook_inbox", "conversions"),
        ("stg_app__ad_spend_daily", "campaigns"),
        ("stg_app__ads", "campaigns"),
        ("stg_app__campaigns", "campaigns"),
        ("stg_app__products", "scored_offers"),
        ("stg_app__offer_snapshots", "raw_offers"),
    ],
)
def test_dbt_sources_map_onto_the_python_asset_that_writes_the_table(
    graph, staging_model, python_asset
):
    assert parents(graph, staging_model) == {python_asset}


def test_one_connected_graph_from_raw_offers_to_pnl(graph):
    upstream_of_pnl = upstream_closure(graph, "pnl")
    assert set(LIFECYCLE_KEYS) - {"pnl"} <= upstream_of_pnl
    assert "fct_pnl_daily" in upstream_of_pnl
    # Spend and revenue both reach the campaign mart, so it too hangs off the Python assets.
    assert {"campaigns", "conversions", "raw_offers"} <= upstream_closure(
        graph, "fct_campaign_performance_daily"
    )
    # No dangling source assets: every key has a parent but the inputs from outside — the
    # marketplaces' offers, the exchange rates `affiliate fx load` brings in, and the other
    # costs the affiliate keeps in dbt's `costs` seed.
    roots = {k.to_user_string() for k in graph.get_all_asset_keys() if not graph.get(k).parent_keys}
    assert roots == {"raw_offers", "fx_rates", "costs"}


def test_the_jobs_exist_and_select_their_slice(defs):
    for name in JOBS:
        assert defs.resolve_job_def(name).name == name

    offers = defs.resolve_job_def("daily_offers_job")
    assert job_assets(defs, "daily_offers_job") == {"raw_offers"}
    # Partitioned by day and network (a network's failure does not hold back the others).
    dims = {d.name: d.partitions_def for d in offers.partitions_def.partitions_defs}
    assert isinstance(dims["date"], dg.DailyPartitionsDefinition)
    assert isinstance(dims["network"], dg.StaticPartitionsDefinition)
    assert "clickbank" in dims["network"].get_partition_keys()

    assert job_assets(defs, "score_and_launch_job") == {"scored_offers", "creatives", "campaigns"}

    inbox = job_assets(defs, "conversions_job")
    assert {"conversions", "pnl", *MARTS} <= inbox
    assert not {"raw_offers", "scored_offers", "creatives", "campaigns"} & inbox
    assert not set(DAILY_INSIGHTS) & inbox  # too slow for the inbox's one-minute freshness

    marts = job_assets(defs, "daily_marts_job")
    assert {"conversions", "pnl", *MARTS, *DAILY_INSIGHTS} <= marts
    assert not {"raw_offers", "scored_offers", "creatives", "campaigns"} & marts


def test_the_schedules_exist_and_target_their_jobs(defs):
    targets = {name: defs.resolve_schedule_def(name).job_name for name in SCHEDULES}
    assert targets == {
        "daily_offers_schedule": "daily_offers_job",
        "daily_launch_schedule": "score_and_launch_job",
        "daily_marts_schedule": "daily_marts_job",
    }


def test_the_sensors_exist(defs):
    inbox = defs.resolve_sensor_def("conversion_inbox_sensor")
    assert inbox.job_name == "conversions_job"
    assert inbox.default_status == dg.DefaultSensorStatus.RUNNING
    expiry = defs.resolve_sensor_def("session_expiry_sensor")
    assert expiry.name == "session_expiry_sensor"
    assert expiry.default_status == dg.DefaultSensorStatus.RUNNING


def test_the_code_location_is_lazy():
    from pipelines import definitions

    assert not isinstance(definitions.defs, dg.Definitions)
    assert callable(definitions.defs)


# Spies on what would be a side effect (dbt parse, settings read, starting the embedded
# server), installed before the import so that `from … import` picks them up.
IMPORT_PROBE = textwrap.dedent(
    """
    import json
    import affiliate.config as config
    import affiliate.db.dbt_manifest as manifest
    import affiliate.db.embedded as embedded

    calls = []

    def spy(module, name):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls.append(f"{module.__name__}.{name}")
            return original(*args, **kwargs)

        setattr(module, name, wrapper)

    spy(config, "get_settings")
    spy(manifest, "ensure_manifest")
    spy(manifest, "manifest_is_stale")
    spy(embedded, "start")

    import pipelines.definitions as location

    on_import = list(calls)
    loaded = location.defs()
    print(json.dumps({
        "on_import": on_import,
        "on_load": calls[len(on_import):],
        "loaded": type(loaded).__name__,
    }))
    """
)


def test_importing_the_code_location_has_no_side_effects():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["on_import"] == []
    # The spies work: loading the location (what Dagster does) does parse-if-stale dbt.
    assert "affiliate.db.dbt_manifest.ensure_manifest" in report["on_load"]
    assert report["loaded"] == "Definitions"


def test_the_inbox_job_runs_in_one_process_and_runs_the_daily_builds_checks(defs):
    inbox = defs.resolve_job_def("conversions_job")
    assert inbox.executor_def.name == "in_process"
    # Its not_null checks are terms of each model's checks_in_one_query, not nodes to leave out.
    for job in ("conversions_job", "daily_marts_job"):
        assert "affiliate/dbt_exclude" not in defs.resolve_job_def(job).tags
