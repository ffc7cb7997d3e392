--! fixture: fixtures/zonder-opdracht
--! lang: en
-- Without a bestuurlijke opdracht a JZOJP region can still go on: the VNG text says it
-- "kan helpen", not that it is required.
local t = require "spil.test"
local E = require "spil.engine"
t.today = "2026-01-15"

t.case("a missing bestuurlijke opdracht is advice, and does not block", function()
  local r = t.check("jzojp", "regiocoordinator")
  t.expect(r.ready, "ready")
  t.finding(r, { check = "bestuurlijke-opdracht", severity = "advisory",
    missing = "no bestuurlijke-opdracht is recorded" })
  t.finding(r, { check = "bestuurlijk-aanspreekpunt", severity = "advisory" })
end)

t.case("an RC without a formal assignment suffices for JZOJP but not for KnGG", function()
  t.equal(t.status(t.check("jzojp", "regiocoordinator"), "regiocoordinator"), "pass", "jzojp")
  t.finding(t.check("kngg", "1-5"), { check = "regiocoordinator", severity = "blocking",
    missing = "has no formal assignment" })
end)

t.case("the RC may advance to samenwerken with only advice open", function()
  local plan = t.advance("jzojp", "rc")
  t.expect(plan.allowed, "advance allowed: " .. tostring(plan.reason))
  t.equal(plan.to, "samenwerken", "next step")
  t.expect(plan.result.advisory > 0, "advice was given")
end)

t.case("monitoring and joint RC funding are advice", function()
  local r = t.check("jzojp", "afspraken")
  t.finding(r, { check = "monitoring-afgesproken", subject = "convenant", severity = "advisory" })
  t.finding(r, { check = "rc-gezamenlijk-gefinancierd", severity = "advisory" })
  t.equal(t.status(r, "regionale-afspraken"), "pass", "signed by gemeenten and both financiers")
end)

t.case("no evaluation and no indicators are advice in the last step", function()
  local r = t.check("jzojp", "samenwerken")
  t.finding(r, { check = "jaarlijkse-evaluatie", missing = "no evaluation", severity = "advisory" })
  t.finding(r, { check = "voortgang-gemonitord", missing = "no indicators", severity = "advisory" })
end)

t.case("once the collaboration runs, its goals must be in a bestuurlijke opdracht", function()
  -- "De gestelde doelen moeten uiteindelijk in een bestuurlijke opdracht worden vastgelegd"
  local r = t.check("jzojp", "samenwerken")
  t.expect(not r.ready, "not ready")
  local f = t.finding(r, { check = "doelen-vastgelegd", severity = "blocking",
    subject = "drenthe-noord-zonder", missing = "no bestuurlijke-opdracht is recorded" })
  t.expect(f.remedy:find("topics: doel", 1, true), "the remedy says how: " .. f.remedy)
  t.equal(#t.findings(r, { severity = "blocking" }), 1, "the only blocking finding")
end)

t.case("the last step cannot be left", function()
  local p = require "programmes.jzojp"
  t.equal(p:next("samenwerken"), nil, "no step after samenwerken")
end)
