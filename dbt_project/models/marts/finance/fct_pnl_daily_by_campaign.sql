-- The P&L per day × campaign × currency. Revenue that no campaign can claim, AI cost and other
-- costs sit in the Unattributed bucket (campaign_id NULL, campaign_name 'Unattributed'), so
-- summing this mart gives fct_pnl_daily exactly (assert_pnl_by_campaign_sums_to_pnl).
-- Incremental like fct_pnl_daily. Names are the campaign's as of the day's last refresh;
-- dim_campaigns has the current ones.
{{ incremental_fact('pnl_campaign_key') }}

with measures as (

    select * from {{ ref('int_pnl__measures') }}
    where {{ in_window('date_day') }}

),

campaigns as (

    select * from {{ ref('stg_app__campaigns') }}

),

products as (

    select * from {{ ref('stg_app__products') }}

),

daily as (

    select
        date_day,
        campaign_id,
        currency_code,
        gross_revenue,
        refunds,
        chargebacks,
        ad_spend,
        round(ai_cost, 2)::numeric(14,2)  as ai_cost,
        other_costs,
        conversions,
        refunded_conversions
    from measures

)

select
    {{ surrogate_key(['daily.date_day', "coalesce(daily.campaign_id::text, 'unattributed')",
                      'daily.currency_code']) }}  as pnl_campaign_key,
    daily.date_day,
    campaigns.platform,
    campaigns.account_id,
    daily.campaign_id,
    case when daily.campaign_id is null then 'Unattributed'
         else campaigns.campaign_name end           as campaign_name,
    campaigns.product_id,
    products.product_name,
    products.network,
    daily.currency_code,
    {{ pnl_columns() }},
    now()                                           as refreshed_at
from daily
left join campaigns on campaigns.campaign_id = daily.campaign_id
left join products on products.product_id = campaigns.product_id
