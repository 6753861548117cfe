-- Clicks through our redirect per ad × landing page × day: the landing page the click was
-- actually sent to (copied onto the click by the redirect), so an ad that splits its traffic
-- across pages shows each page apart. Incremental like int_tracked_clicks__daily.
{{ incremental_fact('tracked_clicks_key') }}

with clicks as (

    select * from {{ ref('stg_app__clicks') }}
    where {{ in_window_ts('clicked_at') }}

)

select
    {{ surrogate_key(['date_day', 'ad_id', 'landing_page_id']) }}  as tracked_clicks_key,
    *
from (
    select
        {{ report_day('clicked_at') }}                  as date_day,
        ad_id,
        landing_page_id,
        count(*) filter (where not is_bot)::bigint      as tracked_clicks,
        count(*) filter (where is_bot)::bigint          as bot_clicks,
        count(distinct coalesce(ip_hash || '|' || coalesce(user_agent, ''), click_id))
            filter (where not is_bot)::bigint           as unique_clicks,
        now()                                           as refreshed_at
    from clicks
    where ad_id is not null
    group by 1, 2, 3
) as daily
