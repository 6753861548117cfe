-- Signed revenue events, each on its own day in the reporting time zone:
--   * an approval (+commission, +sale) on the day the network approved the sale, for every
--     conversion that was ever approved (approved, refunded, chargeback);
--   * a reversal (−commission, −sale) on the day of the refund or chargeback.
-- A refund never rewrites the sale's day: yesterday's revenue stays what was reported.
-- Amounts are in the account currency (int_conversions__attributed), and a reversal takes back
-- exactly what its approval added, so a refunded sale nets to zero over time.
--
-- Incremental: one row per event, merged on revenue_event_id; each run recomputes the events
-- of the look-back window's whole days, so a refund that reaches us late but happened inside
-- the window lowers the day it happened on.
{{ incremental_fact('revenue_event_id') }}

with conversions as (

    -- Filtered here, once: Postgres materialises a CTE read twice, so a filter left to the
    -- two branches below would first attribute every conversion ever made. The reversal's
    -- time, coalesce(refunded_at, updated_at), is spelled out so that each term is an indexed
    -- column of app.conversions and the window is read by index, not by scanning all sales.
    select * from {{ ref('int_conversions__attributed') }}
    where {{ in_window_ts('approved_at') }}
       or {{ in_window_ts('refunded_at') }}
       or (refunded_at is null and {{ in_window_ts('updated_at') }})

),

approvals as (

    select
        conversion_id,
        'approval'         as event_type,
        approved_at        as event_at,
        commission_amount  as commission_amount,
        sale_amount        as sale_amount,
        network, product_id, campaign_id, ad_set_id, ad_id, landing_page_id, currency_code
    from conversions
    where conversion_status in ('approved', 'refunded', 'chargeback')
      and {{ in_window_ts('approved_at') }}

),

reversals as (

    select
        conversion_id,
        case when conversion_status = 'chargeback' then 'chargeback' else 'refund' end as event_type,
        -- A reversal without its time still must not vanish: fall back to when the row changed.
        coalesce(refunded_at, updated_at)  as event_at,
        -commission_amount                 as commission_amount,
        -sale_amount                       as sale_amount,
        network, product_id, campaign_id, ad_set_id, ad_id, landing_page_id, currency_code
    from conversions
    where conversion_status in ('refunded', 'chargeback')
      and {{ in_window_ts('coalesce(refunded_at, updated_at)') }}

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
    currency_code,
    landing_page_id,
    now()                                                 as refreshed_at
from events
