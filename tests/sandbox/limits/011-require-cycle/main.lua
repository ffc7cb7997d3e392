require("a")
