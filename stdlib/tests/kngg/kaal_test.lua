--! fixture: fixtures/kaal
--! lang: en
-- A region that has hardly started: each check says what is missing, and what to do.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("without a regiocoordinator and with one gemeente the verkenning is not done", function()
  local r = t.check("kngg", "1-5")
  t.expect(not r.ready, "not ready")
  t.finding(r, { check = "regiocoordinator", missing = "no regiocoordinator is appointed" })
  t.finding(r, { check = "draagvlak-gemeenten", severity = "blocking",
    missing = "only 1 municipality has joined" })
  t.equal(t.status(r, "rc-uren"), "pass", "no RC: the hours check leaves it to the RC check")
end)

t.case("an agreement that ran out is reported as not in force, and counts as none", function()
  local r = t.check("kngg", "6")
  t.finding(r, { check = "sso-getekend", missing = "is not in force (ended " })
  t.finding(r, { check = "sso-bindend", missing = "is not in force (ended " })
  local before = t.today
  t.today = "2025-06-01"
  local then_ = t.check("kngg", "6")
  t.today = before
  t.equal(t.status(then_, "sso-getekend"), "pass", "signed while in force")
  t.equal(t.status(then_, "sso-bindend"), "pass", "binding while in force")
end)

t.case("without a kerngroep or recorded tasks the project organisation is missing", function()
  local r = t.check("kngg", "7")
  t.finding(r, { check = "kerngroep", missing = "there is no kerngroep" })
  t.finding(r, { check = "stakeholders-vertegenwoordigd",
    missing = "no samenwerkingsovereenkomst is in force" })
  t.finding(r, { check = "taken-rc", missing = "'coördinatie' (strategic)" })
  t.finding(r, { check = "taken-lokaal", missing = "'lokale borging' (operational)" })
  t.finding(r, { check = "domeinen", missing = "the gemeente domain", severity = "advisory" })
end)

t.case("step 8 names every unfunded purpose and the missing indicators", function()
  local r = t.check("kngg", "8")
  for _, doel in ipairs({ "rc", "m&e", "training", "communicatie", "materiaal", "czv-indirect" }) do
    t.finding(r, { check = "financiering", missing = "no funding is agreed for " .. doel })
  end
  t.finding(r, { check = "indicatoren", missing = "no process indicator" })
  t.finding(r, { check = "indicatoren", missing = "no result indicator" })
  t.finding(r, { check = "me-afspraken", missing = "covers monitoring" })
  t.finding(r, { check = "me-afspraken", missing = "covers evaluatie" })
  t.finding(r, { check = "communicatie-afspraken", missing = "covers communicatie" })
  t.finding(r, { check = "projectleider-per-gemeente", subject = "GM0303" })
  t.finding(r, { check = "czv-per-gemeente", subject = "GM0303" })
end)

t.case("a finding carries its citation and a remedy", function()
  local r = t.check("kngg", "6")
  local f = t.finding(r, { check = "sso-getekend" })
  t.equal(f.source, "Leidraad regionale implementatiefase KnGG (2025), stap 6", "source")
  t.expect(type(f.remedy) == "string" and #f.remedy > 0, "a remedy")
end)

t.case("in fase 2 a region without agreed indicators is told that nothing is measured", function()
  t.finding(t.check("kngg", "fase-2"), { check = "indicatoren-gemeten", severity = "advisory",
    missing = "no indicator is agreed, so nothing is measured" })
end)
