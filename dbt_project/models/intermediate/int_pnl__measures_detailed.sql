-- Every P&L measure per day × campaign × product × network × currency, before the identities:
-- the one place each measure finds its owners, so the P&L by campaign, by product, by network
-- and in total are roll-ups of the same rows and cannot disagree.
--   * revenue: the conversion's product and network, its attributed campaign (or none);
--   * ad spend: the ad's campaign, that campaign's product and the product's network;
--   * AI cost: the product the call worked for (no campaign: a creative can serve several),
--     exact (ai_cost, 10 places as billed) and allocated to cents (ai_cost_cents);
--   * other costs: the `costs` seed; no campaign, product or network.
with revenue as (

    select
        date_day,
        campaign_id,
        product_id,
        network,
        currency_code,
        sum(commission_amount) filter (where event_type = 'approval')      as gross_revenue,
        -sum(commission_amount) filter (where event_type = 'refund')       as refunds,
        -sum(commission_amount) filter (where event_type = 'chargeback')   as chargebacks,
        0::numeric                                                          as ad_spend,
        0::numeric                                                          as ai_cost,
        0::numeric                                                          as ai_cost_cents,
        0::numeric                                                          as other_costs,
        count(*) filter (where event_type = 'approval')                     as conversions,
        count(*) filter (where event_type in ('refund', 'chargeback'))      as refunded_conversions
    from {{ ref('int_revenue__events') }}
    group by 1, 2, 3, 4, 5

),

campaigns as (

    select campaign_id, product_id from {{ ref('stg_app__campaigns') }}

),

products as (

    select product_id, network from {{ ref('stg_app__products') }}

),

spend as (

    select
        spend.date_day,
        spend.campaign_id,
        campaigns.product_id,
        products.network,
        spend.currency_code,
        0, 0, 0,
        sum(spend.spend),
        0, 0, 0,
        0, 0
    from {{ ref('int_spend__daily') }} as spend
    left join campaigns on campaigns.campaign_id = spend.campaign_id
    left join products on products.product_id = campaigns.product_id
    group by 1, 2, 3, 4, 5

),

ai as (

    select
        ai.date_day,
        null::integer,
        ai.product_id,
        products.network,
        ai.currency_code,
        0, 0, 0,
        0,
        ai.ai_cost_exact,
        ai.ai_cost,
        0,
        0, 0
    from {{ ref('int_ai_cost__daily_by_product') }} as ai
    left join products on products.product_id = ai.product_id

),

other as (

    select
        date_day,
        null::integer,
        null::integer,
        null::text,
        currency_code,
        0, 0, 0,
        0,
        0, 0,
        other_costs,
        0, 0
    from {{ ref('int_other_costs__daily') }}

),

unioned as (

    select * from revenue
    union all
    select * from spend
    union all
    select * from ai
    union all
    select * from other

)

select
    date_day,
    campaign_id,
    product_id,
    network,
    currency_code,
    coalesce(sum(gross_revenue), 0)::numeric(14,2)  as gross_revenue,
    coalesce(sum(refunds), 0)::numeric(14,2)        as refunds,
    coalesce(sum(chargebacks), 0)::numeric(14,2)    as chargebacks,
    coalesce(sum(ad_spend), 0)::numeric(14,2)       as ad_spend,
    coalesce(sum(ai_cost), 0)::numeric(22,10)       as ai_cost,
    coalesce(sum(ai_cost_cents), 0)::numeric(14,2)  as ai_cost_cents,
    coalesce(sum(other_costs), 0)::numeric(14,2)    as other_costs,
    sum(conversions)::bigint                        as conversions,
    sum(refunded_conversions)::bigint               as refunded_conversions
from unioned
group by 1, 2, 3, 4, 5
