-- The by-campaign P&L is a partition of the daily P&L: per day × currency every measure sums
-- back exactly (unattributed revenue and AI cost included, on the NULL-campaign rows).
with by_campaign as (

    select
        date_day, currency_code,
        sum(gross_revenue) as gross_revenue, sum(refunds) as refunds,
        sum(chargebacks) as chargebacks, sum(ad_spend) as ad_spend, sum(ai_cost) as ai_cost,
        sum(profit) as profit, sum(conversions) as conversions
    from {{ ref('fct_pnl_daily_by_campaign') }}
    group by 1, 2

)

select pnl.date_day, pnl.currency_code
from {{ ref('fct_pnl_daily') }} as pnl
full outer join by_campaign
    on by_campaign.date_day = pnl.date_day and by_campaign.currency_code = pnl.currency_code
where pnl.date_day is null
   or by_campaign.date_day is null
   or (pnl.gross_revenue, pnl.refunds, pnl.chargebacks, pnl.ad_spend, pnl.ai_cost, pnl.profit, pnl.conversions)
      is distinct from
      (by_campaign.gross_revenue, by_campaign.refunds, by_campaign.chargebacks,
       by_campaign.ad_spend, by_campaign.ai_cost, by_campaign.profit, by_campaign.conversions)
