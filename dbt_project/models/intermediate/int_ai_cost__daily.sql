-- LLM spend per day × currency, on the day of the call in the reporting time zone.
-- Kept exact here (10 decimals, as billed); the P&L rounds the day's total to cents.
with generations as (

    select * from {{ ref('stg_app__ai_generation_history') }}

)

select
    {{ report_day('generated_at') }}  as date_day,
    currency_code,
    count(*)::bigint                  as generations,
    sum(input_tokens)::bigint         as input_tokens,
    sum(output_tokens)::bigint        as output_tokens,
    sum(cost)::numeric(22,10)         as ai_cost
from generations
group by 1, 2
