--! fixture: fixtures/kaal
--! lang: en
-- The very start: no kartrekker, one municipality, nothing set up yet.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("the verkenning needs a kartrekker and several municipalities; a candidate does not count", function()
  local r = t.check("kansrijke-start", "verkenning")
  t.expect(not r.ready, "not ready")
  t.finding(r, { check = "kartrekker", missing = "nobody leads the collaboration" })
  t.finding(r, { check = "gemeenten", missing = "only 1 municipality takes part" })
  t.equal(t.status(r, "kartrekker-opdracht"), "pass", "left to the kartrekker check")
  t.equal(t.status(r, "capaciteit"), "pass", "left to the kartrekker check")
end)

t.case("without a coalitie each check says so; the verkenning's requirements still hold", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.finding(r, { check = "coalitie", missing = "there is no coalitie", severity = "blocking" })
  t.finding(r, { check = "kartrekker", severity = "blocking" })
  t.finding(r, { check = "ervaringsdeskundigen", severity = "advisory" })
  t.finding(r, { check = "aansluiting", severity = "advisory" })
end)

t.case("a regioplan is one region's description, not a standard check", function()
  local r = t.check("kansrijke-start", "coalitie")
  for _, id in ipairs({ "regioplan", "regioplan-inhoud", "vergaderfrequentie", "rondje-lokaal",
      "coalitie-leden" }) do
    t.no_finding(r, { check = id })
    for _, c in ipairs(r.checks) do t.expect(c.id ~= id, "no check " .. id) end
  end
end)
