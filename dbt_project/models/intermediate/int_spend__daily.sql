-- Ad-platform figures per ad × platform day, with the ad's place in the campaign tree.
-- `date_day` is the ad platform account's day; it is not re-zoned (the platform has already
-- cut the day, and we cannot split a daily total across two report days).
with spend as (

    select * from {{ ref('stg_app__ad_spend_daily') }}

),

ads as (

    select * from {{ ref('stg_app__ads') }}

)

select
    spend.date_day,
    spend.ad_id,
    ads.ad_set_id,
    ads.campaign_id,
    spend.platform,
    spend.currency_code,
    sum(spend.impressions)::bigint          as impressions,
    sum(spend.clicks)::bigint               as clicks,
    sum(spend.spend)::numeric(14,2)         as spend,
    sum(spend.platform_conversions)::bigint as platform_conversions
from spend
inner join ads on ads.ad_id = spend.ad_id
group by 1, 2, 3, 4, 5, 6
