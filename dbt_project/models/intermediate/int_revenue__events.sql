-- Signed revenue events, each on its own day in the reporting time zone:
--   * an approval (+commission, +sale) on the day the network approved the sale, for every
--     conversion that was ever approved (approved, refunded, chargeback);
--   * a reversal (−commission, −sale) on the day of the refund or chargeback.
-- A refund never rewrites the sale's day: yesterday's revenue stays what was reported.
-- Amounts are in the account currency (int_conversions__attributed), and a reversal takes back
-- exactly what its approval added, so a refunded sale nets to zero over time.
with conversions as (

    select * from {{ ref('int_conversions__attributed') }}

),

approvals as (

    select
        conversion_id,
        'approval'         as event_type,
        approved_at        as event_at,
        commission_amount  as commission_amount,
        sale_amount        as sale_amount,
        network, product_id, campaign_id, ad_set_id, ad_id, currency_code
    from conversions
    where conversion_status in ('approved', 'refunded', 'chargeback')

),

reversals as (

    select
        conversion_id,
        case when conversion_status = 'chargeback' then 'chargeback' else 'refund' end as event_type,
        -- A reversal without its time still must not vanish: fall back to when the row changed.
        coalesce(refunded_at, updated_at)  as event_at,
        -commission_amount                 as commission_amount,
        -sale_amount                       as sale_amount,
        network, product_id, campaign_id, ad_set_id, ad_id, currency_code
    from conversions
    where conversion_status in ('refunded', 'chargeback')

),

events as (

    select * from approvals
    union all
    select * from reversals

)

select
    {{ surrogate_key(['conversion_id', 'event_type']) }} as revenue_event_id,
    conversion_id,
    event_type,
    event_at,
    {{ report_day('event_at') }}                          as date_day,
    commission_amount::numeric(14,2)                      as commission_amount,
    sale_amount::numeric(14,2)                            as sale_amount,
    network,
    product_id,
    campaign_id,
    ad_set_id,
    ad_id,
    currency_code
from events
