"""Materialise slices of the graph in this process (the demo, imports, the end-to-end test)."""

from __future__ import annotations

from contextlib import ExitStack, redirect_stderr, redirect_stdout
from pathlib import Path

import dagster as dg


class RunFailed(RuntimeError):
    pass


def materialise(
    defs: dg.Definitions,
    instance: dg.DagsterInstance,
    selection: dg.AssetSelection | None = None,
    partition_key: str | dg.MultiPartitionKey | None = None,
    log_file: Path | None = None,
) -> dg.ExecuteInProcessResult:
    """Run `selection` (default: every asset) with the definitions' resources; raise on failure.

    raw_offers is partitioned by day and network and the rest is not; one run may hold both,
    and then `partition_key` picks raw_offers' partition. With `log_file`, Dagster's and dbt's
    narration (dbt writes to stdout) goes there instead of the terminal.
    """
    with ExitStack() as stack:
        if log_file is not None:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            log = stack.enter_context(log_file.open("a"))
            stack.enter_context(redirect_stdout(log))
            stack.enter_context(redirect_stderr(log))
        result = dg.materialize(
            list(defs.assets),
            instance=instance,
            resources=dict(defs.resources),
            selection=selection,
            partition_key=partition_key,
            raise_on_error=False,
        )
    if not result.success:
        failures = [e for e in result.all_events if e.is_step_failure]
        steps = [e.step_key for e in failures]
        errors = [e.event_specific_data.error.message.strip() for e in failures]
        raise RunFailed(f"Dagster run {result.run_id} failed at {steps}: {' | '.join(errors)}")
    return result
