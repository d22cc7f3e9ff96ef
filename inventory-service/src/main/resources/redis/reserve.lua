-- Reserves every line of an order, or none: all checks run before the first write, and Redis runs a script alone,
-- so no other reservation can slip in between. Idempotent per reservation id: an existing reservation (whatever its
-- status, a cancel tombstone included) is returned as it is, and nothing is reserved again.
-- KEYS[1] the reservation hash, KEYS[1+i] the stock hash of line i (i = 1..n)
-- ARGV[1] reservation id, ARGV[2] order id, ARGV[1+2i] sku of line i, ARGV[2+2i] its quantity (SKUs distinct)
-- Returns {'OK', {reservation fields}}, {'UNKNOWN_SKU', sku} or {'INSUFFICIENT_STOCK', sku, requested, available}.
local reservation = KEYS[1]
if redis.call('EXISTS', reservation) == 1 then
  return {'OK', redis.call('HGETALL', reservation)}
end
local lines = #KEYS - 1
for i = 1, lines do
  local sku, wanted = ARGV[1 + 2 * i], tonumber(ARGV[2 + 2 * i])
  local available = redis.call('HGET', KEYS[1 + i], 'available')
  if not available then
    return {'UNKNOWN_SKU', sku}
  end
  if tonumber(available) < wanted then
    return {'INSUFFICIENT_STOCK', sku, wanted, tonumber(available)}
  end
end
redis.call('HSET', reservation, 'reservationId', ARGV[1], 'orderId', ARGV[2], 'status', 'RESERVED')
for i = 1, lines do
  local sku, wanted = ARGV[1 + 2 * i], tonumber(ARGV[2 + 2 * i])
  redis.call('HINCRBY', KEYS[1 + i], 'available', -wanted)
  redis.call('HINCRBY', KEYS[1 + i], 'reserved', wanted)
  -- the quantity, to give back or commit later, and the price now, so the total never changes with the catalogue
  redis.call('HSET', reservation, 'qty:' .. sku, wanted, 'price:' .. sku, redis.call('HGET', KEYS[1 + i], 'price'))
end
return {'OK', redis.call('HGETALL', reservation)}
