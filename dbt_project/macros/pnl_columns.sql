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
