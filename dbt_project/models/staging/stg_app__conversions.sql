-- One row per network transaction, with its current status. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'conversions') }}

),

renamed as (

    select
        id                               as conversion_id,
        user_id,
        product_id,
        campaign_id,
        ad_set_id,
        ad_id,
        click_id,
        network,
        transaction_id,
        network_product_id,
        status                           as conversion_status,
        sale_amount::numeric(14,2)       as sale_amount,
        commission_amount::numeric(14,2) as commission_amount,
        upper(currency)                  as currency_code,
        conversion_date                  as approved_at,
        refunded_at,
        last_event_id                    as last_webhook_event_id,
        created_at,
        updated_at
    from source

)

select * from renamed
