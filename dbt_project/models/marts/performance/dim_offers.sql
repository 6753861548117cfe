-- One row per affiliate offer (product) with its current terms and score, and its latest
-- marketplace snapshot (price, commission, popularity) with the day it was taken.
with products as (

    select * from {{ ref('stg_app__products') }}

),

latest_snapshot as (

    select distinct on (product_id)
        product_id,
        snapshot_date,
        price,
        currency_code,
        commission_amount,
        popularity,
        popularity_rank
    from {{ ref('stg_app__offer_snapshots') }}
    where product_id is not null
    order by product_id, snapshot_date desc

)

select
    products.product_id,
    products.product_name,
    products.category,
    products.network,
    products.network_product_id,
    products.price,
    products.currency_code,
    products.commission_rate_pct,
    products.expected_commission,
    products.commission_type,
    products.ai_score,
    products.scored_at,
    products.product_url,
    latest_snapshot.snapshot_date       as last_snapshot_date,
    latest_snapshot.price               as last_snapshot_price,
    latest_snapshot.currency_code       as last_snapshot_currency_code,
    latest_snapshot.commission_amount   as last_snapshot_commission,
    latest_snapshot.popularity          as last_snapshot_popularity,
    latest_snapshot.popularity_rank     as last_snapshot_popularity_rank,
    products.created_at,
    products.updated_at
from products
left join latest_snapshot on latest_snapshot.product_id = products.product_id
