-- One row per webhook delivery (idempotent by network × event id). Renamed and cast only; no
-- business logic. `body` and `headers` are deliberately not selected: the raw delivery can
-- carry buyers' personal data and signatures, and analytics never needs them.
with source as (

    select * from {{ source('app', 'webhook_inbox') }}

),

renamed as (

    select
        id           as webhook_event_id,
        network,
        event_id     as delivery_id,
        event_type,
        method       as http_method,
        query        as query_params,
        received_at,
        deliveries,
        status       as inbox_status,
        attempts     as processing_attempts,
        processed_at,
        error        as error_message
    from source

)

select * from renamed
