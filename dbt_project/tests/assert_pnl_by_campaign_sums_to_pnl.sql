-- The by-campaign P&L is a partition of the daily P&L: per day × currency every measure sums
-- back exactly (unattributed revenue and AI cost included, in the Unattributed bucket), so
-- every cent of fct_pnl_daily is explained by a campaign or by that bucket.
with by_campaign as (

    select
        date_day, currency_code,
        sum(gross_revenue) as gross_revenue, sum(refunds) as refunds,
        sum(chargebacks) as chargebacks, sum(net_revenue) as net_revenue,
        sum(ad_spend) as ad_spend, sum(ai_cost) as ai_cost, sum(other_costs) as other_costs,
        sum(profit) as profit, sum(conversions) as conversions,
        sum(refunded_conversions) as refunded_conversions
    from {{ ref('fct_pnl_daily_by_campaign') }}
    group by 1, 2

)

select pnl.date_day, pnl.currency_code
from {{ ref('fct_pnl_daily') }} as pnl
full outer join by_campaign
    on by_campaign.date_day = pnl.date_day and by_campaign.currency_code = pnl.currency_code
where pnl.date_day is null
   or by_campaign.date_day is null
   or (pnl.gross_revenue, pnl.refunds, pnl.chargebacks, pnl.net_revenue, pnl.ad_spend,
       pnl.ai_cost, pnl.other_costs, pnl.profit, pnl.conversions, pnl.refunded_conversions)
      is distinct from
      (by_campaign.gross_revenue, by_campaign.refunds, by_campaign.chargebacks,
       by_campaign.net_revenue, by_campaign.ad_spend, by_campaign.ai_cost,
       by_campaign.other_costs, by_campaign.profit, by_campaign.conversions,
       by_campaign.refunded_conversions)
