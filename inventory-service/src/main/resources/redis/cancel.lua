-- Cancels a reservation: its units go back to available. Idempotent: a second cancel returns nothing twice.
-- A reservation that does not exist yet gets a CANCELLED tombstone, so that a reserve_items arriving late (the
-- saga compensated after a timeout) finds it and reserves nothing.
-- KEYS[1] the reservation hash; ARGV[1] the stock key prefix (<prefix>stock:), ARGV[2] the reservation id,
-- ARGV[3] the order id ('' when the id is not res-<orderId>)
-- Returns {'OK', {reservation fields}} or {'RESERVATION_COMMITTED'}.
local reservation = KEYS[1]
local status = redis.call('HGET', reservation, 'status')
if not status then
  redis.call('HSET', reservation, 'reservationId', ARGV[2], 'status', 'CANCELLED')
  if ARGV[3] ~= '' then
    redis.call('HSET', reservation, 'orderId', ARGV[3])
  end
elseif status == 'COMMITTED' then
  return {'RESERVATION_COMMITTED'}
elseif status == 'RESERVED' then
  local fields = redis.call('HGETALL', reservation)
  for i = 1, #fields, 2 do
    local sku = string.match(fields[i], '^qty:(.*)$')
    if sku then
      local quantity = tonumber(fields[i + 1])
      redis.call('HINCRBY', ARGV[1] .. sku, 'reserved', -quantity)
      redis.call('HINCRBY', ARGV[1] .. sku, 'available', quantity)
    end
  end
  redis.call('HSET', reservation, 'status', 'CANCELLED')
end
return {'OK', redis.call('HGETALL', reservation)}
