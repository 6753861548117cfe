-- fct_campaign_performance_daily puts spend and revenue on one row per ad × day, so both must
-- be in one currency (the ratios would be meaningless otherwise). A mismatch fails here
-- rather than being added together; the P&L marts, keyed by currency, are unaffected.
with spend as (

    select date_day, ad_id, currency_code from {{ ref('int_spend__daily') }}

),

revenue as (

    select distinct date_day, ad_id, currency_code
    from {{ ref('int_revenue__events') }}
    where ad_id is not null

)

select revenue.date_day, revenue.ad_id,
       spend.currency_code as spend_currency, revenue.currency_code as revenue_currency
from revenue
inner join spend on spend.date_day = revenue.date_day and spend.ad_id = revenue.ad_id
where spend.currency_code <> revenue.currency_code
