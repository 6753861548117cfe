-- Every P&L measure per day × campaign × currency, before the identities are applied: the
-- roll-up of int_pnl__measures_detailed over products and networks. Spend reaches its campaign
-- through the ad; revenue through the conversion's attribution (NULL campaign when
-- unattributed); AI cost and other costs are not tied to a campaign and sit with NULL.
select
    date_day,
    campaign_id,
    currency_code,
    sum(gross_revenue)::numeric(14,2)   as gross_revenue,
    sum(refunds)::numeric(14,2)         as refunds,
    sum(chargebacks)::numeric(14,2)     as chargebacks,
    sum(ad_spend)::numeric(14,2)        as ad_spend,
    sum(ai_cost)::numeric(22,10)        as ai_cost,
    sum(conversions)::bigint            as conversions,
    sum(refunded_conversions)::bigint   as refunded_conversions,
    sum(other_costs)::numeric(14,2)     as other_costs
from {{ ref('int_pnl__measures_detailed') }}
group by 1, 2, 3
