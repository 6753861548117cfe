-- fct_offer_performance_daily puts an offer's spend and revenue on one row per day, so both
-- must be in one currency; a mismatch fails here (and the uniqueness of the row's key)
-- rather than being added together.
with spend as (

    select distinct spend.date_day, campaigns.product_id, spend.currency_code
    from {{ ref('int_spend__daily') }} as spend
    inner join {{ ref('stg_app__campaigns') }} as campaigns
        on campaigns.campaign_id = spend.campaign_id

),

revenue as (

    select distinct date_day, product_id, currency_code
    from {{ ref('int_revenue__events') }}
    where product_id is not null

)

select revenue.date_day, revenue.product_id,
       spend.currency_code as spend_currency, revenue.currency_code as revenue_currency
from revenue
inner join spend on spend.date_day = revenue.date_day and spend.product_id = revenue.product_id
where spend.currency_code <> revenue.currency_code
