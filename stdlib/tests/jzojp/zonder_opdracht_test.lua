--! fixture: fixtures/zonder-opdracht
--! lang: en
-- Without a bestuurlijke opdracht a JZOJP region can still go on: the VNG text says it
-- "kan helpen", not that it is required.
local t = require "spil.test"
t.today = "2026-01-15"

t.case_table("jzojp", {
  { "a missing bestuurlijke opdracht is advice, and does not block", step = "regiocoordinator",
    ready = true, finding = {
      { check = "bestuurlijke-opdracht", severity = "advisory",
        missing = "no bestuurlijke-opdracht is recorded" },
      { check = "bestuurlijk-aanspreekpunt", severity = "advisory" } } },
  { "monitoring and joint RC funding are advice", step = "afspraken",
    pass = { "regionale-afspraken" }, -- signed by gemeenten and both financiers
    finding = {
      { check = "monitoring-afgesproken", subject = "convenant", severity = "advisory" },
      { check = "rc-gezamenlijk-gefinancierd", severity = "advisory" } } },
  { "no evaluation and no indicators are advice in the last step", step = "samenwerken",
    finding = {
      { check = "jaarlijkse-evaluatie", missing = "no evaluation", severity = "advisory" },
      { check = "voortgang-gemonitord", missing = "no indicators", severity = "advisory" } } },
})

t.case("an RC without a formal assignment suffices for JZOJP but not for KnGG", function()
  t.holds(t.check("jzojp", "regiocoordinator"), { pass = { "regiocoordinator" } })
  t.finding(t.check("kngg", "1-5"), { check = "regiocoordinator", severity = "blocking",
    missing = "has no formal assignment" })
end)

t.case("the RC may advance to samenwerken with only advice open", function()
  local plan = t.may_advance("jzojp", "rc", "samenwerken")
  t.expect(plan.result.advisory > 0, "advice was given")
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
