-- Clicks through our redirect per ad × day (the click's day in the reporting time zone).
-- Bot clicks are recorded but never counted: tracked_clicks excludes them and bot_clicks shows
-- how many were left out. Incremental: the clicks table is the largest we have; each run
-- re-counts only the look-back window's whole days (the filter on clicked_at uses its index).
{{ incremental_fact('tracked_clicks_key') }}

with clicks as (

    select * from {{ ref('stg_app__clicks') }}
    where {{ in_window_ts('clicked_at') }}

)

select
    {{ surrogate_key(['date_day', 'ad_id']) }}          as tracked_clicks_key,
    *
from (
    select
        {{ report_day('clicked_at') }}                  as date_day,
        ad_id,
        count(*) filter (where not is_bot)::bigint      as tracked_clicks,
        count(*) filter (where is_bot)::bigint          as bot_clicks,
        -- A visitor is its hashed IP and user agent; a click without either counts alone.
        count(distinct coalesce(ip_hash || '|' || coalesce(user_agent, ''), click_id))
            filter (where not is_bot)::bigint           as unique_clicks,
        now()                                           as refreshed_at
    from clicks
    where ad_id is not null
    group by 1, 2
) as daily
