--! fixture: fixtures/eigen-termijn
--! lang: en
-- A period the guidance leaves to the region is a parameter that the region's own Lua sets
-- (fixtures/eigen-termijn/termijn.lua: evaluatie_maanden = 2): the checks, run as spil check
-- runs them, follow it.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("evaluatie: with evaluatie_maanden = 2, an evaluation 3 months ago is advised on", function()
  local r = t.check("kansrijke-start", "uitvoering")
  t.expect(r.ready, "advice does not block")
  t.finding(r, { check = "evaluatie", severity = "advisory", missing = "since 2025-11-15" })
end)
