-- The P&L per day × product (offer) × currency. Revenue belongs to the product the network
-- sold (which may differ from the campaign's, e.g. an upsell); ad spend to the product its
-- campaign promotes; AI cost to the product the call worked for, in cents allocated so the
-- products sum to the day's total. Other costs, and anything without a product, sit in the
-- Unattributed row (product_id NULL). Incremental like fct_pnl_daily.
{{ incremental_fact('pnl_product_key') }}

with measures as (

    select * from {{ ref('int_pnl__measures_detailed') }}
    where {{ in_window('date_day') }}

),

products as (

    select * from {{ ref('stg_app__products') }}

),

daily as (

    select
        date_day,
        product_id,
        currency_code,
        {{ pnl_measure_sums() }}
    from measures
    group by 1, 2, 3

)

select
    {{ surrogate_key(['daily.date_day', "coalesce(daily.product_id::text, 'unattributed')",
                      'daily.currency_code']) }}  as pnl_product_key,
    daily.date_day,
    daily.product_id,
    case when daily.product_id is null then 'Unattributed'
         else products.product_name end         as product_name,
    products.network,
    products.network_product_id,
    daily.currency_code,
    {{ pnl_columns() }},
    now()                                       as refreshed_at
from daily
left join products on products.product_id = daily.product_id
