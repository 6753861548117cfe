{#- The calendar day of a timestamptz in the reporting time zone (var `report_timezone`). -#}
{% macro report_day(column) -%}
    ({{ column }} at time zone '{{ var("report_timezone") }}')::date
{%- endmacro %}
