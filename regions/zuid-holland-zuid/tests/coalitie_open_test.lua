--! fixture: fixtures/coalitie-open
--! lang: en
-- Zuid-Holland Zuid's own coalitie (coalitie.lua), against a small coalition shaped like it
-- that is not complete yet: each gap of the region's own description is named.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("the region's coalitie lacks parents, full huisartsen and a secretary", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.expect(not r.ready, "not ready")
  t.finding(r, { check = "coalitie-leden", missing = "no member from a ouders organisation",
    severity = "blocking" })
  t.finding(r, { check = "coalitie-leden", missing = "no member from a huisartsen organisation" })
  t.finding(r, { check = "coalitie-leden", missing = "has no secretary", severity = "blocking" })
  t.no_finding(r, { check = "coalitie-leden", missing = "has no chair" })
  -- the national check asks only for the gemeenten and another domain, which are there
  t.equal(t.status(r, "coalitie"), "pass", "the standard coalitie check")
end)

t.case("a withdrawn gemeente and one that only agreed block the regioplan", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.finding(r, { check = "regioplan", subject = "gem-kapelle", missing = "withdrew its signature" })
  t.finding(r, { check = "regioplan", subject = "gem-reimerswaal",
    missing = "has not signed (status agreed)" })
  t.no_finding(r, { check = "regioplan", subject = "gem-goes" })
end)

t.case("two meetings a year, a meeting without the local round, no werkagenda: advice", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.finding(r, { check = "vergaderfrequentie", severity = "advisory", missing = "2 times a year" })
  t.finding(r, { check = "rondje-lokaal", severity = "advisory", missing = "2025-10-09" })
  t.no_finding(r, { check = "rondje-lokaal", missing = "2025-03-13" })
  t.finding(r, { check = "regioplan-inhoud", severity = "advisory",
    missing = "does not cover werkagenda" })
end)

t.case("the region's own checks hold on into uitvoering", function()
  local r = t.check("kansrijke-start", "uitvoering")
  t.finding(r, { check = "regioplan", subject = "gem-kapelle", severity = "blocking" })
  t.finding(r, { check = "coalitie-leden", missing = "has no secretary" })
end)
