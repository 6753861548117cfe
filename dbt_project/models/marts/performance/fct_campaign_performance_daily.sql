-- Ad performance per day × ad in Fivetran ad_reporting vocabulary, with what the networks
-- confirmed beside what the platform reported. A row exists when the ad had spend, clicks
-- through our redirect (bots included, so their exclusion is visible) or a revenue event that
-- day. Revenue without an ad is in the P&L, not here. Revenue is in the account currency.
--
-- Grain: day × ad. The ad fixes its ad set, campaign, network (the campaign's product's) and
-- landing page (the ad's), so day × campaign × ad set × ad × network × landing page is the
-- same grain (tested). Clicks split by the landing page each click actually reached are in
-- fct_landing_page_performance_daily.
--
-- Incremental: merge on performance_key; each run recomputes the look-back window's whole
-- days. Names are as of the day's last refresh; the dims have the current ones.
{{ incremental_fact('performance_key') }}

with spend as (

    select * from {{ ref('int_spend__daily') }}
    where {{ in_window('date_day') }}

),

tracked as (

    select * from {{ ref('int_tracked_clicks__daily') }}
    where {{ in_window('date_day') }}

),

revenue as (

    -- Grouped by currency too: an ad whose revenue arrives in two currencies on one day
    -- yields two rows and fails the uniqueness test instead of adding currencies together.
    select
        date_day,
        ad_id,
        currency_code,
        count(*) filter (where event_type = 'approval')                   as conversions,
        count(*) filter (where event_type in ('refund', 'chargeback'))    as refunds,
        sum(commission_amount)                                            as revenue
    from {{ ref('int_revenue__events') }}
    where ad_id is not null
      and {{ in_window('date_day') }}
    group by 1, 2, 3

),

spine as (

    select date_day, ad_id from spend
    union
    select date_day, ad_id from tracked
    union
    select date_day, ad_id from revenue

),

ads as (

    select * from {{ ref('stg_app__ads') }}

),

ad_sets as (

    select * from {{ ref('stg_app__ad_sets') }}

),

campaigns as (

    select * from {{ ref('stg_app__campaigns') }}

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
        ad_sets.ad_set_id                                                   as ad_group_id,
        ad_sets.ad_set_name                                                 as ad_group_name,
        spine.ad_id,
        ads.ad_name,
        campaigns.product_id,
        products.product_name,
        products.network,
        coalesce(spend.currency_code, revenue.currency_code, campaigns.currency_code)
                                                                            as currency_code,
        coalesce(spend.impressions, 0)::bigint                              as impressions,
        coalesce(spend.clicks, 0)::bigint                                   as clicks,
        coalesce(tracked.tracked_clicks, 0)::bigint                         as tracked_clicks,
        coalesce(tracked.bot_clicks, 0)::bigint                             as bot_clicks,
        coalesce(revenue.conversions, 0)::bigint                            as conversions,
        coalesce(revenue.refunds, 0)::bigint                                as refunds,
        coalesce(revenue.revenue, 0)::numeric(14,2)                         as revenue,
        coalesce(spend.spend, 0)::numeric(14,2)                             as spend,
        coalesce(spend.platform_conversions, 0)::bigint                     as platform_conversions,
        ads.landing_page_id,
        landing_pages.landing_page_title                                    as landing_page_name,
        coalesce(tracked.unique_clicks, 0)::bigint                          as unique_clicks
    from spine
    inner join ads on ads.ad_id = spine.ad_id
    inner join ad_sets on ad_sets.ad_set_id = ads.ad_set_id
    inner join campaigns on campaigns.campaign_id = ads.campaign_id
    left join products on products.product_id = campaigns.product_id
    left join landing_pages on landing_pages.landing_page_id = ads.landing_page_id
    left join spend on spend.date_day = spine.date_day and spend.ad_id = spine.ad_id
    left join tracked on tracked.date_day = spine.date_day and tracked.ad_id = spine.ad_id
    left join revenue on revenue.date_day = spine.date_day and revenue.ad_id = spine.ad_id

)

select
    {{ surrogate_key(['date_day', 'ad_id']) }}           as performance_key,
    joined.*,
    {{ safe_divide('clicks', 'impressions') }}           as ctr,
    {{ safe_divide('spend', 'clicks') }}                 as cpc,
    {{ safe_divide('conversions', 'tracked_clicks') }}   as cvr,
    {{ safe_divide('revenue', 'tracked_clicks') }}       as epc,
    {{ safe_divide('revenue', 'spend') }}                as roas,
    now()                                                as refreshed_at
from joined
