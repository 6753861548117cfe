-- One marketplace snapshot per network × product × day. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'offer_snapshots') }}

),

renamed as (

    select
        id                               as offer_snapshot_id,
        network,
        network_id                       as network_product_id,
        product_id,
        snapshot_date,
        price::numeric(14,2)             as price,
        upper(currency)                  as currency_code,
        commission_rate::numeric(7,2)    as commission_rate_pct,
        commission_amount::numeric(14,2) as commission_amount,
        popularity::numeric(14,4)        as popularity,
        popularity_rank,
        fetched_at
    from source

)

select * from renamed
