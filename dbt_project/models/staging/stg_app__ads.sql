-- One row per ad. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'ads') }}

),

renamed as (

    select
        id              as ad_id,
        ad_set_id,
        campaign_id,
        creative_id,
        landing_page_id,
        name            as ad_name,
        external_id     as external_ad_id,
        link_code,
        status          as ad_status,
        created_at
    from source

)

select * from renamed
