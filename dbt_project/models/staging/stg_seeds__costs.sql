-- Other costs from the `costs` seed, one row per booked cost. Renamed and cast only.
with source as (

    select * from {{ ref('costs') }}

),

renamed as (

    select
        {{ surrogate_key(['date_day', 'cost_category', 'description', 'amount', 'currency_code']) }}
                                as cost_key,
        date_day::date          as date_day,
        cost_category,
        description             as cost_description,
        amount::numeric(14,2)   as amount,
        upper(currency_code)    as currency_code
    from source

)

select * from renamed
