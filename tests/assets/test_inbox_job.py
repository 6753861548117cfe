"""The job the inbox sensor starts: a sale waiting in the inbox reaches fct_pnl_daily, with
the dbt build it runs (its excluded checks included) accepted by dbt."""

from decimal import Decimal

import dagster as dg
import sqlalchemy as sa

from pipelines.definitions import build_definitions
from tests.hotmart_payloads import body
from tests.inbox_rows import store_delivery


def test_a_pending_sale_reaches_the_pnl_mart(db_url, clean_db):
    raw = body(event_id="job-1", transaction="JOB-1", affiliate="12.34", click_id=None)
    with clean_db.begin() as conn:
        store_delivery(
            conn, network="hotmart", event_id="job-1", event_type="PURCHASE_APPROVED",
            body=raw, headers={},
        )  # fmt: skip
    job = build_definitions(db_url).resolve_job_def("conversions_job")
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(instance=instance, tags=job.tags, raise_on_error=False)
    assert result.success
    with clean_db.connect() as conn:
        revenue = conn.scalar(sa.text("select sum(gross_revenue) from analytics.fct_pnl_daily"))
    assert revenue == Decimal("12.34")
