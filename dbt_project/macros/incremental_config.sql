{#- The one configuration every incremental fact shares: merge on its key, a day index for the
    window, and the window's days cleared first (see incremental_window.sql). New columns are
    added to an existing table; run with --full-refresh to fill them on older days. -#}
{% macro incremental_fact(unique_key, day_column='date_day') -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=unique_key,
        on_schema_change='append_new_columns',
        indexes=[{'columns': [day_column]}],
        pre_hook="{{ delete_window('" ~ day_column ~ "') }}"
    ) }}
{%- endmacro %}
