-- The funnel per day × ad × landing page: clicks by the page each click actually reached
-- (the redirect copies it onto the click), conversions and revenue by the page of the
-- attributed click. An ad that splits its traffic across pages (a landing-page A/B test)
-- shows one row per page. Ad spend is bought per ad, not per page, so it is not here; it is
-- in fct_campaign_performance_daily. Incremental like the other facts.
{{ incremental_fact('landing_page_performance_key') }}

with tracked as (

    select * from {{ ref('int_tracked_clicks__by_landing_page_daily') }}
    where {{ in_window('date_day') }}

),

revenue as (

    select
        date_day,
        ad_id,
        landing_page_id,
        currency_code,
        count(*) filter (where event_type = 'approval')                   as conversions,
        count(*) filter (where event_type in ('refund', 'chargeback'))    as refunds,
        sum(commission_amount)                                            as revenue
    from {{ ref('int_revenue__events') }}
    where ad_id is not null
      and {{ in_window('date_day') }}
    group by 1, 2, 3, 4

),

spine as (

    select date_day, ad_id, landing_page_id from tracked
    union
    select date_day, ad_id, landing_page_id from revenue

),

ads as (

    select * from {{ ref('stg_app__ads') }}

),

campaigns as (

    select * from {{ ref('stg_app__campaigns') }}

),

ad_sets as (

    select * from {{ ref('stg_app__ad_sets') }}

),

products as (

    select * from {{ ref('stg_app__products') }}

),

landing_pages as (

    select * from {{ ref('stg_app__landing_pages') }}

),

joined as (

    select
        spine.date_day,
        campaigns.platform,
        campaigns.account_id,
        campaigns.campaign_id,
        campaigns.campaign_name,
        ads.ad_set_id                                                       as ad_group_id,
        ad_sets.ad_set_name                                                 as ad_group_name,
        spine.ad_id,
        ads.ad_name,
        products.network,
        spine.landing_page_id,
        landing_pages.landing_page_title                                    as landing_page_name,
        coalesce(revenue.currency_code, campaigns.currency_code)            as currency_code,
        coalesce(tracked.tracked_clicks, 0)::bigint                         as tracked_clicks,
        coalesce(tracked.unique_clicks, 0)::bigint                          as unique_clicks,
        coalesce(tracked.bot_clicks, 0)::bigint                             as bot_clicks,
        coalesce(revenue.conversions, 0)::bigint                            as conversions,
        coalesce(revenue.refunds, 0)::bigint                                as refunds,
        coalesce(revenue.revenue, 0)::numeric(14,2)                         as revenue
    from spine
    inner join ads on ads.ad_id = spine.ad_id
    inner join ad_sets on ad_sets.ad_set_id = ads.ad_set_id
    inner join campaigns on campaigns.campaign_id = ads.campaign_id
    left join products on products.product_id = campaigns.product_id
    left join landing_pages on landing_pages.landing_page_id = spine.landing_page_id
    left join tracked
        on tracked.date_day = spine.date_day and tracked.ad_id = spine.ad_id
       and tracked.landing_page_id is not distinct from spine.landing_page_id
    left join revenue
        on revenue.date_day = spine.date_day and revenue.ad_id = spine.ad_id
       and revenue.landing_page_id is not distinct from spine.landing_page_id

)

select
    {{ surrogate_key(['date_day', 'ad_id', 'landing_page_id']) }}  as landing_page_performance_key,
    joined.*,
    {{ safe_divide('conversions', 'tracked_clicks') }}             as cvr,
    {{ safe_divide('revenue', 'tracked_clicks') }}                 as epc,
    now()                                                          as refreshed_at
from joined
