{#- Fails for every row of the model where `expression` is not true (NULL counts as a failure).
    `where` (optional) restricts the rows checked, e.g. "ad_spend > 0". Note that dbt lifts a
    `where` given in the yml into the test's config and filters the model before this SQL runs,
    which has the same effect; the argument stays for callers that pass it directly.
    Usable on a model or on a column (the column is then only context for the expression). -#}
{% test expression_is_true(model, expression, column_name=none, where=none) %}
select *
from {{ model }}
where {% if where %}({{ where }}) and {% endif %}not coalesce(({{ expression }}), false)
{% endtest %}
