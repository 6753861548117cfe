"""The dbt project's models as Dagster assets; sources map onto the Python assets above them."""

import json
import os

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from affiliate.config import get_settings
from affiliate.dagster_home import DBT_EXCLUDE_TAG
from affiliate.db.dbt_manifest import ensure_manifest
from affiliate.db.dbt_profile import DBT_PROJECT_DIR, dbt_env
from resources.database import DatabaseResource


def dbt_project() -> DbtProject:
    """The project, with its manifest parsed if missing or stale (dagster-dbt needs it to load)."""
    ensure_manifest(DBT_PROJECT_DIR)
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def build_dbt_assets(project: DbtProject) -> dg.AssetsDefinition:
    """Built in a function, not at import: the decorator reads the manifest from disk."""

    # Several app tables are written by one Python asset (ads, ad sets and spend by
    # `campaigns`), so several sources share its key: that is what joins the graph.
    translator = DagsterDbtTranslator(
        settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True)
    )

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        name="dbt_marts",
        dagster_dbt_translator=translator,
    )
    def dbt_marts(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, database: DatabaseResource
    ):
        # profiles.yml reads AFFILIATE_DB_*; the dbt subprocess inherits this environment.
        os.environ.update(dbt_env(database.resolved_url()))
        dbt_vars = json.dumps({"report_timezone": get_settings().report_timezone})
        args = ["build", "--vars", dbt_vars]
        # A job may leave some tests to the daily build (see pipelines/jobs.py).
        if skipped := context.run.tags.get(DBT_EXCLUDE_TAG):
            args += ["--exclude", skipped]  # one argument: dagster-dbt reorders the others
        yield from dbt.cli(args, context=context).stream()

    return dbt_marts
