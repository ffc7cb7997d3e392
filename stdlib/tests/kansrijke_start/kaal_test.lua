--! fixture: fixtures/kaal
-- The very start: no kartrekker, one municipality, nothing set up yet.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("the verkenning needs a kartrekker and several municipalities; a candidate does not count", function()
  local r = t.check("kansrijke-start", "verkenning")
  t.expect(not r.ready, "not ready")
  t.finding(r, { check = "kartrekker", missing = "nobody leads the collaboration" })
  t.finding(r, { check = "gemeenten", missing = "only 1 municipality takes part" })
  t.equal(t.status(r, "kartrekker-opdracht"), "pass", "left to the kartrekker check")
end)

t.case("without a coalitie and a regioplan each check says so", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.finding(r, { check = "coalitie", missing = "there is no coalitie" })
  t.finding(r, { check = "regioplan", missing = "no regioplan is recorded", severity = "blocking" })
  t.equal(t.status(r, "vergaderfrequentie"), "pass", "left to the coalitie check")
end)
