-- The P&L per day × affiliate network × currency: revenue by the network that paid it; ad
-- spend and AI cost by the network of the product they were for (AI cost in the same
-- allocated cents as the P&L by product). Other costs, and anything without a network, sit in
-- the row with network NULL. Incremental like fct_pnl_daily.
{{ incremental_fact('pnl_network_key') }}

with measures as (

    select * from {{ ref('int_pnl__measures_detailed') }}
    where {{ in_window('date_day') }}

),

daily as (

    select
        date_day,
        network,
        currency_code,
        {{ pnl_measure_sums() }}
    from measures
    group by 1, 2, 3

)

select
    {{ surrogate_key(['date_day', "coalesce(network, 'unattributed')", 'currency_code']) }}
                                                as pnl_network_key,
    date_day,
    network,
    currency_code,
    {{ pnl_columns() }},
    now()                                       as refreshed_at
from daily
