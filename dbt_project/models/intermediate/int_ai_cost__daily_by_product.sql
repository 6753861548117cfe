-- LLM spend per day × product × currency, in exact fractions of a cent and allocated to whole
-- cents. Rounding each product's cost on its own would make the products' cents disagree with
-- the day's total (rounded once in fct_pnl_daily); instead each product gets its cost rounded
-- down and the day's remaining cents go to the largest remainders, so the products' cents sum
-- exactly to the day's rounded total.
with generations as (

    select * from {{ ref('stg_app__ai_generation_history') }}

),

by_product as (

    select
        {{ report_day('generated_at') }}  as date_day,
        product_id,
        currency_code,
        count(*)::bigint                  as generations,
        sum(cost)::numeric(22,10)         as ai_cost_exact
    from generations
    group by 1, 2, 3

),

ranked as (

    select
        by_product.*,
        trunc(ai_cost_exact, 2)                                            as floored,
        round(sum(ai_cost_exact) over day_currency, 2)
            - sum(trunc(ai_cost_exact, 2)) over day_currency               as cents_left,
        row_number() over (
            partition by date_day, currency_code
            order by ai_cost_exact - trunc(ai_cost_exact, 2) desc, product_id nulls last
        )                                                                  as remainder_rank
    from by_product
    window day_currency as (partition by date_day, currency_code)

)

select
    date_day,
    product_id,
    currency_code,
    generations,
    ai_cost_exact,
    (floored + case when remainder_rank <= cents_left * 100 then 0.01 else 0 end)::numeric(14,2)
        as ai_cost
from ranked
