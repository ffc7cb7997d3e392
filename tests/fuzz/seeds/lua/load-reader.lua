local parts = {"return ", "1 ", "+ ", "2"}
local i = 0
local f, err = load(function() i = i + 1 return parts[i] end, "=reader")
local env = {x = 5}
local g = load("return x", "=env", "t", env)
local h = load("x = 1", "=env2", "t", {})
print(f(), g(), pcall(h), err, load("\27Lua"), pcall(load, "return", "@f", "b"))
print(pcall(load, "return 1", nil, nil, nil))
print(pcall(string.format, "%q", 1/0), string.format("%5.2s|%-5d|%x", "abc", 3, 255))
print(string.pack("<i4", 7):byte(1, -1), utf8.len("\xff"), select("#", table.unpack({}, 1, 100)))
