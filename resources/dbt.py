"""dagster-dbt's DbtCliResource without the per-run work this project never uses."""

from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version
from pydantic import Field

from affiliate.db.dbt_manifest import dbt_executable, installed_dbt_version


class LeanDbtCliResource(DbtCliResource):
    """Runs dbt exactly as DbtCliResource does, minus two set-ups each `cli()` call pays before
    dbt starts (see dbt_project/DECISIONLOG.md, "The daily build"):

    * the `dbt --version` probe (~3.5 s on 2 busy cores): when the executable is the `dbt`
      beside this interpreter, its version is the installed dbt-core's;
    * the in-process dbt adapter (~2.4 s: dbt's profile, project and macros loaded into the run
      worker). dagster-dbt uses it only for `fetch_row_counts()` and `fetch_column_metadata()`,
      which no asset here calls; set `adapter_in_process` if one starts to, or they quietly
      return nothing.
    """

    adapter_in_process: bool = Field(
        default=False,
        description="Set up dbt's adapter in the run worker, for row counts and column metadata.",
    )

    @cached_property
    def _cli_version(self) -> version.Version:
        known = installed_dbt_version(self.dbt_executable)
        if known is None:
            return DbtCliResource._cli_version.func(self)  # run `dbt --version`, as upstream
        return version.parse(known)

    def _initialize_dbt_core_adapter(self, args):
        if self.adapter_in_process:
            return super()._initialize_dbt_core_adapter(args)
        return None


def dbt_resource(project: DbtProject | Path) -> LeanDbtCliResource:
    """The dbt resource the definitions give the dbt asset; bench/dbt_incremental.py times
    builds through this same construction."""
    if isinstance(project, DbtProject):
        return LeanDbtCliResource(project_dir=project, dbt_executable=dbt_executable())
    return LeanDbtCliResource(
        project_dir=str(project), profiles_dir=str(project), dbt_executable=dbt_executable()
    )
