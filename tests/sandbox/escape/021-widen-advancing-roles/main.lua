local G = require "spil.governance"
G.advancing_roles.wethouder = true
