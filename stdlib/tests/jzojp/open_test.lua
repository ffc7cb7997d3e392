--! fixture: fixtures/open
--! lang: en
-- A JZOJP region without an RC and with incomplete agreements.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("without an RC the first step is not done", function()
  local r = t.check("jzojp", "regiocoordinator")
  t.expect(not r.ready, "not ready")
  t.finding(r, { check = "regiocoordinator", severity = "blocking",
    missing = "no regiocoordinator is appointed" })
end)

t.case("an opdracht without RC financing and council involvement is named topic by topic", function()
  local r = t.check("jzojp", "regiocoordinator")
  t.finding(r, { check = "bestuurlijke-opdracht", subject = "opdracht", severity = "advisory",
    missing = "does not cover financiering-rc" })
  t.finding(r, { check = "bestuurlijke-opdracht", missing = "does not cover raadsbetrokkenheid" })
  t.no_finding(r, { check = "bestuurlijke-opdracht", missing = "does not cover doel" })
  t.equal(r.blocking, 1, "only the missing RC blocks")
end)

t.case("a declined gemeente, a gemeente left out and no zorgkantoor block the afspraken", function()
  local r = t.check("jzojp", "afspraken")
  t.expect(not r.ready, "not ready")
  t.finding(r, { check = "regionale-afspraken", subject = "gem-tynaarlo", missing = "declined" })
  t.finding(r, { check = "regionale-afspraken", subject = "GM1680", missing = "is not a party" })
  t.finding(r, { check = "regionale-afspraken", missing = "no organisation of kind zorgkantoor" })
  t.no_finding(r, { check = "regionale-afspraken", missing = "kind zorgverzekeraar" })
end)

t.case("any form of regional agreement counts; a bestuurlijke opdracht is not one", function()
  local r = t.check("jzojp", "afspraken")
  t.no_finding(r, { check = "regionale-afspraken", missing = "no regional agreement" })
  t.equal(t.status(r, "monitoring-afgesproken"), "pass", "the samenwerkingsovereenkomst covers monitoring")
end)
