"""POST /api/hotmart-autonomous/scrape: start a Hotmart scrape of today as a Dagster run."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import Request
from fastapi.responses import JSONResponse

from affiliate.server.dagster_runs import DagsterUnavailable, launch_job, partition_tags
from affiliate.server.deps import ApiError, CurrentUser, router_requiring_auth

router = router_requiring_auth("/api/hotmart-autonomous", tags=["scraping"])
OFFERS_JOB = "daily_offers_job"


@router.post("/scrape", status_code=202)
def scrape(request: Request, user: CurrentUser) -> JSONResponse:
    today = datetime.now(UTC).date().isoformat()
    # The run scrapes with the caller's own stored session (see assets/offers.py).
    tags = {**partition_tags(today, "hotmart"), "affiliate/user_id": str(user.id)}
    try:
        run_id = launch_job(request.app.state.settings.dagster_url, OFFERS_JOB, tags)
    except DagsterUnavailable as exc:
        raise ApiError(503, str(exc)) from None
    return JSONResponse(
        {"success": True, "message": "Scraping job started.", "jobId": run_id}, status_code=202
    )
