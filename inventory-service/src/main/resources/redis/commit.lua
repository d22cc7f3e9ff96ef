-- Commits a reservation: its units stay taken and move from reserved to committed. Idempotent.
-- The stock keys are built from the prefix, as only the reservation knows its SKUs (a single Redis node, or a
-- hash tag in the prefix for a cluster).
-- KEYS[1] the reservation hash; ARGV[1] the stock key prefix (<prefix>stock:)
-- Returns {'OK', {reservation fields}}, {'UNKNOWN_RESERVATION'} or {'RESERVATION_CANCELLED'}.
local reservation = KEYS[1]
local status = redis.call('HGET', reservation, 'status')
if not status then
  return {'UNKNOWN_RESERVATION'}
end
if status == 'CANCELLED' then
  return {'RESERVATION_CANCELLED'}
end
if status == 'RESERVED' then
  local fields = redis.call('HGETALL', reservation)
  for i = 1, #fields, 2 do
    local sku = string.match(fields[i], '^qty:(.*)$')
    if sku then
      local quantity = tonumber(fields[i + 1])
      redis.call('HINCRBY', ARGV[1] .. sku, 'reserved', -quantity)
      redis.call('HINCRBY', ARGV[1] .. sku, 'committed', quantity)
    end
  end
  redis.call('HSET', reservation, 'status', 'COMMITTED')
end
return {'OK', redis.call('HGETALL', reservation)}
