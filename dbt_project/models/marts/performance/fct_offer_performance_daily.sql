-- Each promoted offer (product) per day: what its campaigns bought (impressions, clicks,
-- spend), what reached it through our redirect, what the network paid for it (revenue by the
-- product sold, attributed or not, so an offer's revenue is all of it) and, beside them, the
-- marketplace's own figures that day (price, commission, popularity) from offer_snapshots.
-- A row exists when the offer had spend, clicks or a revenue event. Spend and revenue of one
-- offer-day must share a currency: a mismatch yields two rows and fails the uniqueness test
-- rather than being added. Incremental like the other facts.
{{ incremental_fact('offer_performance_key') }}

with ads as (

    select ad_id, campaign_id from {{ ref('stg_app__ads') }}

),

campaigns as (

    select campaign_id, product_id, currency_code from {{ ref('stg_app__campaigns') }}

),

spend as (

    select
        spend.date_day,
        campaigns.product_id,
        spend.currency_code,
        sum(spend.impressions)::bigint          as impressions,
        sum(spend.clicks)::bigint               as clicks,
        sum(spend.spend)::numeric(14,2)         as spend,
        sum(spend.platform_conversions)::bigint as platform_conversions
    from {{ ref('int_spend__daily') }} as spend
    inner join campaigns on campaigns.campaign_id = spend.campaign_id
    where {{ in_window('spend.date_day') }}
    group by 1, 2, 3

),

tracked as (

    select
        tracked.date_day,
        campaigns.product_id,
        sum(tracked.tracked_clicks)::bigint     as tracked_clicks,
        sum(tracked.bot_clicks)::bigint         as bot_clicks,
        -- A day with clicks but no money still needs a currency: its campaigns'.
        min(campaigns.currency_code)            as currency_code
    from {{ ref('int_tracked_clicks__daily') }} as tracked
    inner join ads on ads.ad_id = tracked.ad_id
    inner join campaigns on campaigns.campaign_id = ads.campaign_id
    where {{ in_window('tracked.date_day') }}
    group by 1, 2

),

revenue as (

    select
        date_day,
        product_id,
        currency_code,
        count(*) filter (where event_type = 'approval')                           as conversions,
        count(*) filter (where event_type in ('refund', 'chargeback'))            as refunds,
        coalesce(sum(commission_amount) filter (where event_type = 'approval'), 0)
                                                                                  as gross_revenue,
        sum(commission_amount)                                                    as revenue
    from {{ ref('int_revenue__events') }}
    where product_id is not null
      and {{ in_window('date_day') }}
    group by 1, 2, 3

),

spine as (

    select date_day, product_id from spend
    union
    select date_day, product_id from tracked
    union
    select date_day, product_id from revenue

),

products as (

    select * from {{ ref('stg_app__products') }}

),

snapshots as (

    select * from {{ ref('stg_app__offer_snapshots') }}

),

joined as (

    select
        spine.date_day,
        spine.product_id,
        products.product_name,
        products.network,
        products.network_product_id,
        coalesce(spend.currency_code, revenue.currency_code, tracked.currency_code)
                                                                            as currency_code,
        coalesce(spend.impressions, 0)::bigint                              as impressions,
        coalesce(spend.clicks, 0)::bigint                                   as clicks,
        coalesce(tracked.tracked_clicks, 0)::bigint                         as tracked_clicks,
        coalesce(tracked.bot_clicks, 0)::bigint                             as bot_clicks,
        coalesce(revenue.conversions, 0)::bigint                            as conversions,
        coalesce(revenue.refunds, 0)::bigint                                as refunds,
        coalesce(revenue.gross_revenue, 0)::numeric(14,2)                   as gross_revenue,
        coalesce(revenue.revenue, 0)::numeric(14,2)                         as revenue,
        coalesce(spend.spend, 0)::numeric(14,2)                             as spend,
        coalesce(spend.platform_conversions, 0)::bigint                     as platform_conversions,
        snapshots.price                                                     as offer_price,
        snapshots.commission_amount                                         as offer_commission,
        snapshots.currency_code                                             as offer_currency_code,
        snapshots.popularity                                                as offer_popularity,
        snapshots.popularity_rank                                           as offer_popularity_rank
    from spine
    inner join products on products.product_id = spine.product_id
    left join spend on spend.date_day = spine.date_day and spend.product_id = spine.product_id
    left join tracked
        on tracked.date_day = spine.date_day and tracked.product_id = spine.product_id
    left join revenue
        on revenue.date_day = spine.date_day and revenue.product_id = spine.product_id
    left join snapshots
        on snapshots.product_id = spine.product_id and snapshots.snapshot_date = spine.date_day

)

select
    {{ surrogate_key(['date_day', 'product_id']) }}      as offer_performance_key,
    joined.*,
    {{ safe_divide('clicks', 'impressions') }}           as ctr,
    {{ safe_divide('spend', 'clicks') }}                 as cpc,
    {{ safe_divide('conversions', 'tracked_clicks') }}   as cvr,
    {{ safe_divide('revenue', 'tracked_clicks') }}       as epc,
    {{ safe_divide('revenue', 'spend') }}                as roas,
    now()                                                as refreshed_at
from joined
