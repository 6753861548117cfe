{#- The helpers of the generic test checks_in_one_query (tests/generic/): dbt reads only
    test blocks from a generic test's file. -#}

{#- The test kinds this test can run in place of their own nodes: a condition on one row
    (not_null, accepted_values, expression_is_true), a key that must not repeat (unique,
    unique_combination_of_columns) or a key that must exist in another model (relationships). The daily build names, in the var `checks_in_one_query`,
    the kinds it leaves out as nodes (affiliate/db/dbt_build.py: GROUPED_TEST_KINDS); only
    those are run here, and a kind this macro cannot run is an error, not a silent gap. -#}
{% macro grouped_test_kinds() -%}
    {%- set known = ['not_null', 'accepted_values', 'expression_is_true', 'unique',
                     'unique_combination_of_columns', 'relationships'] -%}
    {%- set asked = var('checks_in_one_query', []) -%}
    {%- for kind in asked if kind not in known -%}
        {%- do exceptions.raise_compiler_error("checks_in_one_query cannot run " ~ kind
            ~ " tests (it runs " ~ known | join(', ') ~ "): remove it from the var") -%}
    {%- endfor -%}
    {%- do return(asked) -%}
{%- endmacro %}


{#- The checks of the model under test (`model` here is the test node being run) that this
    run left out and this test covers, each as {name, kind, fails | columns, where}. -#}
{% macro checks_left_to_this_test() -%}
    {%- if not execute -%} {%- do return([]) -%} {%- endif -%}
    {%- set mine = (config.get('severity') or 'error') | lower -%}
    {%- set checks = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'test'
            and node.attached_node == model.attached_node and node.test_metadata
            and node.test_metadata.name in grouped_test_kinds()
            and node.unique_id not in selected_resources -%}
        {%- set kind = node.test_metadata.name -%}
        {%- set args = node.test_metadata.kwargs -%}
        {%- set cfg = node.config -%}
        {%- if (cfg.fail_calc, cfg.warn_if, cfg.error_if, cfg.limit) != ('count(*)', '!= 0', '!= 0', none) -%}
            {%- do exceptions.raise_compiler_error(node.name ~ " sets fail_calc, warn_if, error_if"
                ~ " or limit, which " ~ model.name ~ " cannot honour: select it in this run") -%}
        {%- endif -%}
        {%- if (cfg.severity or 'error') | lower == mine -%}
        {%- set conditions = [cfg.where] if cfg.where else [] -%}
        {%- if kind == 'not_null' -%}
            {%- do conditions.append(args.column_name ~ ' is null') -%}
        {%- elif kind == 'accepted_values' -%}
            {%- set quote = args.get('quote', true) -%}
            {%- set values = [] -%}
            {%- for v in args['values'] -%}
                {%- do values.append(("'" ~ (v | string).replace("'", "''") ~ "'") if quote else v) -%}
            {%- endfor -%}
            {#- As dbt's accepted_values: a NULL is not among the rows it reports. -#}
            {%- do conditions.append(args.column_name ~ ' not in (' ~ values | join(', ') ~ ')') -%}
        {%- elif kind == 'expression_is_true' -%}
            {%- if args.get('where') -%} {%- do conditions.append(args.where) -%} {%- endif -%}
            {%- do conditions.append('not coalesce((' ~ args.expression ~ '), false)') -%}
        {%- endif -%}
        {%- if kind in ('not_null', 'accepted_values', 'expression_is_true') -%}
            {%- do checks.append({'name': node.name, 'kind': 'row',
                                   'fails': '(' ~ conditions | join(') and (') ~ ')'}) -%}
        {%- elif kind == 'relationships' -%}
            {#- ref() checks that this test depends on that model (its yml lists it in
                `relationships_to`), so that the build has rebuilt it before this test reads
                it: a missing one is dbt's "unable to infer all dependencies" error. -#}
            {%- set target = modules.re.match("^\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*$", args.to) -%}
            {%- if not target -%}
                {%- do exceptions.raise_compiler_error(node.name ~ " points to " ~ args.to
                    ~ ", not a ref(): select it in this run") -%}
            {%- endif -%}
            {%- do conditions.append(args.column_name ~ ' is not null') -%}
            {%- do checks.append({'name': node.name, 'kind': kind, 'column': args.column_name,
                                   'to': ref(target.group(1)), 'field': args.field,
                                   'where': '(' ~ conditions | join(') and (') ~ ')'}) -%}
        {%- elif kind == 'unique' -%}
            {#- As dbt's unique: NULLs are not_null's concern. -#}
            {%- do conditions.append(args.column_name ~ ' is not null') -%}
            {%- do checks.append({'name': node.name, 'kind': kind, 'columns': [args.column_name],
                                   'where': '(' ~ conditions | join(') and (') ~ ')'}) -%}
        {%- else -%}
            {%- do checks.append({'name': node.name, 'kind': kind,
                                   'columns': args.combination_of_columns,
                                   'where': ('(' ~ conditions | join(') and (') ~ ')')
                                            if conditions else none}) -%}
        {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do return(checks) -%}
{%- endmacro %}
