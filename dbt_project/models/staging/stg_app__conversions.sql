-- One row per network transaction, with its current status. Renamed and cast only; no business logic.
-- `sale_amount`/`commission_amount` are in the network's currency (`currency_code`); the
-- `_account` amounts were converted at processing into the account's currency.
-- One select, no CTEs, unlike the other staging views: Postgres cannot flatten a view with a
-- WITH clause into the query that joins it, so a join to it (a relationships test from a few
-- recent rows, say) read every row of app.conversions instead of looking them up by index.
select
    id                                       as conversion_id,
    user_id,
    product_id,
    campaign_id,
    ad_set_id,
    ad_id,
    landing_page_id,
    click_id,
    clicked_at,
    attribution,
    unattributed_reason,
    network,
    transaction_id,
    network_product_id,
    status                                   as conversion_status,
    sale_amount::numeric(14,2)               as sale_amount,
    commission_amount::numeric(14,2)         as commission_amount,
    upper(currency)                          as currency_code,
    upper(account_currency)                  as account_currency_code,
    fx_rate::numeric(20,10)                  as fx_rate,
    sale_amount_account::numeric(14,2)       as sale_amount_account,
    commission_amount_account::numeric(14,2) as commission_amount_account,
    conversion_date                          as approved_at,
    refunded_at,
    last_event_id                            as last_webhook_event_id,
    created_at,
    updated_at
from {{ source('app', 'conversions') }}
