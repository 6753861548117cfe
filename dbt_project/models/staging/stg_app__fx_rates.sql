-- One exchange rate per day × currency pair. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'fx_rates') }}

),

renamed as (

    select
        rate_date,
        upper(base_currency)   as base_currency_code,
        upper(quote_currency)  as quote_currency_code,
        rate::numeric(20,10)   as fx_rate,
        source                 as rate_source,
        loaded_at
    from source

)

select * from renamed
