-- Every cent of app.ad_spend_daily reaches the P&L and the performance mart, per currency.
with source_spend as (

    select upper(currency) as currency_code, sum(spend) as spend
    from {{ source('app', 'ad_spend_daily') }}
    group by 1

),

pnl as (

    select currency_code, sum(ad_spend) as spend
    from {{ ref('fct_pnl_daily') }}
    group by 1

),

performance as (

    select currency_code, sum(spend) as spend
    from {{ ref('fct_campaign_performance_daily') }}
    group by 1

)

select
    coalesce(source_spend.currency_code, pnl.currency_code) as currency_code,
    source_spend.spend as source_spend,
    pnl.spend          as pnl_spend,
    performance.spend  as performance_spend
from source_spend
full outer join pnl on pnl.currency_code = source_spend.currency_code
left join performance on performance.currency_code = coalesce(source_spend.currency_code, pnl.currency_code)
where coalesce(source_spend.spend, 0) <> coalesce(pnl.spend, 0)
   or coalesce(source_spend.spend, 0) <> coalesce(performance.spend, 0)
