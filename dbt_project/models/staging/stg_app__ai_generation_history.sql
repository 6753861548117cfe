-- One row per LLM call, with its cost. Renamed and cast only; no business logic.
with source as (

    select * from {{ source('app', 'ai_generation_history') }}

),

renamed as (

    select
        id                  as generation_id,
        user_id,
        product_id,
        creative_id,
        task,
        provider,
        model               as model_name,
        prompt_template,
        template_version,
        input_tokens,
        output_tokens,
        cost::numeric(18,10) as cost,
        upper(currency)     as currency_code,
        latency_ms,
        outcome,
        created_at          as generated_at
    from source

)

select * from renamed
