-- One row per scored affiliate offer (network × network product). Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'products') }}

),

renamed as (

    select
        id                               as product_id,
        name                             as product_name,
        description                      as product_description,
        category,
        price::numeric(14,2)             as price,
        upper(currency)                  as currency_code,
        commission_rate::numeric(7,2)    as commission_rate_pct,
        commission_amount::numeric(14,2) as expected_commission,
        commission_type,
        network,
        network_id                       as network_product_id,
        product_url,
        image_url,
        ai_score::numeric(14,4)          as ai_score,
        scored_at,
        created_at,
        updated_at
    from source

)

select * from renamed
