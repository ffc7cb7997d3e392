local s = "hello"
print(s:upper(), ("x"):rep(3, ","), #s, s:sub(-3), s:byte(-1), ("%d"):format(3))
local t = setmetatable({}, {__index = string, __tostring = function() return "T" end,
  __name = "thing", __concat = function(a, b) return "cat" end, __eq = function() return true end})
print(tostring(t), t .. "x", t == setmetatable({}, getmetatable(t)), rawequal(t, t))
print(pcall(setmetatable, t, nil), pcall(setmetatable, "", {}), pcall(getmetatable, ""))
print(pcall(rawset, _G, "y", 1), y, pcall(next, {}, "nokey"))
print(("a,b,,c"):gsub(",", {[","] = ";"}), ("abc"):gsub("%w", "%0%0"), ("x"):find("", 10))
print(pcall(string.rep, "ab", -1), pcall(string.rep, "x", 1e10), ("%b()"):len())
print(pcall(string.gsub, "abc", "(", "x"), pcall(string.find, "abc", "[a"))
print(os.time({year = 2024, month = 2, day = 30}), os.date("*t", 0).year, os.clock() >= 0)
print(pcall(os.date, "%Ez"), pcall(os.time, {year = 2^40, month = 1, day = 1}))
