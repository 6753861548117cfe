"""Materialise slices of the graph in this process (the demo and the end-to-end test)."""

from __future__ import annotations

import dagster as dg


class RunFailed(RuntimeError):
    pass


def materialise(
    defs: dg.Definitions,
    instance: dg.DagsterInstance,
    selection: dg.AssetSelection | None = None,
    partition_key: str | None = None,
    log_level: str = "INFO",
) -> dg.ExecuteInProcessResult:
    """Run `selection` (default: every asset) with the definitions' resources; raise on failure.

    raw_offers is daily-partitioned and the rest is not; one run may hold both, and then
    `partition_key` picks raw_offers' day.
    """
    result = dg.materialize(
        list(defs.assets),
        instance=instance,
        resources=dict(defs.resources),
        selection=selection,
        partition_key=partition_key,
        raise_on_error=False,
    )
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        errors = [
            e.event_specific_data.error.message.strip()
            for e in result.all_events
            if e.is_step_failure
        ]
        raise RunFailed(f"Dagster run {result.run_id} failed at {failed}: {' | '.join(errors)}")
    return result
