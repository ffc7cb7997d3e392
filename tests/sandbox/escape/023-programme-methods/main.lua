local P = require "spil.programme"
local mt = getmetatable(P.get("kngg"))
mt.find = function() end
