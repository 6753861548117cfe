"""What the demo prints: top offers, campaigns, the P&L and the CFO summary, from the database."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from affiliate.finance.cfo_store import NO_DATA, latest_summary
from affiliate.finance.pnl import PnlRow, daily_pnl, total

TOP_OFFERS = sa.text("""
    select name, network, category, ai_score, metadata->>'score_explanation' as why
    from app.products where ai_score is not null
    order by ai_score desc, network_id limit :n
""")

# Each creative's newest verdict per platform decides (as in compliance.review).
CREATIVES_BY_FORMAT = sa.text("""
    select c.format, count(distinct c.id) as creatives,
           count(distinct c.id) filter (where v.status in ('passed', 'approved')) as passed,
           count(distinct c.id) filter (where v.status = 'pending') as pending,
           count(distinct c.id) filter (where v.status in ('blocked', 'rejected')) as blocked,
           count(distinct a.id) as ads
    from app.creatives c
    left join app.compliance_verdicts v on v.id in (
        select max(id) from app.compliance_verdicts where creative_id = c.id group by platform)
    left join app.ads a on a.creative_id = c.id
    group by c.format order by c.format
""")

BLOCKED_PRODUCTS = sa.text("""
    select p.name, count(distinct c.id) as creatives, count(distinct a.id) as ads,
           string_agg(distinct f->>'rule_id', ', ') as rules
    from app.creatives c
    join app.products p on p.id = c.product_id
    join app.compliance_verdicts v on v.creative_id = c.id and v.status = 'blocked'
    left join lateral jsonb_array_elements(v.findings) f on true
    left join app.ads a on a.creative_id = c.id
    group by p.name order by p.name
""")

CAMPAIGNS = sa.text("""
    select campaign_name, sum(spend) as spend, sum(clicks) as clicks,
           sum(tracked_clicks) as tracked_clicks, sum(conversions) as conversions,
           sum(refunds) as refunds, sum(revenue) as revenue
    from analytics.fct_campaign_performance_daily
    group by campaign_name order by campaign_name
""")


def print_top_offers(console: Console, conn: sa.Connection, n: int = 10) -> None:
    table = Table(title=f"Top {n} offers (score = V1 × momentum × sales-page review)")
    for col in ("#", "product", "category", "score", "why"):
        table.add_column(col, justify="right" if col in ("#", "score") else "left")
    for i, r in enumerate(conn.execute(TOP_OFFERS, {"n": n}), start=1):
        table.add_row(str(i), r.name, r.category or "", f"{r.ai_score:.2f}", r.why or "")
    console.print(table)


def print_creatives(console: Console, conn: sa.Connection) -> None:
    """Creatives per format with their compliance status, and the products the gate blocked."""
    table = Table(title="Creatives per format (template writer) and the compliance gate")
    for col in ("format", "creatives", "passed", "pending review", "blocked", "ads"):
        table.add_column(col, justify="left" if col == "format" else "right")
    for r in conn.execute(CREATIVES_BY_FORMAT):
        table.add_row(
            r.format, str(r.creatives), str(r.passed), str(r.pending), str(r.blocked), str(r.ads)
        )
    console.print(table)
    for r in conn.execute(BLOCKED_PRODUCTS):
        console.print(
            f"blocked: {r.name} — {r.creatives} creatives, {r.ads} ads; rules: {r.rules}",
            highlight=False,
        )


def print_campaigns(console: Console, conn: sa.Connection) -> None:
    table = Table(title="Campaigns (sandbox ad platform; revenue = network-confirmed commissions)")
    for col in ("campaign", "spend", "clicks", "tracked", "sales", "refunds", "revenue", "ROAS"):
        table.add_column(col, justify="left" if col == "campaign" else "right")
    for r in conn.execute(CAMPAIGNS):
        roas = f"{r.revenue / r.spend:.2f}" if r.spend else "–"
        table.add_row(
            r.campaign_name,
            f"{r.spend:.2f}",
            str(r.clicks),
            str(r.tracked_clicks),
            str(r.conversions),
            str(r.refunds),
            f"{r.revenue:.2f}",
            roas,
        )
    console.print(table)


def print_pnl(console: Console, conn: sa.Connection) -> PnlRow:
    """Fixed-width lines, not a table: a date or an amount is never cut to fit a terminal."""
    days = daily_pnl(conn)
    overall = total(days)
    console.print("[bold]Profit and loss[/bold] (analytics.fct_pnl_daily, USD)")
    line = "{:<11}{:>9}{:>9}{:>9}{:>9}{:>7}{:>9}{:>6}{:>6}"
    console.print(
        line.format("day", "gross", "refunds", "net", "ad spend", "AI", "profit", "ROI", "ROAS"),
        highlight=False,
    )
    for row in [*days, overall]:
        if row is overall:
            console.print("-" * 75)
        money = (
            row.gross_revenue,
            row.refunds,
            row.net_revenue,
            row.ad_spend,
            row.ai_cost,
            row.profit,
        )
        console.print(
            line.format(
                str(row.date_day or "total"),
                *(f"{v:.2f}" for v in money),
                _ratio(row.roi),
                _ratio(row.roas),
            ),
            highlight=False,
        )
    return overall


def print_cfo_summary(console: Console, conn: sa.Connection) -> None:
    """The cfo_summary asset's sentence: the latest complete day against the day before."""
    summary = latest_summary(conn)
    # A first demo has only today's sales: no complete day yet, and the demo says so.
    text = f"({summary.date_day}): {summary.text}" if summary else NO_DATA
    console.print(f"\n[bold]CFO summary[/bold] {text}")


def check_totals(console: Console, conn: sa.Connection, overall: PnlRow) -> bool:
    """Re-add the mart in SQL and from the app tables; say whether the printed totals agree."""
    mart = conn.execute(
        sa.text(
            "select coalesce(sum(profit), 0) as profit, coalesce(sum(net_revenue), 0) as net,"
            " coalesce(sum(ad_spend), 0) as spend from analytics.fct_pnl_daily"
            " where currency_code = 'USD'"
        )
    ).one()
    app_net = conn.scalar(
        sa.text("""
        select coalesce(sum(commission_amount), 0)
             - coalesce(sum(commission_amount)
                        filter (where status in ('refunded', 'chargeback')), 0)
        from app.conversions where currency = 'USD'
    """)
    )
    app_spend = conn.scalar(
        sa.text("select coalesce(sum(spend), 0) from app.ad_spend_daily where currency = 'USD'")
    )
    checks = [
        ("total profit = sum(profit) over fct_pnl_daily", overall.profit, mart.profit),
        ("net revenue = app.conversions approvals − reversals", mart.net, Decimal(app_net)),
        ("ad spend = sum(app.ad_spend_daily.spend)", mart.spend, Decimal(app_spend)),
    ]
    ok = True
    for label, printed, expected in checks:
        same = printed == expected
        ok &= same
        mark = "[green]✓[/green]" if same else "[red]✗[/red]"
        console.print(f"{mark} {label}: {printed} {'=' if same else '≠'} {expected}")
    return ok


def _ratio(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:.2f}"
