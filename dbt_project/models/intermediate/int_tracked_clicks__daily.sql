-- Human clicks through our redirect per ad × day (the click's day in the reporting time zone).
with clicks as (

    select * from {{ ref('stg_app__clicks') }}

)

select
    {{ report_day('clicked_at') }}  as date_day,
    ad_id,
    count(*)::bigint                as tracked_clicks
from clicks
where not is_bot
  and ad_id is not null
group by 1, 2
