-- Readiness of the coalitie step for Zuid-Holland Zuid, against the region's own region.yaml.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("the coalitie body has members from every required kind and a chair", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.equal(t.status(r, "coalitie"), "pass", "coalitie check")
end)

t.case("the regioplan blocks while partners have only agreed or been invited", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.expect(not r.ready, "the step is not ready")
  t.finding(r, { check = "regioplan", subject = "gem-dordrecht", severity = "blocking" })
  t.finding(r, { check = "regioplan", missing = "has not signed (status invited)" })
end)
