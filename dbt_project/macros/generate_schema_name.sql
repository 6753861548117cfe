{#- Every model lives in the target schema (`analytics`): no `analytics_staging` prefixes.
    A `+schema` config is deliberately ignored so the Dagster/BI side has one place to look. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ target.schema | trim }}
{%- endmacro %}
