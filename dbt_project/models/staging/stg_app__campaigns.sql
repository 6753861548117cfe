-- One row per ad campaign. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'campaigns') }}

),

renamed as (

    select
        id                          as campaign_id,
        user_id,
        product_id,
        name                        as campaign_name,
        type                        as campaign_type,
        platform,
        account_id,
        external_id                 as external_campaign_id,
        idempotency_key,
        status                      as campaign_status,
        budget::numeric(14,2)       as budget,
        daily_budget::numeric(14,2) as daily_budget,
        spent::numeric(14,2)        as spent_to_date,
        upper(currency)             as currency_code,
        start_date                  as starts_at,
        end_date                    as ends_at,
        created_at,
        updated_at
    from source

)

select * from renamed
