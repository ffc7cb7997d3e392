local spil = require "spil"
return spil.region("zuid-holland-zuid")
