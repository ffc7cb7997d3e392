--! fixture: fixtures/open
-- A coalitie that is not complete yet: each gap is named, and only some of them block.
local t = require "spil.test"
local E = require "spil.engine"
t.today = "2026-01-15"

t.case("the coalitie lacks parents, full huisartsen and a secretary", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.expect(not r.ready, "not ready")
  t.finding(r, { check = "coalitie", missing = "no member from a ouders organisation" })
  t.finding(r, { check = "coalitie", missing = "no member from a huisartsen organisation" })
  t.finding(r, { check = "coalitie", missing = "has no secretary", severity = "blocking" })
  t.no_finding(r, { check = "coalitie", missing = "has no chair" })
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

t.case("a kartrekker without a formal assignment is advice; the verkenning is done", function()
  local r = t.check("kansrijke-start", "verkenning")
  t.expect(r.ready, "advisory findings do not block")
  t.equal(t.status(r, "kartrekker"), "pass", "kartrekker")
  t.finding(r, { check = "kartrekker-opdracht", severity = "advisory",
    missing = "no formal assignment" })
  t.no_finding(r, { check = "kartrekker-opdracht", missing = "hours" })
end)

t.case("funding that is only requested does not count", function()
  local r = t.check("kansrijke-start", "uitvoering")
  t.finding(r, { check = "financiering", missing = "no funding is agreed for rc" })
  t.finding(r, { check = "financiering", missing = "no funding is agreed for programma" })
  t.finding(r, { check = "evaluatie", severity = "advisory" })
  t.finding(r, { check = "indicatoren", severity = "advisory" })
end)

t.case("the regiocoordinator may not advance the coalitie step", function()
  local plan = t.advance("kansrijke-start", "rc")
  t.expect(not plan.allowed, "refused")
  t.expect(plan.reason:find("step coalitie has 5 blocking findings", 1, true), plan.reason)
end)
