-- wrk script: POST a distinct Hotmart 2.0.0 delivery per request (unique envelope id and
-- transaction), with the sandbox token, so every 2xx is a new committed inbox row.
local counter = 0
local threads = {}
local prefix = os.getenv("BENCH_PREFIX") or "bench"
local hottok = os.getenv("BENCH_HOTTOK") or "sandbox-hottok"

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local template = [[{"id":"%s","creation_date":1764000000000,"event":"PURCHASE_APPROVED","version":"2.0.0","data":{"product":{"id":4774438,"ucode":"0f3f2c8e","name":"Bench product"},"commissions":[{"value":9.70,"source":"MARKETPLACE","currency_value":"USD"},{"value":48.50,"source":"AFFILIATE","currency_value":"USD"},{"value":38.80,"source":"PRODUCER","currency_value":"USD"}],"purchase":{"approved_date":1764000000000,"order_date":1763990000000,"price":{"value":97.00,"currency_value":"USD"},"status":"APPROVED","transaction":"%s","tracking":{"source_sck":"clk%s"},"payment":{"type":"CREDIT_CARD","installments_number":1}},"buyer":{"email":"buyer@example.com","name":"A Buyer"},"affiliates":[{"affiliate_code":"Q1","name":"Me"}]}}]]

function request()
  counter = counter + 1
  local key = string.format("%s-%d-%d", prefix, tid, counter)
  local body = string.format(template, key, "HP" .. key, key)
  return wrk.format("POST", "/api/webhooks/hotmart",
    {["Content-Type"] = "application/json", ["X-HOTMART-HOTTOK"] = hottok}, body)
end
