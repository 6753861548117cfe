"""Start Dagster runs from the API server through Dagster's GraphQL API (its wire format).

Long work (scrapes) is a Dagster run, so the API answers 202 with the run id at once and
the run shows in the Dagster UI like any other. Plain HTTP keeps the server free of Dagster
imports (ARCHITECTURE §2).
"""

from __future__ import annotations

import httpx

LAUNCH_RUN = """
mutation LaunchRun($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on PipelineNotFoundError { message }
    ... on InvalidSubsetError { message }
    ... on RunConflict { message }
  }
}
"""
LOCATION = "pipelines.definitions"  # `dagster dev -m pipelines.definitions`
REPOSITORY = "__repository__"  # the name Dagster gives a Definitions object


class DagsterUnavailable(RuntimeError):
    pass


def launch_job(dagster_url: str, job_name: str, tags: dict[str, str]) -> str:
    """Launch `job_name` with `tags`; return the run id."""
    params = {
        "selector": {
            "repositoryLocationName": LOCATION,
            "repositoryName": REPOSITORY,
            "jobName": job_name,
        },
        "runConfigData": {},
        "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in tags.items()]},
    }
    try:
        answer = httpx.post(
            f"{dagster_url.rstrip('/')}/graphql",
            timeout=30,
            json={"query": LAUNCH_RUN, "variables": {"params": params}},
        )
        answer.raise_for_status()
    except httpx.HTTPError as exc:
        raise DagsterUnavailable(
            f"Dagster is not reachable at {dagster_url} ({exc}); start it with `affiliate run`"
        ) from exc
    result = answer.json()["data"]["launchRun"]
    if result["__typename"] != "LaunchRunSuccess":
        detail = result.get("message") or "; ".join(e["message"] for e in result.get("errors", []))
        raise DagsterUnavailable(f"Dagster refused the run ({result['__typename']}): {detail}")
    return result["run"]["runId"]


def partition_tags(date: str, network: str) -> dict[str, str]:
    """The tags Dagster uses to mark a run of one (date, network) partition."""
    return {
        "dagster/partition": f"{date}|{network}",
        "dagster/partition/date": date,
        "dagster/partition/network": network,
    }
