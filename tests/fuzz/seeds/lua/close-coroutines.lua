local log = {}
local mt = {__close = function(o, e) log[#log + 1] = tostring(e) end}
do
  local a <close> = setmetatable({}, mt)
  local co = coroutine.create(function()
    local b <close> = setmetatable({}, mt)
    coroutine.yield(1)
    error("boom")
  end)
  print(coroutine.resume(co))
  print(coroutine.close(co), coroutine.status(co))
  local w = coroutine.wrap(function() local c <close> = setmetatable({}, mt) error({}) end)
  print(pcall(w))
end
print(xpcall(function() local d <close> = setmetatable({}, mt) error("x") end,
  function(m) return "handled: " .. tostring(m) end))
return #log
