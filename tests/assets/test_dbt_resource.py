"""The dbt resource runs dbt as dagster-dbt's DbtCliResource does, without asking `dbt
--version` each run (the installed dbt-core says it) or loading dbt's adapter into the worker."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from dagster_dbt import DbtCliResource
from packaging.version import Version

from affiliate.db.dbt_manifest import dbt_executable, ensure_manifest
from affiliate.db.dbt_profile import DBT_PROJECT_DIR
from resources.dbt import LeanDbtCliResource, dbt_resource


@pytest.fixture
def version_probes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every `dbt --version` dagster-dbt runs, recorded (and still run)."""
    probes: list[list[str]] = []

    def recording(command: list[str], *args, **kwargs):
        probes.append(command)
        return subprocess.check_output(command, *args, **kwargs)

    monkeypatch.setattr("dagster_dbt.core.resource.check_output", recording)
    return probes


def test_the_version_is_the_probes_without_running_it(version_probes) -> None:
    upstream = DbtCliResource(project_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable())
    probed = upstream._cli_version
    assert len(version_probes) == 1  # the spy sees dagster-dbt's own probe

    assert dbt_resource(DBT_PROJECT_DIR)._cli_version == probed
    assert len(version_probes) == 1


def test_another_dbt_is_asked_its_version(tmp_path: Path, version_probes) -> None:
    other = tmp_path / "dbt"
    other.write_text("#!/bin/sh\necho 'Core:'\necho '  - installed: 1.2.3'\n")
    other.chmod(0o755)
    resource = LeanDbtCliResource(project_dir=str(DBT_PROJECT_DIR), dbt_executable=str(other))
    assert resource._cli_version == Version("1.2.3")
    assert version_probes == [[str(other), "--version"]]


def test_a_command_runs_without_the_probe_or_the_adapter(tmp_path: Path, version_probes) -> None:
    invocation = dbt_resource(DBT_PROJECT_DIR).cli(
        ["ls", "--select", "stg_seeds__costs", "--resource-type", "model"],
        manifest=ensure_manifest(DBT_PROJECT_DIR),
        target_path=tmp_path / "target",
        raise_on_error=False,
    )
    listed = [e.raw_event["info"]["msg"] for e in invocation.stream_raw_events()]
    assert invocation.is_successful(), listed
    assert "affiliate_os.staging.stg_seeds__costs" in listed
    assert version_probes == []
    assert invocation.adapter is None
