-- One row per click through our tracking redirect. Renamed and cast only; no business logic.
-- The link's ad, ad set, campaign and landing page are copied onto the click when it happens.
-- One select, no CTEs, unlike the other staging views: Postgres cannot flatten a view with a
-- WITH clause into the query that joins it, so a join to it (a relationships test from a few
-- recent rows, say) read every row of app.clicks instead of looking them up by index.
select
    id               as click_pk,
    click_id,
    link_code,
    ad_id,
    ad_set_id,
    campaign_id,
    landing_page_id,
    clicked_at,
    ip_hash,
    user_agent,
    referrer,
    sub1,
    sub2,
    sub3,
    sub4,
    sub5,
    params,
    is_bot,
    bot_reason
from {{ source('app', 'clicks') }}
