-- Settles a reservation for good: COMMITTED (its units stay taken, reserved -> committed) or CANCELLED (its units
-- go back, reserved -> available). Idempotent: settling twice the same way is settling once.
-- A cancel for a reservation that does not exist yet leaves a CANCELLED tombstone, so that a reserve_items arriving
-- late (the saga compensated after a timeout) finds it and reserves nothing; a commit for one is refused.
-- The stock keys are built from the prefix, as only the reservation knows its SKUs (a single Redis node, or a
-- hash tag in the prefix for a cluster).
-- KEYS[1] the reservation hash; ARGV[1] the stock key prefix (<prefix>stock:), ARGV[2] 'COMMITTED' or 'CANCELLED',
-- ARGV[3] the reservation id, ARGV[4] the order id ('' when the id is not res-<orderId>), ARGV[5] how long the settled
-- reservation is kept (ms; it holds no stock any more)
-- Returns {'OK', {reservation fields}}, {'UNKNOWN_RESERVATION'}, {'RESERVATION_CANCELLED'} or
-- {'RESERVATION_COMMITTED'} (settled the other way already).
local reservation, prefix, outcome = KEYS[1], ARGV[1], ARGV[2]
local status = redis.call('HGET', reservation, 'status')
if not status then
  if outcome == 'COMMITTED' then
    return {'UNKNOWN_RESERVATION'}
  end
  redis.call('HSET', reservation, 'reservationId', ARGV[3], 'status', 'CANCELLED')
  if ARGV[4] ~= '' then
    redis.call('HSET', reservation, 'orderId', ARGV[4])
  end
elseif status == 'RESERVED' then
  local to = outcome == 'COMMITTED' and 'committed' or 'available'
  local fields = redis.call('HGETALL', reservation)
  for i = 1, #fields, 2 do
    local sku = string.match(fields[i], '^qty:(.*)$')
    if sku then
      local quantity = tonumber(fields[i + 1])
      redis.call('HINCRBY', prefix .. sku, 'reserved', -quantity)
      redis.call('HINCRBY', prefix .. sku, to, quantity)
    end
  end
  redis.call('HSET', reservation, 'status', outcome)
elseif status ~= outcome then
  return {'RESERVATION_' .. status}
end
redis.call('PEXPIRE', reservation, ARGV[5])
return {'OK', redis.call('HGETALL', reservation)}
