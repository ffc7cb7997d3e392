local T = require "spil.messages"
T.nl["gov.no_body"] = "alles in orde"
