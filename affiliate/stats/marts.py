"""Creative tests read from the dbt marts: the ads of one ad set are the variants.

An ad set's ads compete for the same audience, so comparing them is an A/B test of their
creatives. The control is the ad set's first ad (lowest ad_id). Each test covers the days on
which every one of its ads was live — from the day the last ad got its first tracked click —
so no ad is credited with days its rivals did not run; with even rotation the split is then
equal, which is what the SRM check expects.

Visitors are tracked (human) clicks; conversions are network-approved sales (both from
fct_campaign_performance_daily). Revenue per visitor takes each visitor's commission still
earned (fct_conversions.net_commission_amount: 0 once refunded), summed per click, so a visitor
who bought twice counts once with both commissions; visitors who did not buy count as zero.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from affiliate.stats.design import Experiment
from affiliate.stats.variants import MeanVariant, RateVariant


@dataclass(frozen=True)
class AdArm:
    ad_id: int
    ad_name: str
    visitors: int
    conversions: int
    revenue_sum: float  # statistics only; the money itself stays NUMERIC in the marts
    revenue_sum_squares: float

    @property
    def label(self) -> str:
        return f"{self.ad_name} (#{self.ad_id})" if self.ad_name else f"ad #{self.ad_id}"


@dataclass(frozen=True)
class AdSetTest:
    """One ad set's creative test, its control first."""

    campaign_id: int
    campaign_name: str
    ad_group_id: int
    ad_group_name: str
    first_day: date
    last_day: date
    arms: tuple[AdArm, ...]

    def experiments(self) -> list[Experiment]:
        """Conversion rate and revenue per visitor; raises ExperimentInputError when the
        numbers cannot make a test (e.g. more conversions than tracked clicks)."""
        name = f"{self.campaign_name} / {self.ad_group_name}"
        rate = Experiment(
            metric="conversion_rate",
            name=name,
            variants=tuple(RateVariant(a.label, a.visitors, a.conversions) for a in self.arms),
        )
        revenue = Experiment(
            metric="revenue_per_visitor",
            name=name,
            variants=tuple(
                MeanVariant(a.label, a.visitors, a.revenue_sum, a.revenue_sum_squares)
                for a in self.arms
            ),
        )
        return [rate, revenue]


def experiments_from_marts(conn: sa.Connection, schema: str = "analytics") -> list[AdSetTest]:
    """Every ad set with at least two live ads, read from the marts in `schema`."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
        raise ValueError(f"not a plain schema name: {schema!r}")
    rows = conn.execute(sa.text(_QUERY.replace("{schema}", schema))).mappings().all()
    tests = []
    for _, group in itertools.groupby(rows, key=lambda r: r["ad_group_id"]):
        ads = list(group)
        if len(ads) < 2:
            continue
        first = ads[0]
        tests.append(
            AdSetTest(
                campaign_id=int(first["campaign_id"]),
                campaign_name=first["campaign_name"] or f"campaign #{first['campaign_id']}",
                ad_group_id=int(first["ad_group_id"]),
                ad_group_name=first["ad_group_name"] or f"ad set #{first['ad_group_id']}",
                first_day=first["first_day"],
                last_day=max(r["last_day"] for r in ads),
                arms=tuple(_arm(r) for r in ads),
            )
        )
    return tests


def _arm(row) -> AdArm:
    return AdArm(
        ad_id=int(row["ad_id"]),
        ad_name=row["ad_name"] or "",
        visitors=int(row["visitors"]),
        conversions=int(row["conversions"]),
        revenue_sum=float(row["revenue_sum"]),
        revenue_sum_squares=float(row["revenue_sum_squares"]),
    )


# One row per live ad of each ad set, ordered so the control (lowest ad_id) comes first.
_QUERY = """
with perf as (
    select date_day, campaign_id, campaign_name, ad_group_id, ad_group_name, ad_id, ad_name,
           tracked_clicks, conversions
    from {schema}.fct_campaign_performance_daily
    where ad_group_id is not null
),
live as (
    -- An ad is live from its first tracked click; the test starts when the last one is.
    select ad_group_id, ad_id, min(date_day) as live_from
    from perf where tracked_clicks > 0
    group by 1, 2
),
windows as (
    select ad_group_id, max(live_from) as first_day
    from live group by 1
),
arms as (
    select perf.campaign_id, perf.ad_group_id, perf.ad_id,
           min(windows.first_day)               as first_day,
           max(perf.date_day)                   as last_day,
           sum(perf.tracked_clicks)::bigint     as visitors,
           sum(perf.conversions)::bigint        as conversions
    from perf
    join live on live.ad_group_id = perf.ad_group_id and live.ad_id = perf.ad_id
    join windows on windows.ad_group_id = perf.ad_group_id
    where perf.date_day >= windows.first_day
    group by 1, 2, 3
),
latest_names as (
    -- Names as of the ad's latest row (an ad renamed mid-test is still one arm).
    select distinct on (ad_id) ad_id, ad_name, campaign_name, ad_group_name
    from perf order by ad_id, date_day desc
),
visitor_revenue as (
    -- Commission still earned per visitor (click); a conversion without a click is its own.
    select c.ad_id, sum(c.net_commission_amount) as revenue
    from {schema}.fct_conversions c
    join windows on windows.ad_group_id = c.ad_group_id
    where c.ad_id is not null and c.is_revenue and c.approved_day >= windows.first_day
    group by c.ad_id, coalesce(c.click_id::text, 'conversion:' || c.conversion_id::text)
),
revenue as (
    select ad_id,
           coalesce(sum(revenue), 0)            as revenue_sum,
           coalesce(sum(revenue * revenue), 0)  as revenue_sum_squares
    from visitor_revenue group by 1
)
select arms.*, latest_names.ad_name, latest_names.campaign_name, latest_names.ad_group_name,
       coalesce(revenue.revenue_sum, 0)         as revenue_sum,
       coalesce(revenue.revenue_sum_squares, 0) as revenue_sum_squares
from arms
join latest_names on latest_names.ad_id = arms.ad_id
left join revenue on revenue.ad_id = arms.ad_id
order by arms.ad_group_id, arms.ad_id
"""
