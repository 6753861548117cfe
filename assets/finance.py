"""Finance: the day's P&L summary, read from the dbt mart, as materialisation metadata."""

import dagster as dg

from affiliate.finance.pnl import daily_pnl, total
from resources.database import DatabaseResource


@dg.asset(deps=[dg.AssetKey("fct_pnl_daily")], group_name="finance", kinds={"python"})
def pnl(context: dg.AssetExecutionContext, database: DatabaseResource):
    with database.engine().connect() as conn:
        days = daily_pnl(conn)
    latest = days[-1] if days else None
    overall = total(days)
    # Money as text: metadata numbers are floats, and money is never a float here.
    metadata = {
        "days": len(days),
        "total_net_revenue": f"{overall.net_revenue} {overall.currency_code}",
        "total_ad_spend": f"{overall.ad_spend} {overall.currency_code}",
        "total_profit": f"{overall.profit} {overall.currency_code}",
        "summary": dg.MetadataValue.md(pnl_markdown(days)),
    }
    if latest:
        metadata |= {
            "latest_day": str(latest.date_day),
            "latest_profit": f"{latest.profit} {latest.currency_code}",
        }
    context.log.info(f"P&L: {len(days)} days, profit {overall.profit} {overall.currency_code}")
    return dg.MaterializeResult(metadata=metadata)


def pnl_markdown(days) -> str:
    head = "| day | net revenue | ad spend | AI cost | profit | ROAS |\n|---|---|---|---|---|---|\n"
    return head + "\n".join(
        f"| {d.date_day} | {d.net_revenue} | {d.ad_spend} | {d.ai_cost} | {d.profit} | {d.roas} |"
        for d in days
    )
