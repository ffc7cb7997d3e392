--! lang: en
-- Governance maatwerk of Zuid-Holland Zuid (rules.lua), against the region's own region.yaml:
-- only mandated full members decide, agendaleden never count, and advice given without
-- mandate waits for each organisation's own decision.
local t = require "spil.test"
local P = require "spil.programme"
local E = require "spil.engine"
local G = require "spil.governance"
local zhz = require "rules"
t.today = "2026-01-15"

-- The region's decision_valid rule, as the engine would pick it, and a context to call it.
local function rule()
  return G.rule(P.get("kansrijke-start"), "decision_valid"), E.context(t.today)
end

local function decision(id) return t.row(t.rows("decisions"), "id", id) end

local function contains(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

t.case("the region's own rule replaces the stdlib default", function()
  local valid = rule()
  t.expect(valid == zhz.decision_valid, "decision_valid is the region's")
  t.expect(valid ~= G.decision_valid, "not the stdlib default")
end)

t.case("only mandated positions count, against every voting member", function()
  local valid, ctx = rule()
  -- advies-memo-spuk: six positions, only the parent representatives hold a mandate
  local ok, reasons, out = valid(ctx, decision("advies-memo-spuk"))
  t.equal(out.counted, 18, "counted members: every full member with a vote")
  t.equal(out.present, 1, "mandated positions")
  t.expect(not ok, "one mandated member does not decide for eighteen")
  t.equal(reasons[1], "quorum not reached: 1 of 18 voting members took a position with a mandate, 9 needed")
  for _, id in ipairs({ "gem-dordrecht", "gem-gorinchem", "gem-hoeksche-waard", "dgj", "jong-jgz" }) do
    t.expect(contains(out.pending, id), id .. " is pending (advice back to its organisation)")
  end
  t.expect(not contains(out.pending, "ouders"), "ouders decided with mandate")
  -- ten unmandated gemeenten against do not outvote one mandated member for
  local d = { id = "x", body = "coalitie", kind = "decision", outcome = "adopted", positions = {
    { organisation = "ouders", position = "for", mandate = true } } }
  for _, g in ipairs({ "gem-dordrecht", "gem-gorinchem", "gem-sliedrecht", "gem-zwijndrecht" }) do
    d.positions[#d.positions + 1] = { organisation = g, position = "against", mandate = false }
  end
  ok, reasons, out = valid(ctx, d, { quorum = 0 })
  t.expect(ok, "the against positions without mandate do not count")
  t.equal(out.against, 0, "no counted position against")
  t.equal(#out.pending, 4, "the four gemeenten are pending")
  -- a position recorded with mandate counts even where the seat has none
  d.positions[2].mandate = true
  ok, reasons, out = valid(ctx, d, { quorum = 0 })
  t.equal(out.present, 2, "counted positions once Dordrecht speaks with mandate")
  t.expect(not ok, "one for, one against: not adopted")
end)

t.case("the helper decision_members lists the mandated full members only", function()
  local members = zhz.decision_members("coalitie")
  t.equal(#members, 1, "mandated full members")
  t.equal(members[1].organisation, "ouders", "the one mandated member")
  local none, err = zhz.decision_members("stuurgroep")
  t.expect(none == nil and err:find("no body", 1, true), "an unknown body is named")
end)

t.case("agendaleden never count, even with a mandate", function()
  local valid, ctx = rule()
  local d = { id = "x", body = "coalitie", kind = "decision", outcome = "adopted", positions = {
    { organisation = "ouders", position = "for", mandate = true },
    { organisation = "zilveren-kruis", position = "against", mandate = true },
    { organisation = "ha-koepel-2", position = "objection", mandate = true } } }
  local ok, reasons, out = valid(ctx, d, { quorum = 0 })
  t.expect(ok, "agenda members' objections do not block: " .. table.concat(reasons, "; "))
  t.equal(out.present, 1, "counted positions")
  t.equal(out.against, 0, "counted positions against")
  t.expect(contains(out.ignored, "zilveren-kruis"), "zilveren-kruis ignored")
  t.expect(not contains(out.pending, "zilveren-kruis"), "an agendalid is never pending either")
  -- with only agendaleden speaking, nothing is decided
  ok, reasons = valid(ctx, { id = "y", body = "coalitie", kind = "decision", positions = {
    { organisation = "zilveren-kruis", position = "for", mandate = true } } })
  t.expect(not ok, "agendaleden alone cannot decide")
  t.equal(reasons[1], "no member of Regionale coalitie Kansrijke Start spoke with a mandate")
end)

t.case("pending advice blocks the coalitie step and names each organisation", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.expect(not r.ready, "the step is not ready")
  t.equal(t.status(r, "besluiten-afgerond"), "fail", "besluiten-afgerond")
  for _, id in ipairs({ "gem-dordrecht", "gem-gorinchem", "gem-hoeksche-waard", "dgj", "jong-jgz" }) do
    local f = t.finding(r, { check = "besluiten-afgerond", subject = id, severity = "blocking" })
    t.expect(f.remedy:find("decision-maker", 1, true), "the remedy sends it to the decision-maker")
    t.expect(f.missing:find("advies-memo-spuk", 1, true), "the finding names the advice")
  end
  t.equal(#t.findings(r, { check = "besluiten-afgerond" }), 5, "one finding per organisation")
  t.no_finding(r, { check = "besluiten-afgerond", subject = "ouders" })
  t.no_finding(r, { check = "besluiten-afgerond", subject = "zilveren-kruis" })
end)
