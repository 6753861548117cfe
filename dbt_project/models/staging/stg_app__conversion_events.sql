-- One row per network event applied to a conversion (its history). Renamed and cast only; no
-- business logic. Amounts are as the event stated them, in the network's currency.
with source as (

    select * from {{ source('app', 'conversion_events') }}

),

renamed as (

    select
        id                               as conversion_event_id,
        conversion_id,
        inbox_id                         as webhook_event_id,
        event_type,
        event_status,
        occurred_at,
        approved_at,
        sale_amount::numeric(14,2)       as sale_amount,
        commission_amount::numeric(14,2) as commission_amount,
        upper(currency)                  as currency_code,
        status_before,
        status_after,
        applied                          as is_applied,
        recorded_at
    from source

)

select * from renamed
