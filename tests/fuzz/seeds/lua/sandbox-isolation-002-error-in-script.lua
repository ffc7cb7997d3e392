local spil = require "spil"
local n = #spil.organisations()
error("no organisations yet: " .. n)
