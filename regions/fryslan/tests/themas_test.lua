--! lang: en
-- Fryslân's maatwerk (themas.lua): a theme is regional only when every partner (full member
-- of the provincial coalitie) holds it relevant, and only regional themes are checked.
--
-- Variants of the data (one partner saying no) replace the themes in the check context. A
-- fixture folder cannot serve here: spil only runs the scripts listed in a fixture's own
-- region.yaml and refuses scripts outside its folder, so it would test a copy of themas.lua.
local t = require "spil.test"
local P = require "spil.programme"
local E = require "spil.engine"
local G = require "spil.governance"
local fr = require "themas"
t.today = "2026-01-15"

local check_with = t.check_with

-- The region's themes, with theme `id`'s view of partner `org` set to `relevant`.
local function themes_with(id, org, relevant)
  local out = {}
  for _, th in ipairs(t.rows("themes")) do
    if th.id == id then
      local found = false
      for _, r in ipairs(th.relevance) do
        if r.organisation == org then r.relevant, found = relevant, true end
      end
      if not found then th.relevance[#th.relevance + 1] = { organisation = org, relevant = relevant } end
    end
    out[#out + 1] = th
  end
  return out
end

local function theme(id)
  return t.row(t.rows("themes"), "id", id)
end

local function regional(th)
  return G.rule(P.get("kansrijke-start"), "theme_regional")(E.context(t.today), th)
end

t.case("the partners are the 23 full members of the coalitie, not the agendalid", function()
  local partners = fr.partners(E.context(t.today))
  t.equal(#partners, 23, "partners: 18 gemeenten, GGD, JGZ, De Friesland, two VSVs")
  for _, id in ipairs(partners) do t.expect(id ~= "provincie", "the province is no partner") end
  t.expect(G.rule(P.get("kansrijke-start"), "theme_regional") == fr.theme_regional,
    "theme_regional is the region's own rule")
end)

t.case("a theme relevant to all partners is regional", function()
  t.expect(regional(theme("kwetsbare-zwangeren")), "kwetsbare zwangeren is regional")
  t.expect(regional(theme("werken-met-data")), "werken met data is regional")
end)

t.case("one partner saying no, or not saying anything, keeps a theme local", function()
  local ok, reasons = regional(theme("ouderbetrokkenheid"))
  t.expect(not ok, "ouderbetrokkenheid is local")
  t.equal(#reasons, 2, "two partners said no")
  t.expect(reasons[1]:find("Schiermonnikoog", 1, true), "the reason names the partner: " .. reasons[1])
  ok, reasons = regional(theme("bestaanszekerheid"))
  t.expect(not ok, "bestaanszekerheid is local")
  t.expect(#reasons >= 20, "every partner without a view is named")
end)

t.case("an agendalid's no, or a non-partner's yes, changes nothing", function()
  local th = theme("werken-met-data")
  th.relevance[#th.relevance + 1] = { organisation = "provincie", relevant = false }
  t.expect(regional(th), "the province's no does not make it local")
  th = theme("ouderbetrokkenheid")
  th.relevance[#th.relevance + 1] = { organisation = "provincie", relevant = true }
  t.expect(not regional(th), "the province's yes does not make it regional")
end)

t.case("a regional theme without a trekker is a finding; one with a trekker is not", function()
  local r = t.holds(t.check("kansrijke-start", "coalitie"), { fail = { "regionaal-thema-belegd" },
    no_finding = { { check = "regionaal-thema-belegd", subject = "kwetsbare-zwangeren" } } })
  local f = t.finding(r, { check = "regionaal-thema-belegd", subject = "werken-met-data",
    severity = "blocking", missing = "Werken met data has no regional trekker" })
  t.expect(f.remedy:find("level: strategic", 1, true), "the remedy says how to record it")
end)

t.case("local themes are not checked, though nobody trekt them regionally", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.no_finding(r, { check = "regionaal-thema-belegd", subject = "ouderbetrokkenheid" })
  t.no_finding(r, { check = "regionaal-thema-belegd", subject = "bestaanszekerheid" })
  t.equal(#t.findings(r, { check = "regionaal-thema-belegd" }), 1, "findings: werken met data only")
end)

t.case("when one partner says no, werken met data becomes local and unchecked", function()
  local r = check_with("kansrijke-start", "coalitie",
    { themes = themes_with("werken-met-data", "gem-vlieland", false) })
  t.equal(t.status(r, "regionaal-thema-belegd"), "pass", "regionaal-thema-belegd")
end)

t.case("when the last partner says yes, ouderbetrokkenheid becomes regional and checked", function()
  local themes = themes_with("ouderbetrokkenheid", "gem-schiermonnikoog", true)
  local r = check_with("kansrijke-start", "coalitie", { themes = themes })
  t.no_finding(r, { check = "regionaal-thema-belegd", subject = "ouderbetrokkenheid" })
  for _, th in ipairs(themes) do
    if th.id == "ouderbetrokkenheid" then
      for _, v in ipairs(th.relevance) do v.relevant = true end
    end
  end
  r = check_with("kansrijke-start", "coalitie", { themes = themes })
  t.finding(r, { check = "regionaal-thema-belegd", subject = "ouderbetrokkenheid",
    severity = "blocking" })
end)

t.case_table("kansrijke-start", {
  { "no themes recorded: the choice of regional themes is not made, and that blocks",
    step = "coalitie", with = { themes = {} }, ready = false,
    blocks = { { check = "regionaal-thema-belegd", subject = "fryslan",
      missing = "no themes are recorded", cites = "alle partners relevant" } } },
  { "no coalitie: there are no partners to choose, so the check waits for the coalitie check",
    step = "coalitie", with = { bodies = {} }, fail = { "coalitie" },
    waiting = { "regionaal-thema-belegd" } },
})
