local s = ("ab"):rep(100)
local a = {s:find("a.-b"), s:match("^(a+)"), s:gsub("b", "c")}
for w in s:gmatch("%a%a") do a[#a + 1] = w end
local t = {5, 3, 1, 4}
table.sort(t); table.insert(t, 1, 0); table.remove(t); table.move(t, 1, 2, 3)
local co = coroutine.wrap(function(x) coroutine.yield(x + 1) return x end)
local f = load("return 1 + ...", "=x", "t")
local ok = xpcall(function() error({}) end, function(e) return tostring(e) end)
setmetatable({}, {__index = function() return 1 end, __close = nil})
return table.concat(t, ","), co(1), f(2), ok, utf8.char(72, 228), os.date("!%Y", 0), math.type(1)
