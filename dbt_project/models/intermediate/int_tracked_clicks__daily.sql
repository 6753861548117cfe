-- Clicks through our redirect per ad × day (the click's day in the reporting time zone).
-- Bot clicks are recorded but never counted: tracked_clicks excludes them and bot_clicks shows
-- how many were left out.
with clicks as (

    select * from {{ ref('stg_app__clicks') }}

)

select
    {{ report_day('clicked_at') }}              as date_day,
    ad_id,
    count(*) filter (where not is_bot)::bigint  as tracked_clicks,
    count(*) filter (where is_bot)::bigint      as bot_clicks
from clicks
where ad_id is not null
group by 1, 2
