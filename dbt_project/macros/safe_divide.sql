{#- A ratio rounded to 4 places, NULL when the denominator is 0 or NULL (never a float). -#}
{% macro safe_divide(numerator, denominator, places=4) -%}
    round(({{ numerator }})::numeric / nullif(({{ denominator }})::numeric, 0), {{ places }})
{%- endmacro %}
