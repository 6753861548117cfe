-- Every P&L measure per day × campaign × currency, before the identities are applied.
-- Spend reaches its campaign through the ad; revenue through the conversion's attribution
-- (NULL campaign when unattributed); AI cost is not tied to a campaign and sits with NULL.
with revenue as (

    select
        date_day,
        campaign_id,
        currency_code,
        sum(commission_amount) filter (where event_type = 'approval')      as gross_revenue,
        -sum(commission_amount) filter (where event_type = 'refund')       as refunds,
        -sum(commission_amount) filter (where event_type = 'chargeback')   as chargebacks,
        0::numeric                                                          as ad_spend,
        0::numeric                                                          as ai_cost,
        count(*) filter (where event_type = 'approval')                     as conversions,
        count(*) filter (where event_type in ('refund', 'chargeback'))      as refunded_conversions
    from {{ ref('int_revenue__events') }}
    group by 1, 2, 3

),

spend as (

    select
        date_day,
        campaign_id,
        currency_code,
        0, 0, 0,
        sum(spend),
        0,
        0, 0
    from {{ ref('int_spend__daily') }}
    group by 1, 2, 3

),

ai as (

    select
        date_day,
        null::integer,
        currency_code,
        0, 0, 0,
        0,
        ai_cost,
        0, 0
    from {{ ref('int_ai_cost__daily') }}

),

unioned as (

    select * from revenue
    union all
    select * from spend
    union all
    select * from ai

)

select
    date_day,
    campaign_id,
    currency_code,
    coalesce(sum(gross_revenue), 0)::numeric(14,2)  as gross_revenue,
    coalesce(sum(refunds), 0)::numeric(14,2)        as refunds,
    coalesce(sum(chargebacks), 0)::numeric(14,2)    as chargebacks,
    coalesce(sum(ad_spend), 0)::numeric(14,2)       as ad_spend,
    coalesce(sum(ai_cost), 0)::numeric(14,6)        as ai_cost,
    sum(conversions)::bigint                        as conversions,
    sum(refunded_conversions)::bigint               as refunded_conversions
from unioned
group by 1, 2, 3
