-- The ad platform's daily report, one row per ad × platform day. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'ad_spend_daily') }}

),

renamed as (

    select
        id                   as ad_spend_id,
        ad_id,
        platform,
        date_day,
        impressions,
        clicks,
        spend::numeric(14,2) as spend,
        upper(currency)      as currency_code,
        platform_conversions,
        fetched_at
    from source

)

select * from renamed
