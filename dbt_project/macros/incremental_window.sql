{#- The look-back window of an incremental fact, in whole report days.

    On an incremental run the window starts `lookback_days` (var, default 3) report days before
    the latest day already in the model, so the last days are recomputed in full: late refunds,
    late conversions and restated ad spend correct them. The start day is read once, when the
    model compiles (before any pre-hook runs), so the delete and the select agree on it.

    window_start_day()        -> a date literal, or none on a full build
    in_window(day_column)     -> SQL predicate on a report-day column (true on a full build)
    in_window_ts(ts_column)   -> the same window on a timestamptz, written so an index on the
                                 timestamp is usable: from the first instant of the start day
                                 in the reporting time zone (DST-safe: Postgres resolves the
                                 local midnight to its UTC instant).
    delete_window()           -> pre-hook: clear the window's days before they are merged back,
                                 so a (day, key) with no activity left does not linger.
    changed_since(ts_column)  -> for a fact keyed by row rather than by day (fct_conversions):
                                 `lookback_days` before the latest value of the column already
                                 in the model, as a literal read at compile time (a literal lets
                                 the planner estimate the window and use the index; a subquery
                                 would not). An empty model reads everything. -#}

{% macro window_start_day(day_column='date_day') -%}
    {%- if execute and this is not none and is_incremental() -%}
        {%- set query -%}
            select (max({{ day_column }}) - {{ var('lookback_days') | int }})::text from {{ this }}
        {%- endset -%}
        {%- set start = run_query(query).columns[0].values()[0] -%}
        {{- return(start) -}}
    {%- endif -%}
    {{- return(none) -}}
{%- endmacro %}

{% macro in_window(day_column) -%}
    {%- set start = window_start_day() -%}
    {%- if start -%} {{ day_column }} >= '{{ start }}'::date {%- else -%} true {%- endif -%}
{%- endmacro %}

{% macro in_window_ts(ts_column) -%}
    {%- set start = window_start_day() -%}
    {%- if start -%}
        {{ ts_column }} >= ('{{ start }}'::date::timestamp at time zone '{{ var("report_timezone") }}')
    {%- else -%} true {%- endif -%}
{%- endmacro %}

{% macro delete_window(day_column='date_day') -%}
    {%- set start = window_start_day(day_column) -%}
    {%- if start -%}
        delete from {{ this }} where {{ day_column }} >= '{{ start }}'::date
    {%- else -%} select 1 {%- endif -%}
{%- endmacro %}

{% macro changed_since(ts_column) -%}
    {%- set query -%}
        select coalesce(max({{ ts_column }}) - interval '{{ var('lookback_days') | int }} days',
                        '-infinity')::text
        from {{ this }}
    {%- endset -%}
    {%- set since = run_query(query).columns[0].values()[0] if execute else '-infinity' -%}
    '{{ since }}'::timestamptz
{%- endmacro %}
