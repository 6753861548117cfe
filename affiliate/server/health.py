"""GET /api/health: 200 when the database answers, 503 when it does not; GET /api/ping: alive."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter()


@router.get("/api/health")
def health(request: Request) -> JSONResponse:
    try:
        with request.app.state.engine.connect() as conn:
            conn.execute(sa.text("select 1"))
    except sa.exc.SQLAlchemyError as exc:
        reason = type(getattr(exc, "orig", None) or exc).__name__
        return JSONResponse(
            {"status": "degraded", "database": f"unreachable ({reason})"}, status_code=503
        )
    return JSONResponse({"status": "ok", "database": "ok"})


@router.get("/api/ping")
async def ping() -> dict[str, bool]:
    """Liveness without the database (load balancers; the benchmarks' no-op baseline)."""
    return {"ok": True}
