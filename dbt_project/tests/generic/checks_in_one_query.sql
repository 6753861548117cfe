{#- One test node that runs, in one query, the checks of its model that this run did not
    select as their own nodes.

    The daily build (affiliate/db/dbt_build.py) leaves out the per-column tests of the kinds it
    names in the var `checks_in_one_query`: dbt spends ~70 ms on each test node whatever it
    reads, and ~440 such nodes cost the daily build more in dbt than in the database. This
    test, declared once per model, then runs each of them, with its own `where` and on the
    same rows (the rows the run could change: tests_on_changed_rows.sql), and fails with one
    row per failing check: that test's name and how many rows fail it (run that test alone,
    or `dbt test --select <model>`, to see the rows).
    When the per-column tests run as nodes (the full build, CI, a plain `dbt test`) nothing
    is left for it and it reads nothing; the full build leaves it out.
    It runs the checks of its own severity only: a model with `warn` checks declares a second
    one with `config: {severity: warn}` and a `name:` of its own. `relationships_to` lists
    the models its relationships checks point to (`ref('…')`): that makes dbt run it after
    them, as it runs each relationships test after its model. A check it cannot honour
    (fail_calc, warn_if, error_if, limit) is an error. tests/dbt/test_daily_build.py checks
    that every model with such checks declares it. Helpers: macros/checks_in_one_query.sql. -#}
{% test checks_in_one_query(model, relationships_to=[]) %}
{%- set checks = checks_left_to_this_test() -%}
{%- if not checks -%}
select null::text as check_name, 0::bigint as failures where false
{%- else -%}
{%- set row_checks = checks | selectattr('kind', 'equalto', 'row') | list -%}
{%- set set_checks = checks | rejectattr('kind', 'equalto', 'row') | list -%}
select check_name, failures from (
{%- if row_checks %}
    {#- Every row-level check in one scan of the rows. -#}
    select
        unnest(array[{% for c in row_checks %}'{{ c.name }}'{{ ', ' if not loop.last }}{% endfor %}])
            as check_name,
        unnest(array[{% for c in row_checks %}
            count(*) filter (where {{ c.fails }}){{ ',' if not loop.last }}{% endfor %}
        ]) as failures
    from {{ model }}
{%- endif %}
{%- for c in set_checks %}
    {{ 'union all' if row_checks or not loop.first }}
    {%- if c.kind == 'relationships' %}
    {#- As dbt's relationships: the tested rows' keys missing from the whole other model. #}
    select '{{ c.name }}', count(*) from (
        select 1 from (select * from {{ model }}) as child
        where {{ c.where }}
          and not exists (select 1 from {{ c.to }} as parent
                          where parent.{{ c.field }} = child.{{ c.column }})
    ) orphans
    {%- else %}
    select '{{ c.name }}', count(*) from (
        select 1 from {{ model }}
        {% if c.where %}where {{ c.where }}{% endif %}
        group by {{ c.columns | join(', ') }} having count(*) > 1
    ) duplicates
    {%- endif %}
{%- endfor %}
) checks
where failures > 0
{%- endif %}
{% endtest %}
