local spil = require "spil"
spil.organisations = function() return {} end
