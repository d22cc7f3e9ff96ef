-- Seeds one SKU from the configured catalogue, atomically, so two instances starting together agree.
-- Stock is state: it is written only when Redis has no stock for the SKU yet (a restart keeps what was sold).
-- The price is configuration: it always follows the catalogue (a reservation keeps the price it was made at).
-- KEYS[1] the SKU's stock hash, KEYS[2] the set of all SKUs
-- ARGV[1] sku, ARGV[2] initial stock, ARGV[3] unit price (a decimal string)
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'sku', ARGV[1], 'initial', ARGV[2], 'available', ARGV[2], 'reserved', 0, 'committed', 0)
end
redis.call('HSET', KEYS[1], 'price', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return redis.call('HGET', KEYS[1], 'available')
