{#- The P&L identities, in one place for every P&L grain. Expects a relation with
    gross_revenue, refunds, chargebacks, ad_spend, ai_cost, other_costs (numeric(14,2)),
    conversions and refunded_conversions. -#}
{% macro pnl_columns() -%}
    gross_revenue,
    refunds,
    chargebacks,
    (gross_revenue - refunds - chargebacks)::numeric(14,2)                 as net_revenue,
    ad_spend,
    ai_cost,
    other_costs,
    (gross_revenue - refunds - chargebacks
        - ad_spend - ai_cost - other_costs)::numeric(14,2)                  as profit,
    case when ad_spend + ai_cost + other_costs > 0 then
        round((gross_revenue - refunds - chargebacks - ad_spend - ai_cost - other_costs)
              / (ad_spend + ai_cost + other_costs), 4)
    end                                                                    as roi,
    case when ad_spend > 0 then
        round((gross_revenue - refunds - chargebacks) / ad_spend, 4)
    end                                                                    as roas,
    {{ safe_divide('gross_revenue - refunds - chargebacks - ad_spend - ai_cost - other_costs',
                   'gross_revenue - refunds - chargebacks') }}             as margin,
    conversions,
    refunded_conversions
{%- endmacro %}


{#- The P&L measures of int_pnl__measures_detailed summed to a grain (used inside a group by).
    `ai_cost` says how the AI cost is summed: the day's total rounded once to cents, or the
    cents already allocated per product (so products add up to that total). -#}
{% macro pnl_measure_sums(ai_cost='sum(ai_cost_cents)') -%}
    sum(gross_revenue)::numeric(14,2)      as gross_revenue,
    sum(refunds)::numeric(14,2)            as refunds,
    sum(chargebacks)::numeric(14,2)        as chargebacks,
    sum(ad_spend)::numeric(14,2)           as ad_spend,
    ({{ ai_cost }})::numeric(14,2)         as ai_cost,
    sum(other_costs)::numeric(14,2)        as other_costs,
    sum(conversions)::bigint               as conversions,
    sum(refunded_conversions)::bigint      as refunded_conversions
{%- endmacro %}
