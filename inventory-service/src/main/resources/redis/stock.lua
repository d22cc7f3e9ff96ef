-- Every SKU's stock in one consistent snapshot (no reservation half seen), for get_stock without a SKU.
-- KEYS[1] the set of all SKUs; ARGV[1] the stock key prefix (<prefix>stock:)
-- Returns {sku, available, reserved, price, ...} for every SKU, in no particular order.
local out = {}
for _, sku in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local level = redis.call('HMGET', ARGV[1] .. sku, 'available', 'reserved', 'price')
  if level[1] then
    table.insert(out, sku)
    table.insert(out, level[1])
    table.insert(out, level[2])
    table.insert(out, level[3])
  end
end
return out
