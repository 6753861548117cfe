{#- md5 of the columns joined by '|', NULLs spelled out, like dbt_utils.generate_surrogate_key. -#}
{% macro surrogate_key(columns) -%}
    md5(
    {%- for column in columns %}
        coalesce(cast({{ column }} as text), '_null_'){% if not loop.last %} || '|' ||{% endif %}
    {%- endfor %}
    )
{%- endmacro %}
