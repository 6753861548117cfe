-- One row per creative (ad copy) written for a product. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'creatives') }}

),

renamed as (

    select
        id               as creative_id,
        product_id,
        channel,
        provider,
        model            as model_name,
        template_id,
        template_version,
        headline,
        body             as body_text,
        call_to_action,
        status           as creative_status,
        created_at
    from source

)

select * from renamed
