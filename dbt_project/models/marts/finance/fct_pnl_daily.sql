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
        -- LLM calls cost fractions of a cent: the day's total is rounded to cents once.
        {{ pnl_measure_sums(ai_cost='round(sum(ai_cost), 2)') }}
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
