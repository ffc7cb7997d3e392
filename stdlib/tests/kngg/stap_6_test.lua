--! fixture: fixtures/stap-6-open
--! lang: en
-- Step 6 while the samenwerkingsovereenkomst is not complete: what blocks, and what does not.
local t = require "spil.test"
t.today = "2026-01-15"

t.case_table("kngg", {
  { "blocks leaving step 6 while a gemeente has not signed", step = "6", ready = false,
    finding = { { check = "sso-getekend", subject = "gem-lelystad", severity = "blocking",
      missing = "has not signed (status invited)" } } },
  { "a withdrawn signature undoes it", step = "6",
    finding = { { check = "sso-getekend", subject = "ggd", severity = "blocking",
      missing = "withdrew its signature" } },
    no_finding = { { check = "sso-getekend", subject = "jgz" },
      { check = "sso-getekend", subject = "gem-almere" } } },
  { "a candidate municipality need not sign yet", step = "6",
    no_finding = { { subject = "gem-zeewolde" }, { subject = "GM0050" } } },
  { "a candidate municipality is named as advice", step = "1-5",
    pass = { "draagvlak-gemeenten" }, -- two members are support in several
    finding = { { check = "kandidaat-gemeenten", subject = "GM0050", severity = "advisory" } } },
  { "an agreement without mandaat and besluitvorming is not operationally binding", step = "6",
    finding = { { check = "sso-bindend", missing = "does not cover mandaat" },
      { check = "sso-bindend", missing = "does not cover besluitvorming" } },
    no_finding = { { check = "sso-bindend", missing = "does not cover financiering" } } },
  { "a regiocoordinator without a formal assignment blocks the end of the verkenning",
    step = "1-5", ready = false,
    finding = { { check = "regiocoordinator", subject = "rc", severity = "blocking",
      missing = "has no formal assignment" }, { check = "rc-uren", severity = "advisory" } } },
  { "a missing local projectleider does not block step 6", step = "6",
    no_finding = { { missing = "projectleider" } } },
  { "a missing local projectleider does not block step 7", step = "7",
    no_finding = { { missing = "projectleider" } } },
  { "a missing local projectleider blocks step 8 (indien aangesteld)", step = "8",
    finding = { { check = "projectleider-per-gemeente", subject = "GM0995", severity = "blocking" },
      { check = "czv-per-gemeente", subject = "GM0034" } },
    no_finding = { { check = "projectleider-per-gemeente", subject = "GM0034" } } },
  { "a kerngroep of gemeenten alone lacks the executing organisations", step = "7",
    finding = { { check = "kerngroep", subject = "kerngroep", missing = "has no executing organisation" } },
    no_finding = { { check = "kerngroep", missing = "has no member from a gemeente" } } },
  { "a party that sits in no body is not represented; the gemeenten are", step = "7",
    finding = { { check = "stakeholders-vertegenwoordigd", subject = "jgz" } },
    no_finding = { { check = "stakeholders-vertegenwoordigd", subject = "gem-lelystad" },
      -- the GGD withdrew: it is no longer a party whose seat is asked for
      { check = "stakeholders-vertegenwoordigd", subject = "ggd" } } },
  { "every party needs a recorded task, and the RC's and local tasks are named", step = "7",
    finding = { { check = "inzet-vastgelegd", subject = "gem-almere" },
      { check = "taken-rc", missing = "'stakeholdermanagement' (strategic)" },
      { check = "taken-lokaal", missing = "'registratie' (operational)" },
      { check = "werkagenda", missing = "no agreement in force covers werkagenda" } } },
  { "fase 2's own checks are advice; the earlier steps' requirements still block there",
    step = "fase-2", ready = false, -- the unsigned agreement of step 6 still blocks in fase 2
    finding = { { check = "sso-getekend", subject = "gem-lelystad", severity = "blocking" },
      { check = "bestuurlijk-commitment", subject = "ggd", severity = "advisory", missing = "withdrew" },
      { check = "evaluatie", severity = "advisory" } },
    no_finding = { { check = "evaluatie", severity = "blocking" },
      { check = "regelmatig-overleg", severity = "blocking" },
      { check = "bestuurlijk-commitment", severity = "blocking" },
      { check = "indicatoren-gemeten", severity = "blocking" } } },
})

t.case("the regiocoordinator may not advance past step 6 while it has blocking findings", function()
  local plan = t.advance("kngg", "rc")
  t.expect(not plan.allowed, "advance refused")
  t.equal(plan.from, "6", "current step")
  -- four of step 6's own, and the RC's missing formal assignment that holds from step 1-5 on
  t.expect(plan.reason:find("step 6 has 5 blocking findings", 1, true), "reason: " .. plan.reason)
  t.finding(plan.result, { check = "regiocoordinator", subject = "rc", severity = "blocking" })
end)
