--! fixture: fixtures/kaal
--! lang: en
-- A region that has hardly started: each check says what is missing, and what to do.
local t = require "spil.test"
t.today = "2026-01-15"

local FINANCIERING = {}
for _, doel in ipairs({ "rc", "m&e", "training", "communicatie", "materiaal", "czv-indirect" }) do
  FINANCIERING[#FINANCIERING + 1] = { check = "financiering", missing = "no funding is agreed for " .. doel }
end

t.case_table("kngg", {
  { "without a regiocoordinator and with one gemeente the verkenning is not done", step = "1-5",
    ready = false, waiting = { "rc-uren", "opdracht-rc-getoetst" }, -- no RC: they wait for the RC check
    finding = {
      { check = "regiocoordinator", missing = "no regiocoordinator is appointed" },
      { check = "draagvlak-gemeenten", severity = "blocking", missing = "only 1 municipality has joined" } } },
  { "an agreement that ran out is reported as not in force, and counts as none", step = "6",
    finding = {
      { check = "sso-getekend", missing = "is not in force (ended " },
      { check = "sso-bindend", missing = "is not in force (ended " } } },
  { "an agreement in force then was signed and binding then", step = "6", today = "2025-06-01",
    pass = { "sso-getekend", "sso-bindend" } },
  { "without a kerngroep or recorded tasks the project organisation is missing", step = "7",
    finding = {
      { check = "kerngroep", missing = "there is no kerngroep" },
      { check = "stakeholders-vertegenwoordigd", missing = "no samenwerkingsovereenkomst is in force" },
      { check = "taken-rc", missing = "'coördinatie' (strategic)" },
      { check = "taken-lokaal", missing = "'lokale borging' (operational)" },
      { check = "domeinen", missing = "the gemeente domain", severity = "advisory" } } },
  { "step 8 names every unfunded purpose", step = "8",
    finding = FINANCIERING },
  { "step 8 names the missing indicators, agreements and people per gemeente", step = "8",
    finding = {
      { check = "indicatoren", missing = "no process indicator" }, { check = "indicatoren", missing = "no result indicator" },
      { check = "me-afspraken", missing = "covers monitoring" }, { check = "me-afspraken", missing = "covers evaluatie" },
      { check = "communicatie-afspraken", missing = "covers communicatie" },
      { check = "projectleider-per-gemeente", subject = "GM0303" },
      { check = "czv-per-gemeente", subject = "GM0303" } } },
  { "in fase 2 a region without agreed indicators is told that nothing is measured",
    step = "fase-2", finding = { { check = "indicatoren-gemeten", severity = "advisory",
      missing = "no indicator is agreed, so nothing is measured" } } },
})

t.case("a finding carries its citation and a remedy", function()
  local f = t.finding(t.check("kngg", "6"), { check = "sso-getekend" })
  t.equal(f.source, "Leidraad regionale implementatiefase KnGG (2025), stap 6", "source")
  t.expect(type(f.remedy) == "string" and #f.remedy > 0, "a remedy")
end)
