--! lang: en
-- Vallei Vitaal & Gezond at its current step (Juiste Zorg op de Juiste Plek, afspraken),
-- against its own region.yaml, and the region's maatwerk (kavel.lua) on variants of that data.
local t = require "spil.test"
local P = require "spil.programme"
local vallei = require "kavel"
t.today = "2026-01-15"

local list = t.rows

local function check_with(sections) return t.check_with("jzojp", "afspraken", sections) end

local function kavel_agreement() return t.row(list("agreements"), "id", "kavelmodel") end

t.case("the current step is afspraken; the one thing that blocks is the zorgkantoor the source "
  .. "does not name", function()
  local r = t.holds(t.check("jzojp"), { blocking = 1, blocks = {
    { check = "regionale-afspraken", subject = "kavelmodel",
      missing = "no organisation of kind zorgkantoor has signed",
      cites = "werkstructuur VNG/ZN 2019" } },
    pass = { "regiocoordinator", "zorgaanbieders", "kavel-partners", "andere-financiering" },
    -- the yearly APK has not been recorded: advice
    finding = { { check = "inzet-en-resultaat", severity = "advisory",
      missing = "geen APK van inzet en resultaat" } } })
  t.equal(r.step, "afspraken", "the current step")
end)

t.case("with a zorgkantoor that signed, the step would be ready", function()
  local orgs = list("organisations")
  orgs[#orgs + 1] = { id = "zorgkantoor", name = "Zorgkantoor (fictief)", kind = "zorgkantoor" }
  local a = kavel_agreement()
  a.parties[#a.parties + 1] = { organisation = "zorgkantoor", status = "signed",
    date = "2025-06-01" }
  local r = check_with { organisations = orgs, agreements = { a } }
  t.expect(r.ready, "afspraken is ready")
  t.equal(#t.findings(r, { check = "regionale-afspraken" }), 0, "regionale-afspraken findings")
end)

t.case("the region's checks are on the afspraken step; the stdlib's jzojp is untouched", function()
  local own, std = {}, {}
  for _, c in ipairs(P.get("jzojp"):find("afspraken").checks) do own[c.id] = true end
  for _, c in ipairs((require "programmes.jzojp"):find("afspraken").checks) do std[c.id] = true end
  for _, id in ipairs({ "kavel-partners", "andere-financiering", "inzet-en-resultaat" }) do
    t.expect(own[id], "the region's afspraken has " .. id)
    t.expect(not std[id], "the stdlib's afspraken has no " .. id)
  end
  -- and they hold on into samenwerken
  local later = {}
  for _, c in ipairs(P.get("jzojp"):find("samenwerken").checks) do later[c.id] = true end
  t.expect(later["kavel-partners"], "kavel-partners holds on into samenwerken")
end)

t.case("a partner left off the agreement is named, though every listed party signed", function()
  local a = kavel_agreement()
  a.parties = t.without(a.parties, function(p) return p.organisation == "pro-persona" end)
  local r = check_with { agreements = { a } }
  t.blocks(r, { check = "kavel-partners", subject = "pro-persona",
    missing = "Pro Persona is geen partij" }, "Vallei Vitaal & Gezond")
  -- the standard check asks only for the parties listed, so it does not see this one
  t.no_finding(r, { check = "regionale-afspraken", subject = "pro-persona" })
end)

t.case("a partner that withdrew, or an agreement that ended, blocks", function()
  local a = kavel_agreement()
  t.row(a.parties, "organisation", "malkander").status = "withdrawn"
  local f = t.blocks(check_with { agreements = { a } }, { check = "kavel-partners",
    subject = "malkander", missing = "status withdrawn" }, "Vallei Vitaal & Gezond")
  t.expect(f.remedy:find("spil sign vallei kavelmodel malkander", 1, true), "the remedy: " .. f.remedy)
  a = kavel_agreement()
  a["until"] = "2025-12-31"
  t.blocks(check_with { agreements = { a } }, { check = "kavel-partners", subject = "kavelmodel",
    missing = "is niet van kracht" }, "Vallei Vitaal & Gezond")
end)

t.case("the insurer's financing must be agreed and come from the insurer", function()
  local f = list("funding")
  f[1].status = "proposed"
  t.blocks(check_with { funding = f }, { check = "andere-financiering", subject = "vallei" },
    "andere financieringsvorm")
  f = list("funding")
  f[1].funder = "gem-ede"
  t.blocks(check_with { funding = f }, { check = "andere-financiering" },
    "andere financieringsvorm")
  f = list("funding")
  f[1].status = "granted"
  t.equal(t.status(check_with { funding = f }, "andere-financiering"), "pass", "granted counts")
end)

t.case("the yearly APK: one within twelve months against the agreement clears the advice",
  function()
  local function apk(date, agreement)
    return { { id = "apk-" .. date:sub(1, 4), date = date, subject = "APK inzet en resultaat",
      agreement = agreement, findings = {}, followups = {} } }
  end
  t.equal(t.status(check_with { evaluations = apk("2025-11-20", "kavelmodel") },
    "inzet-en-resultaat"), "pass", "an APK two months ago")
  -- an older one is advice, and names the APK it found
  t.finding(check_with { evaluations = apk("2024-11-20", "kavelmodel") },
    { check = "inzet-en-resultaat", severity = "advisory",
      missing = "de laatste APK van inzet en resultaat (apk-2024, 2024-11-20) is meer dan 12" })
  -- an evaluation against no agreement is not the APK of the Kavelmodel
  t.finding(check_with { evaluations = apk("2025-11-20", nil) },
    { check = "inzet-en-resultaat", missing = "geen APK" })
end)

t.case("the missing APK is advice: with the zorgkantoor signed the step is ready all the same",
  function()
  local orgs = list("organisations")
  orgs[#orgs + 1] = { id = "zorgkantoor", name = "Zorgkantoor (fictief)", kind = "zorgkantoor" }
  local a = kavel_agreement()
  a.parties[#a.parties + 1] = { organisation = "zorgkantoor", status = "signed" }
  t.advises(check_with { organisations = orgs, agreements = { a } },
    { check = "inzet-en-resultaat", missing = "geen APK" })
end)

t.case("the partners of the module are the seven the source names", function()
  t.equal(#vallei.PARTNERS, 7, "partners")
  local orgs = {}
  for _, o in ipairs(list("organisations")) do orgs[o.id] = o end
  for _, id in ipairs(vallei.PARTNERS) do t.expect(orgs[id], id .. " is an organisation") end
end)
