-- One row per ad set (Fivetran's ad group). Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'ad_sets') }}

),

renamed as (

    select
        id                          as ad_set_id,
        campaign_id,
        name                        as ad_set_name,
        external_id                 as external_ad_set_id,
        daily_budget::numeric(14,2) as daily_budget,
        upper(currency)             as currency_code,
        targeting,
        status                      as ad_set_status,
        created_at
    from source

)

select * from renamed
