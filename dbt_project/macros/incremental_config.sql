{#- The one configuration every incremental fact shares: merge on its key, the window's days
    cleared first (see incremental_window.sql), and three indexes the daily build reads by:
      * the day, for the window's delete and for the facts built on this one;
      * the key, so the merge finds its rows by index instead of reading the whole table;
      * refreshed_at, so the daily build's tests find the rows the run wrote
        (tests_on_changed_rows.sql).
    dbt creates indexes only with the table: an existing table gets them at its next
    --full-refresh. New columns are added to an existing table; run with --full-refresh to fill
    them on older days. -#}
{% macro incremental_fact(unique_key, day_column='date_day') -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=unique_key,
        on_schema_change='append_new_columns',
        indexes=[{'columns': [day_column]}, {'columns': [unique_key]}, {'columns': ['refreshed_at']}],
        pre_hook="{{ delete_window('" ~ day_column ~ "') }}"
    ) }}
{%- endmacro %}
