local G = require "spil.governance"
setmetatable(G, {})
