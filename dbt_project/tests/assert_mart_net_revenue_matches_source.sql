-- Net revenue in the P&L (overall and by campaign) equals, straight from app.conversions,
-- the commission of every approved sale minus the commission of every reversed one, in the
-- account currency (the network's amounts only for a row whose account amounts were never
-- filled, as int_conversions__attributed does).
with source_conversions as (

    select
        status,
        case when sale_amount_account = 0 and commission_amount_account = 0
                  and (sale_amount <> 0 or commission_amount <> 0)
             then commission_amount else commission_amount_account end  as commission,
        case when sale_amount_account = 0 and commission_amount_account = 0
                  and (sale_amount <> 0 or commission_amount <> 0)
             then upper(currency) else upper(account_currency) end       as currency_code
    from {{ source('app', 'conversions') }}
    where status in ('approved', 'refunded', 'chargeback')

),

source_revenue as (

    select
        currency_code,
        sum(commission)
          - coalesce(sum(commission) filter (where status in ('refunded', 'chargeback')), 0)
            as net_revenue
    from source_conversions
    group by 1

),

pnl as (

    select currency_code, sum(net_revenue) as net_revenue
    from {{ ref('fct_pnl_daily') }}
    group by 1

),

by_campaign as (

    select currency_code, sum(net_revenue) as net_revenue
    from {{ ref('fct_pnl_daily_by_campaign') }}
    group by 1

)

select
    coalesce(source_revenue.currency_code, pnl.currency_code) as currency_code,
    source_revenue.net_revenue as source_net_revenue,
    pnl.net_revenue            as pnl_net_revenue,
    by_campaign.net_revenue    as by_campaign_net_revenue
from source_revenue
full outer join pnl on pnl.currency_code = source_revenue.currency_code
left join by_campaign
    on by_campaign.currency_code = coalesce(source_revenue.currency_code, pnl.currency_code)
where coalesce(source_revenue.net_revenue, 0) <> coalesce(pnl.net_revenue, 0)
   or coalesce(source_revenue.net_revenue, 0) <> coalesce(by_campaign.net_revenue, 0)
