-- Every cent of app.ad_spend_daily reaches each mart that reports spend, per currency: the
-- P&L in total and by campaign, product and network, and the campaign and offer performance.
{% set marts = {
    'fct_pnl_daily': 'ad_spend',
    'fct_pnl_daily_by_campaign': 'ad_spend',
    'fct_pnl_daily_by_product': 'ad_spend',
    'fct_pnl_daily_by_network': 'ad_spend',
    'fct_campaign_performance_daily': 'spend',
    'fct_offer_performance_daily': 'spend',
} %}

with source_spend as (

    select upper(currency) as currency_code, sum(spend) as spend
    from {{ source('app', 'ad_spend_daily') }}
    group by 1

),

mart_spend as (

    {% for mart, column in marts.items() %}
    select '{{ mart }}' as mart, currency_code, sum({{ column }}) as spend
    from {{ ref(mart) }}
    group by 1, 2
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

expected as (

    select marts.mart, source_spend.currency_code, source_spend.spend
    from source_spend
    cross join (values {% for mart in marts %}('{{ mart }}'){% if not loop.last %}, {% endif %}{% endfor %}) as marts (mart)

)

select
    coalesce(expected.mart, mart_spend.mart)                   as mart,
    coalesce(expected.currency_code, mart_spend.currency_code) as currency_code,
    expected.spend                                             as source_spend,
    mart_spend.spend                                           as mart_spend
from expected
full outer join mart_spend
    on mart_spend.mart = expected.mart and mart_spend.currency_code = expected.currency_code
where coalesce(expected.spend, 0) <> coalesce(mart_spend.spend, 0)
