local E = require "spil.engine"
local rules = require "rules"
local ok, res = pcall(require("spil.runtime").evaluate, "kansrijke-start", nil, "2024-06-01")
local plan = require("spil.runtime").plan_advance("kansrijke-start", "rc", "2024-06-01")
local data = require "spil.data"
local orgs = data.index(spil.organisations())
local t = {}
for id, o in pairs(orgs) do t[#t + 1] = id end
table.sort(t)
return table.concat(t, ","), ok, res
