{#- The daily build tests the rows it could have changed, not all of history.

    With the var `tests_on_changed_rows` true (the daily build sets it: affiliate/db/dbt_build.py;
    the full build, CI and a plain `dbt test` do not), a generic data test reads, instead of the
    whole model:
      * an incremental model: the rows its latest run wrote (one transaction, so they share its
        `refreshed_at`). Older rows were tested when written and no run has touched them since;
        keys include the day or are merged on, so new rows cannot collide with old ones;
      * a model whose yml sets `meta.recent_rows_by` (a view over a table that grows with
        traffic): the rows whose column is within the look-back window plus a day of now, i.e.
        what the application wrote or changed since the last daily builds;
      * anything else (dimensions, small staging views): the whole model, as always.
    Singular tests (the money identities across marts and sources) always read everything. -#}

{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%} {%- do conditions.append(config.get('where')) -%} {%- endif -%}
    {%- set changed = changed_rows(relation) -%}
    {%- if changed -%} {%- do conditions.append(changed) -%} {%- endif -%}
    {%- if not conditions -%} {%- do return(relation) -%} {%- endif -%}
    {%- do return('(select * from ' ~ relation ~ ' where (' ~ conditions | join(') and (')
                  ~ ')) dbt_subquery') -%}
{%- endmacro %}

{% macro changed_rows(relation) -%}
    {%- if not (execute and var('tests_on_changed_rows', false)) -%} {%- do return(none) -%} {%- endif -%}
    {%- set tested = graph.nodes.get(model.attached_node) -%}
    {%- if tested is none -%} {%- do return(none) -%} {%- endif -%}
    {%- if tested.config.materialized == 'incremental' -%}
        {#- A literal, read now: refreshed_at has a handful of values, so the planner would
            expect `= (select max(…))` to match half the table and scan all of it. -#}
        {%- set latest = run_query('select max(refreshed_at)::text from ' ~ relation)
                         .columns[0].values()[0] -%}
        {%- do return("refreshed_at = '" ~ latest ~ "'::timestamptz" if latest else 'false') -%}
    {%- endif -%}
    {%- set column = tested.config.meta.get('recent_rows_by') -%}
    {%- if column -%}
        {%- do return(column ~ " >= now() - interval '" ~ (var('lookback_days') | int + 1)
                      ~ " days'") -%}
    {%- endif -%}
    {%- do return(none) -%}
{%- endmacro %}
