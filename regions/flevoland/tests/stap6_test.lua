--! lang: en
-- Flevoland's KnGG (subregio.lua): the standard step 6 plus the region's own check that every
-- participating gemeente has a bestuurlijk aanspreekpunt; candidates are not asked yet.
local t = require "spil.test"
local P = require "spil.programme"
t.today = "2026-01-15"

local check_with = t.check_with

local function check_ids(p, step)
  local ids = {}
  for _, c in ipairs(p:find(step).checks) do ids[c.id] = true end
  return ids
end

t.case("the region's check is part of step 6, after the standard ones", function()
  local checks = P.get("kngg"):find("6").checks
  t.equal(checks[#checks].id, "bestuurlijk-aanspreekpunt", "the last check of step 6")
  local own = check_ids(P.get("kngg"), "6")
  t.expect(own["bestuurlijk-aanspreekpunt"], "step 6 has bestuurlijk-aanspreekpunt")
  local std = check_ids(require "programmes.kngg", "6")
  t.expect(not std["bestuurlijk-aanspreekpunt"], "the stdlib's kngg is left untouched")
  for id in pairs(std) do t.expect(own[id], "the standard check " .. id .. " is still there") end
end)

t.case("the region's check reports the member gemeente without an aanspreekpunt", function()
  local r = t.holds(t.check("kngg", "6"), { ready = false, fail = { "bestuurlijk-aanspreekpunt" },
    no_finding = { { check = "bestuurlijk-aanspreekpunt", subject = "GM0034" } } })
  t.equal(r.step, "6", "the current step")
  local f = t.finding(r, { check = "bestuurlijk-aanspreekpunt", subject = "GM0050",
    severity = "blocking", missing = "Zeewolde has no bestuurlijk-aanspreekpunt" })
  t.expect(f.remedy:find("GM0050", 1, true), "the remedy names the municipality code")
end)

t.case_table("kngg", {
  { "the standard KnGG checks of step 6 still run", step = "6", fail = { "sso-getekend" },
    pass = { "sso-bindend", "draagvlak-uitvoering" }, finding = {
      { check = "sso-getekend", subject = "flevoziekenhuis", severity = "blocking",
        missing = "has not signed (status agreed)" } } },
})

t.case("candidate municipalities are asked neither to sign nor to name an aanspreekpunt", function()
  local r = t.check("kngg", "6")
  for _, code in ipairs({ "GM0303", "GM0995", "GM0171", "GM0184" }) do
    t.no_finding(r, { subject = code })
  end
  for _, id in ipairs({ "gem-dronten", "gem-lelystad", "gem-noordoostpolder", "gem-urk" }) do
    t.no_finding(r, { subject = id })
  end
  -- the standard KnGG names them on step 1-5, as advice only
  local v = t.check("kngg", "1-5")
  t.finding(v, { check = "kandidaat-gemeenten", subject = "GM0995", severity = "advisory" })
end)

t.case("once Lelystad joins as a member, it must sign and name an aanspreekpunt", function()
  local ms = t.rows("municipalities")
  t.row(ms, "code", "GM0995").status = "member"
  local r = check_with("kngg", "6", { municipalities = ms })
  t.finding(r, { check = "sso-getekend", subject = "GM0995",
    missing = "Lelystad is not a party" })
  t.finding(r, { check = "bestuurlijk-aanspreekpunt", subject = "GM0995", severity = "blocking" })
  t.no_finding(r, { subject = "GM0303" })
end)

t.case_table("kngg", {
  -- the RC's assignment has its tasks (schema 3), and both colleges decided to join
  { "at step 6 exactly the two gaps of the data block: the hospital's signature and "
    .. "Zeewolde's aanspreekpunt", blocking = 2,
    pass = { "regiocoordinator", "besluit-deelname", "besluit-deelname-vastgelegd" } },
})

t.case("Zeewolde's college decision pending blocks; left unrecorded it is advice", function()
  local ds = t.rows("decisions")
  t.row(ds, "id", "deelname-zeewolde").outcome = "pending"
  t.blocks(check_with("kngg", "6", { decisions = ds }), { check = "besluit-deelname",
    subject = "GM0050" }, "Leidraad regionale implementatiefase KnGG")
  local r = check_with("kngg", "6", { decisions = { t.row(ds, "id", "deelname-almere") } })
  t.finding(r, { check = "besluit-deelname-vastgelegd", subject = "GM0050", severity = "advisory" })
  t.no_finding(r, { check = "besluit-deelname-vastgelegd", subject = "GM0034" })
end)
