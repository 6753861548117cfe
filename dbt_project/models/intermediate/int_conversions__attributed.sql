-- Each conversion with the click, ad, ad set and campaign it came from.
-- The click (by our click id) is the strongest evidence; ids recorded at ingestion fill in
-- when the network did not echo a click id. The ad's own parents win over stored parents so a
-- row can never point at an ad of one campaign and another campaign.
with conversions as (

    select * from {{ ref('stg_app__conversions') }}

),

clicks as (

    select * from {{ ref('stg_app__clicks') }}

),

ads as (

    select * from {{ ref('stg_app__ads') }}

),

ad_sets as (

    select * from {{ ref('stg_app__ad_sets') }}

),

campaigns as (

    select * from {{ ref('stg_app__campaigns') }}

),

resolved as (

    select
        conversions.*,
        clicks.clicked_at,
        clicks.is_bot                                  as click_is_bot,
        coalesce(clicks.ad_id, conversions.ad_id)      as attributed_ad_id
    from conversions
    left join clicks on clicks.click_id = conversions.click_id

)

select
    resolved.conversion_id,
    resolved.network,
    resolved.transaction_id,
    resolved.conversion_status,
    resolved.product_id,
    resolved.attributed_ad_id                                            as ad_id,
    coalesce(ads.ad_set_id, resolved.ad_set_id)                          as ad_set_id,
    coalesce(ads.campaign_id, ad_sets.campaign_id, resolved.campaign_id) as campaign_id,
    resolved.click_id,
    resolved.clicked_at,
    resolved.click_is_bot,
    case
        when resolved.click_id is not null and resolved.clicked_at is not null then 'click'
        when resolved.attributed_ad_id is not null then 'ad'
        when coalesce(ads.campaign_id, ad_sets.campaign_id, resolved.campaign_id) is not null
            then 'campaign'
        else 'unattributed'
    end                                                                  as attribution_source,
    campaigns.platform,
    resolved.sale_amount,
    resolved.commission_amount,
    resolved.currency_code,
    resolved.approved_at,
    resolved.refunded_at,
    resolved.updated_at
from resolved
left join ads on ads.ad_id = resolved.attributed_ad_id
left join ad_sets on ad_sets.ad_set_id = coalesce(ads.ad_set_id, resolved.ad_set_id)
left join campaigns
    on campaigns.campaign_id = coalesce(ads.campaign_id, ad_sets.campaign_id, resolved.campaign_id)
