--! fixture: fixtures/stap-6-open
--! lang: en
-- Step 6 while the samenwerkingsovereenkomst is not complete: what blocks, and what does not.
local t = require "spil.test"
local E = require "spil.engine"
t.today = "2026-01-15"

t.case("blocks leaving step 6 while a gemeente has not signed", function()
  local r = t.check("kngg", "6")
  t.expect(not r.ready, "step 6 is not ready")
  t.finding(r, { check = "sso-getekend", subject = "gem-lelystad", severity = "blocking",
    missing = "has not signed (status invited)" })
end)

t.case("a withdrawn signature undoes it", function()
  local r = t.check("kngg", "6")
  t.finding(r, { check = "sso-getekend", subject = "ggd", severity = "blocking",
    missing = "withdrew its signature" })
  t.no_finding(r, { check = "sso-getekend", subject = "jgz" })
  t.no_finding(r, { check = "sso-getekend", subject = "gem-almere" })
end)

t.case("a candidate municipality need not sign yet, and is named as advice", function()
  local r = t.check("kngg", "6")
  t.no_finding(r, { subject = "gem-zeewolde" })
  t.no_finding(r, { subject = "GM0050" })
  local v = t.check("kngg", "1-5")
  t.finding(v, { check = "kandidaat-gemeenten", subject = "GM0050", severity = "advisory" })
  t.equal(t.status(v, "draagvlak-gemeenten"), "pass", "two members are support in several")
end)

t.case("an agreement without mandaat and besluitvorming is not operationally binding", function()
  local r = t.check("kngg", "6")
  t.finding(r, { check = "sso-bindend", missing = "does not cover mandaat" })
  t.finding(r, { check = "sso-bindend", missing = "does not cover besluitvorming" })
  t.no_finding(r, { check = "sso-bindend", missing = "does not cover financiering" })
end)

t.case("the regiocoordinator may not advance past step 6 while it has blocking findings", function()
  local plan = t.advance("kngg", "rc")
  t.expect(not plan.allowed, "advance refused")
  t.equal(plan.from, "6", "current step")
  -- four of step 6's own, and the RC's missing formal assignment that holds from step 1-5 on
  t.expect(plan.reason:find("step 6 has 5 blocking findings", 1, true), "reason: " .. plan.reason)
  t.finding(plan.result, { check = "regiocoordinator", subject = "rc", severity = "blocking" })
end)

t.case("a regiocoordinator without a formal assignment blocks the end of the verkenning", function()
  local r = t.check("kngg", "1-5")
  t.expect(not r.ready, "steps 1-5 not ready")
  t.finding(r, { check = "regiocoordinator", subject = "rc", severity = "blocking",
    missing = "has no formal assignment" })
  t.finding(r, { check = "rc-uren", severity = "advisory" })
end)

t.case("a missing local projectleider blocks only step 8 (indien aangesteld)", function()
  for _, stap in ipairs({ "6", "7" }) do
    local r = t.check("kngg", stap)
    t.no_finding(r, { missing = "projectleider" })
  end
  local r = t.check("kngg", "8")
  t.finding(r, { check = "projectleider-per-gemeente", subject = "GM0995", severity = "blocking" })
  t.no_finding(r, { check = "projectleider-per-gemeente", subject = "GM0034" })
  t.finding(r, { check = "czv-per-gemeente", subject = "GM0034" })
end)

t.case("a kerngroep of gemeenten alone lacks the executing organisations", function()
  local r = t.check("kngg", "7")
  t.finding(r, { check = "kerngroep", subject = "kerngroep", missing = "has no executing organisation" })
  t.no_finding(r, { check = "kerngroep", missing = "has no member from a gemeente" })
end)

t.case("a party that sits in no body is not represented; the gemeenten are", function()
  local r = t.check("kngg", "7")
  t.finding(r, { check = "stakeholders-vertegenwoordigd", subject = "jgz" })
  t.no_finding(r, { check = "stakeholders-vertegenwoordigd", subject = "gem-lelystad" })
  -- the GGD withdrew: it is no longer a party whose seat is asked for
  t.no_finding(r, { check = "stakeholders-vertegenwoordigd", subject = "ggd" })
end)

t.case("every party needs a recorded task, and the RC's and local tasks are named", function()
  local r = t.check("kngg", "7")
  t.finding(r, { check = "inzet-vastgelegd", subject = "gem-almere" })
  t.finding(r, { check = "taken-rc", missing = "'stakeholdermanagement' (strategic)" })
  t.finding(r, { check = "taken-lokaal", missing = "'registratie' (operational)" })
  t.finding(r, { check = "werkagenda", missing = "no agreement in force covers werkagenda" })
end)

t.case("fase 2's own checks are advice; the earlier steps' requirements still block there", function()
  local r = t.check("kngg", "fase-2")
  t.expect(not r.ready, "the unsigned agreement of step 6 still blocks in fase 2")
  t.finding(r, { check = "sso-getekend", subject = "gem-lelystad", severity = "blocking" })
  t.finding(r, { check = "bestuurlijk-commitment", subject = "ggd", severity = "advisory",
    missing = "withdrew" })
  t.finding(r, { check = "evaluatie", severity = "advisory" })
  for _, id in ipairs({ "evaluatie", "regelmatig-overleg", "bestuurlijk-commitment",
      "indicatoren-gemeten" }) do
    t.no_finding(r, { check = id, severity = "blocking" })
  end
end)
