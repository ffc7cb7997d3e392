--! fixture: fixtures/alleen-advies
--! lang: en
-- Every blocking precondition met, only advice left: advice never stands in the way.
local t = require "spil.test"
local E = require "spil.engine"
t.today = "2026-01-15"

t.case("advisory findings do not block any step", function()
  for _, stap in ipairs({ "1-5", "6", "7", "8", "fase-2" }) do
    local r = t.check("kngg", stap)
    t.expect(r.ready, "step " .. stap .. " ready")
    t.equal(r.blocking, 0, "blocking findings in step " .. stap)
    t.expect(r.advisory > 0, "advice in step " .. stap)
  end
end)

t.case("the regiocoordinator may advance from step 8 to fase 2 despite the advice", function()
  local plan = t.advance("kngg", "rc")
  t.expect(plan.allowed, "advance allowed: " .. tostring(plan.reason))
  t.equal(plan.to, "fase-2", "next step")
end)

t.case("missing domains are advice", function()
  local r = t.check("kngg", "7")
  t.equal(t.status(r, "kerngroep-mandaat"), "pass", "every kerngroep member holds a mandate")
  t.finding(r, { check = "domeinen", missing = "ziekenhuis", severity = "advisory" })
  t.finding(r, { check = "domeinen", missing = "paramedici", severity = "advisory" })
  -- an agenda member (the insurer) still represents its domain
  t.no_finding(r, { check = "domeinen", missing = "zorgverzekeraar" })
end)

t.case("support at executing organisations is advice, per missing kind", function()
  local r = t.check("kngg", "6")
  t.finding(r, { check = "draagvlak-uitvoering", missing = "no ziekenhuis", severity = "advisory" })
  t.no_finding(r, { check = "draagvlak-uitvoering", missing = "no huisartsen" })
end)

t.case("indicators outside the RIVM set and no communication task are advice", function()
  local r = t.check("kngg", "8")
  t.finding(r, { check = "indicatoren-bestaande-sets", severity = "advisory" })
  t.finding(r, { check = "communicatie-wie-doet-wat", severity = "advisory" })
  t.equal(t.status(r, "indicatoren"), "pass", "a process and a result indicator")
  t.equal(r.blocking, 0, "blocking findings")
end)

t.case("a municipality that left, an old evaluation and no recent meeting are advice", function()
  local r = t.check("kngg", "fase-2")
  t.finding(r, { check = "bestuurlijk-commitment", subject = "GM0050", severity = "advisory",
    missing = "left the region on 2025-09-30" })
  t.finding(r, { check = "evaluatie", missing = "since 2025-01-15" })
  t.finding(r, { check = "regelmatig-overleg", missing = "since 2025-07-15" })
  t.equal(t.status(r, "communicatie-afspraken"), "pass", "communicatie agreed (from step 8 on)")
end)

t.case("a municipality that left is no longer asked to sign or to have a projectleider", function()
  t.no_finding(t.check("kngg", "6"), { subject = "GM0050" })
  t.no_finding(t.check("kngg", "8"), { subject = "GM0050" })
end)
