-- One row per conversion with its attribution (click → ad → ad set → campaign → landing page),
-- its status and its amounts in the account currency beside the network's. Pending sales are
-- included (with is_revenue false) so the funnel can be followed; revenue lives in the marts
-- that place events on days.
--
-- Incremental: merge on conversion_id; each run re-reads the conversions that changed within
-- `lookback_days` of the latest change already here (a status change or a late attribution
-- moves updated_at). Names are as of the row's last refresh; the dims have the current ones.
-- Indexed on its key (the merge), updated_at (the window's start) and refreshed_at (the daily
-- build's tests); app.conversions is indexed on updated_at, so the window is read by index.
{{ config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key='conversion_id',
    on_schema_change='append_new_columns',
    indexes=[{'columns': ['conversion_id']}, {'columns': ['updated_at']}, {'columns': ['refreshed_at']}]
) }}

with conversions as (

    select * from {{ ref('int_conversions__attributed') }}
    {% if is_incremental() %}
    where updated_at >= {{ changed_since('updated_at') }}
    {% endif %}

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

products as (

    select * from {{ ref('stg_app__products') }}

)

select
    conversions.conversion_id,
    conversions.network,
    conversions.transaction_id,
    conversions.network_product_id,
    conversions.product_id,
    products.product_name,
    conversions.conversion_status,
    conversions.conversion_status in ('approved', 'refunded', 'chargeback')   as is_revenue,
    conversions.conversion_status in ('refunded', 'chargeback')               as is_reversed,
    conversions.attribution,
    conversions.attribution_source,
    conversions.unattributed_reason,
    conversions.click_id,
    conversions.clicked_at,
    conversions.click_is_bot,
    conversions.platform,
    campaigns.account_id,
    conversions.campaign_id,
    case when conversions.campaign_id is null then 'Unattributed'
         else campaigns.campaign_name end                                     as campaign_name,
    conversions.ad_set_id                                                     as ad_group_id,
    ad_sets.ad_set_name                                                       as ad_group_name,
    conversions.ad_id,
    ads.ad_name,
    conversions.landing_page_id,
    conversions.approved_at,
    {{ report_day('conversions.approved_at') }}                               as approved_day,
    -- The same reversal time int_revenue__events places the refund on.
    case when conversions.conversion_status in ('refunded', 'chargeback')
         then coalesce(conversions.refunded_at, conversions.updated_at) end   as reversed_at,
    {{ report_day("case when conversions.conversion_status in ('refunded', 'chargeback')
         then coalesce(conversions.refunded_at, conversions.updated_at) end") }}
                                                                              as reversed_day,
    conversions.sale_amount::numeric(14,2)                                    as sale_amount,
    conversions.commission_amount::numeric(14,2)                              as commission_amount,
    case when conversions.conversion_status = 'approved'
         then conversions.commission_amount else 0 end::numeric(14,2)         as net_commission_amount,
    conversions.currency_code,
    conversions.network_sale_amount::numeric(14,2)                            as network_sale_amount,
    conversions.network_commission_amount::numeric(14,2)                      as network_commission_amount,
    conversions.network_currency_code,
    conversions.fx_rate,
    conversions.has_account_amounts,
    conversions.is_attribution_stored,
    conversions.updated_at,
    now()                                                                     as refreshed_at
from conversions
left join ads on ads.ad_id = conversions.ad_id
left join ad_sets on ad_sets.ad_set_id = conversions.ad_set_id
left join campaigns on campaigns.campaign_id = conversions.campaign_id
left join products on products.product_id = conversions.product_id
