-- Other costs (the `costs` seed) per day × currency: neither ad spend nor AI calls, tied to
-- no campaign, product or network.
select
    date_day,
    currency_code,
    count(*)::bigint                as cost_lines,
    sum(amount)::numeric(14,2)      as other_costs
from {{ ref('stg_seeds__costs') }}
group by 1, 2
