-- One row per landing page with the product it sells and how many ads send traffic to it.
with landing_pages as (

    select * from {{ ref('stg_app__landing_pages') }}

),

products as (

    select * from {{ ref('stg_app__products') }}

),

ads as (

    select landing_page_id, count(*)::bigint as ads
    from {{ ref('stg_app__ads') }}
    where landing_page_id is not null
    group by 1

)

select
    landing_pages.landing_page_id,
    landing_pages.landing_page_slug,
    landing_pages.landing_page_title   as landing_page_name,
    landing_pages.landing_page_status,
    landing_pages.product_id,
    products.product_name,
    products.network,
    landing_pages.user_id,
    coalesce(ads.ads, 0)               as ads,
    landing_pages.created_at,
    landing_pages.updated_at
from landing_pages
left join products on products.product_id = landing_pages.product_id
left join ads on ads.landing_page_id = landing_pages.landing_page_id
