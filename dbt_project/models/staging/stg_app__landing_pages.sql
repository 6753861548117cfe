-- One row per landing page. Renamed and cast only; no business logic. The page's `html` is
-- not selected: analytics needs what the page is, not its markup.
with source as (

    select * from {{ source('app', 'landing_pages') }}

),

renamed as (

    select
        id          as landing_page_id,
        user_id,
        product_id,
        slug        as landing_page_slug,
        title       as landing_page_title,
        status      as landing_page_status,
        created_at,
        updated_at
    from source

)

select * from renamed
