-- Commissions in every P&L mart (in total and by campaign, product and network) equal, per
-- currency, what app.conversions holds: gross = the commission of every sale ever approved,
-- reversals (refunds + chargebacks) = the commission of every reversed one, net = gross −
-- reversals. Account-currency amounts, or the network's for a row whose account amounts were
-- never filled, as int_conversions__attributed does.
{% set marts = ['fct_pnl_daily', 'fct_pnl_daily_by_campaign', 'fct_pnl_daily_by_product',
                'fct_pnl_daily_by_network'] %}

with source_conversions as (

    select
        status,
        case when sale_amount_account = 0 and commission_amount_account = 0
                  and (sale_amount <> 0 or commission_amount <> 0)
             then commission_amount else commission_amount_account end  as commission,
        case when sale_amount_account = 0 and commission_amount_account = 0
                  and (sale_amount <> 0 or commission_amount <> 0)
             then upper(currency) else upper(account_currency) end       as currency_code
    from {{ source('app', 'conversions') }}
    where status in ('approved', 'refunded', 'chargeback')

),

source_revenue as (

    select
        currency_code,
        sum(commission)                                                          as gross,
        coalesce(sum(commission) filter (where status in ('refunded', 'chargeback')), 0)
                                                                                 as reversed
    from source_conversions
    group by 1

),

expected as (

    select marts.mart, currency_code, gross, reversed, gross - reversed as net
    from source_revenue
    cross join (values {% for mart in marts %}('{{ mart }}'){% if not loop.last %}, {% endif %}{% endfor %}) as marts (mart)

),

mart_revenue as (

    {% for mart in marts %}
    select '{{ mart }}' as mart, currency_code,
           sum(gross_revenue) as gross, sum(refunds + chargebacks) as reversed,
           sum(net_revenue) as net
    from {{ ref(mart) }}
    group by 1, 2
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    coalesce(expected.mart, mart_revenue.mart)                   as mart,
    coalesce(expected.currency_code, mart_revenue.currency_code) as currency_code,
    expected.gross as source_gross, mart_revenue.gross as mart_gross,
    expected.reversed as source_reversed, mart_revenue.reversed as mart_reversed,
    expected.net as source_net, mart_revenue.net as mart_net
from expected
full outer join mart_revenue
    on mart_revenue.mart = expected.mart and mart_revenue.currency_code = expected.currency_code
where coalesce(expected.gross, 0) <> coalesce(mart_revenue.gross, 0)
   or coalesce(expected.reversed, 0) <> coalesce(mart_revenue.reversed, 0)
   or coalesce(expected.net, 0) <> coalesce(mart_revenue.net, 0)
