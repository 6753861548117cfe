-- Each conversion with its attribution (click → ad → ad set → campaign → landing page) and its
-- amounts in the account currency beside the network's own.
--
-- Attribution: the processing decides it when the webhook is applied and stores it
-- (attribution, unattributed_reason, the ids); that decision is used as stored. Rows written
-- before it did (attribution left at its default 'unattributed' with no reason) are
-- re-derived the old way: the click's ad, else the ad recorded on the conversion, with the
-- ad's own parents.
--
-- Money: `*_account` amounts were converted at processing. A row whose account amounts are
-- both 0 while the network's are not was written before the processing filled them; it keeps
-- the network's amounts and currency (never relabelled as another currency).
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

with_click as (

    select
        conversions.*,
        clicks.click_pk is not null                                as click_found,
        clicks.is_bot                                              as click_is_bot,
        clicks.ad_id                                               as click_ad_id,
        clicks.clicked_at                                          as click_clicked_at,
        clicks.landing_page_id                                     as click_landing_page_id,
        (conversions.attribution = 'click'
            or conversions.unattributed_reason is not null)        as is_attribution_stored,
        not (conversions.sale_amount_account = 0
             and conversions.commission_amount_account = 0
             and (conversions.sale_amount <> 0 or conversions.commission_amount <> 0))
                                                                   as has_account_amounts
    from conversions
    -- A lateral lookup, not a plain join: click_id is unique, and with ten million clicks a
    -- hash join reads them all even when only a day of conversions is asked for (the
    -- incremental marts); one index probe per conversion reads only what is needed.
    left join lateral (
        select * from clicks
        where clicks.click_id = conversions.click_id
        limit 1
    ) as clicks on true

),

resolved as (

    select
        with_click.*,
        -- A stored 'unattributed' keeps its ids as written: the click it names may be a bot's.
        case
            when attribution = 'click' then coalesce(ad_id, click_ad_id)
            when is_attribution_stored then ad_id
            else coalesce(click_ad_id, ad_id)
        end                                                        as resolved_ad_id,
        case
            when is_attribution_stored then attribution
            when click_found and not click_is_bot then 'click'
            else 'unattributed'
        end                                                        as resolved_attribution,
        case
            when is_attribution_stored then unattributed_reason
            when click_found and not click_is_bot then null
            when click_id is null then 'no click id'
            when not click_found then 'unknown click id'
            else 'bot click'
        end                                                        as resolved_unattributed_reason
    from with_click

),

attributed as (

    select
        resolved.*,
        case
            when is_attribution_stored
                then coalesce(resolved.ad_set_id, ads.ad_set_id)
            else coalesce(ads.ad_set_id, resolved.ad_set_id)
        end                                                        as resolved_ad_set_id,
        case
            when is_attribution_stored
                then coalesce(resolved.campaign_id, ads.campaign_id)
            else coalesce(ads.campaign_id, resolved.campaign_id)
        end                                                        as campaign_via_ad,
        coalesce(resolved.landing_page_id, click_landing_page_id, ads.landing_page_id)
                                                                   as resolved_landing_page_id
    from resolved
    left join ads on ads.ad_id = resolved.resolved_ad_id

),

final as (

    select
        attributed.*,
        coalesce(campaign_via_ad, ad_sets.campaign_id)             as resolved_campaign_id
    from attributed
    left join ad_sets on ad_sets.ad_set_id = attributed.resolved_ad_set_id

)

select
    final.conversion_id,
    final.network,
    final.transaction_id,
    final.network_product_id,
    final.conversion_status,
    final.product_id,
    final.user_id,
    final.resolved_ad_id                                           as ad_id,
    final.resolved_ad_set_id                                       as ad_set_id,
    final.resolved_campaign_id                                     as campaign_id,
    final.resolved_landing_page_id                                 as landing_page_id,
    final.click_id,
    coalesce(final.clicked_at, final.click_clicked_at)             as clicked_at,
    final.click_is_bot,
    final.resolved_attribution                                     as attribution,
    case
        when final.resolved_attribution = 'click' then 'click'
        when final.resolved_ad_id is not null then 'ad'
        when final.resolved_campaign_id is not null then 'campaign'
        else 'unattributed'
    end                                                            as attribution_source,
    final.resolved_unattributed_reason                             as unattributed_reason,
    final.is_attribution_stored,
    campaigns.platform,
    case when final.has_account_amounts then final.sale_amount_account
         else final.sale_amount end                                as sale_amount,
    case when final.has_account_amounts then final.commission_amount_account
         else final.commission_amount end                          as commission_amount,
    case when final.has_account_amounts then final.account_currency_code
         else final.currency_code end                              as currency_code,
    final.has_account_amounts,
    final.sale_amount                                              as network_sale_amount,
    final.commission_amount                                        as network_commission_amount,
    final.currency_code                                            as network_currency_code,
    final.fx_rate,
    final.approved_at,
    final.refunded_at,
    final.updated_at
from final
left join campaigns on campaigns.campaign_id = final.resolved_campaign_id
