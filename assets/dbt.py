"""The dbt project's models as Dagster assets; sources map onto the Python assets above them."""

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
from affiliate.db.dbt_build import daily_build_args, keep_partial_parse_warm
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
        # The daily incremental build (bench/dbt_incremental.py times these same arguments). A
        # job may leave some tests to the daily build (see pipelines/jobs.py).
        args = daily_build_args(
            get_settings().report_timezone, exclude=context.run.tags.get(DBT_EXCLUDE_TAG, "")
        )
        invocation = dbt.cli(args, context=context)
        yield from invocation.stream()
        keep_partial_parse_warm(invocation.target_path, project.project_dir)

    return dbt_marts
