-- The whole business's profit and loss per day × currency. A day appears when it has spend,
-- a revenue event, AI cost or another cost (a day of spend without sales shows its loss).
-- Amounts in different currencies are never added together. Incremental: each run recomputes
-- the look-back window's whole days from every measure of those days.
{{ incremental_fact('pnl_key') }}

with measures as (

    select * from {{ ref('int_pnl__measures_detailed') }}
    where {{ in_window('date_day') }}

),

daily as (

    select
        date_day,
        currency_code,
        sum(gross_revenue)::numeric(14,2)      as gross_revenue,
        sum(refunds)::numeric(14,2)            as refunds,
        sum(chargebacks)::numeric(14,2)        as chargebacks,
        sum(ad_spend)::numeric(14,2)           as ad_spend,
        -- LLM calls cost fractions of a cent: the day's total is rounded to cents once.
        round(sum(ai_cost), 2)::numeric(14,2)  as ai_cost,
        sum(other_costs)::numeric(14,2)        as other_costs,
        sum(conversions)::bigint               as conversions,
        sum(refunded_conversions)::bigint      as refunded_conversions
    from measures
    group by 1, 2

)

select
    {{ surrogate_key(['date_day', 'currency_code']) }}  as pnl_key,
    date_day,
    currency_code,
    {{ pnl_columns() }},
    now()                                               as refreshed_at
from daily
