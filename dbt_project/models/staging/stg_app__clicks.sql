-- One row per click through our tracking redirect. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'clicks') }}

),

renamed as (

    select
        id         as click_pk,
        click_id,
        ad_id,
        clicked_at,
        ip_hash,
        user_agent,
        referrer,
        params,
        is_bot
    from source

)

select * from renamed
