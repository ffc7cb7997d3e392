local x = 1
require("a")
return {}
