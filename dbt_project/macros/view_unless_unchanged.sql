{#- Views are (re)created only when their SQL changed or they are missing (Postgres only).

    A view reads its sources when queried, so a new day of data never needs a new view; only
    a new project version does. The default materialization still swaps every view on every
    run (create, rename, drop … cascade), which costs the daily build time and makes the view
    and those built on it disappear for a moment while anyone may be reading them. Each view
    carries the md5 of its compiled SQL as its comment; when the comment matches, the run
    leaves the view alone. A missing view (dropped by a migration, or by the cascade when
    something it reads was rebuilt), a changed definition or --full-refresh builds it as
    dbt always does. -#}
{%- materialization view, adapter='postgres' -%}
    {%- set fingerprint = 'dbt:' ~ local_md5(sql) -%}
    {%- if not should_full_refresh() and view_fingerprint(this) == fingerprint -%}
        {%- call noop_statement('main', 'UNCHANGED', 'UNCHANGED') -%} {%- endcall -%}
        {{ return({'relations': [this.incorporate(type='view')]}) }}
    {%- endif -%}
    {%- set built = dbt.materialization_view_default() -%}
    {%- call statement('fingerprint') -%}
        comment on view {{ this }} is '{{ fingerprint }}'
    {%- endcall -%}
    {%- do adapter.commit() -%}
    {{ return(built) }}
{%- endmaterialization -%}

{% macro view_fingerprint(relation) -%}
    {%- set found = run_query("select obj_description(to_regclass('"
                              ~ relation.include(database=false) ~ "'), 'pg_class')") -%}
    {{- return(found.columns[0].values()[0]) -}}
{%- endmacro %}
