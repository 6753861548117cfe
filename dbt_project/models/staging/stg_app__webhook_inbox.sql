-- One row per webhook delivery (idempotent by network × event id). Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'webhook_inbox') }}

),

renamed as (

    select
        id           as webhook_event_id,
        network,
        event_id     as delivery_id,
        event_type,
        received_at,
        deliveries,
        status       as inbox_status,
        processed_at,
        error        as error_message
    from source

)

select * from renamed
