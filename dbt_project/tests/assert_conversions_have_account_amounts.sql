{{ config(severity='warn') }}
-- A conversion in a foreign currency whose account-currency amounts were never filled at
-- processing: its revenue reaches the marts in the network's currency, on a row of its own
-- (never relabelled, never added to account-currency money). The processing should fill
-- sale_amount_account / commission_amount_account through fx_rates; this warns until it does.
select
    attributed.conversion_id,
    attributed.network,
    attributed.transaction_id,
    attributed.network_currency_code,
    conversions.account_currency_code
from {{ ref('int_conversions__attributed') }} as attributed
inner join {{ ref('stg_app__conversions') }} as conversions
    on conversions.conversion_id = attributed.conversion_id
where not attributed.has_account_amounts
  and attributed.network_currency_code <> conversions.account_currency_code
