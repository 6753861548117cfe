-- One row per campaign with its current name, status, budgets and place in the business
-- (product, network), and how many ad sets and ads it has: the facts keep ids, this has names.
with campaigns as (

    select * from {{ ref('stg_app__campaigns') }}

),

products as (

    select * from {{ ref('stg_app__products') }}

),

ad_sets as (

    select campaign_id, count(*)::bigint as ad_groups
    from {{ ref('stg_app__ad_sets') }}
    group by 1

),

ads as (

    select campaign_id, count(*)::bigint as ads
    from {{ ref('stg_app__ads') }}
    group by 1

)

select
    campaigns.campaign_id,
    campaigns.campaign_name,
    campaigns.campaign_type,
    campaigns.platform,
    campaigns.account_id,
    campaigns.external_campaign_id,
    campaigns.campaign_status,
    campaigns.product_id,
    products.product_name,
    products.network,
    campaigns.budget,
    campaigns.daily_budget,
    campaigns.spent_to_date,
    campaigns.currency_code,
    campaigns.starts_at,
    campaigns.ends_at,
    coalesce(ad_sets.ad_groups, 0)   as ad_groups,
    coalesce(ads.ads, 0)             as ads,
    campaigns.created_at,
    campaigns.updated_at
from campaigns
left join products on products.product_id = campaigns.product_id
left join ad_sets on ad_sets.campaign_id = campaigns.campaign_id
left join ads on ads.campaign_id = campaigns.campaign_id
