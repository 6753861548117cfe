-- The P&L by product and by network are partitions of the daily P&L, like the one by campaign
-- (assert_pnl_by_campaign_sums_to_pnl): per day × currency every measure sums back exactly,
-- AI cost included (allocated in whole cents), so no cent is lost or invented by a breakdown.
{% set measures = ['gross_revenue', 'refunds', 'chargebacks', 'net_revenue', 'ad_spend',
                   'ai_cost', 'other_costs', 'profit', 'conversions', 'refunded_conversions'] %}

with breakdowns as (

    {% for breakdown in ['fct_pnl_daily_by_product', 'fct_pnl_daily_by_network'] %}
    select
        '{{ breakdown }}' as breakdown, date_day, currency_code,
        {% for m in measures %}sum({{ m }}) as {{ m }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ ref(breakdown) }}
    group by 1, 2, 3
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

expected as (

    select breakdown, pnl.*
    from {{ ref('fct_pnl_daily') }} as pnl
    cross join (values ('fct_pnl_daily_by_product'), ('fct_pnl_daily_by_network')) as b (breakdown)

)

select expected.breakdown, expected.date_day, expected.currency_code,
       breakdowns.breakdown as found_breakdown, breakdowns.date_day as found_day
from expected
full outer join breakdowns
    on breakdowns.breakdown = expected.breakdown
   and breakdowns.date_day = expected.date_day
   and breakdowns.currency_code = expected.currency_code
where expected.date_day is null
   or breakdowns.date_day is null
   or ({% for m in measures %}expected.{{ m }}{% if not loop.last %}, {% endif %}{% endfor %})
      is distinct from
      ({% for m in measures %}breakdowns.{{ m }}{% if not loop.last %}, {% endif %}{% endfor %})
