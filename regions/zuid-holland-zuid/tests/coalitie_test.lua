--! lang: en
-- Readiness of the coalitie step for Zuid-Holland Zuid, against the region's own region.yaml.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("the coalitie body has members from every required kind and a chair", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.equal(t.status(r, "coalitie"), "pass", "coalitie check")
end)

t.case("the regioplan blocks while partners have only agreed or been invited", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.expect(not r.ready, "the step is not ready")
  t.finding(r, { check = "regioplan", subject = "gem-dordrecht", severity = "blocking" })
  t.finding(r, { check = "regioplan", missing = "has not signed (status invited)" })
end)

-- Schema 3 facts of the source, in region.yaml.
local E = require "spil.engine"
local G = require "spil.governance"
local P = require "spil.programme"

local function coalitie() return t.row(t.rows("bodies"), "id", "coalitie") end

t.case("the GGD is secretary; the full members have a say without a mandate, agendaleden none",
  function()
  local b = coalitie()
  local n = 0
  for _, m in ipairs(b.members) do
    if m.organisation == "dgj" then t.equal(m["function"], "secretary", "the GGD's function") end
    if m.membership == "member" then
      t.equal(m.decides, true, m.organisation .. " takes part in the coalitie's advice")
      if m.organisation ~= "ouders" then
        t.equal(m.mandate, false, m.organisation .. " has no mandate")
      end
      if m.organisation:find("^gem%-") then
        n = n + 1
        t.equal(m.level, "beleid", m.organisation .. " sends its beleidsmedewerker")
      end
    else
      t.equal(m.decides, false, m.organisation .. " (agendalid) does not decide")
    end
  end
  t.equal(n, 10, "the ten gemeenten")
end)

t.case("having a say without a mandate is advice that goes back; no say at all is ignored",
  function()
  local b = coalitie()
  local d = { id = "x", body = "coalitie", kind = "advice", outcome = "pending", positions = {
    { organisation = "vgz", position = "for" }, { organisation = "ouders", position = "for" } } }
  local valid = G.rule(P.get("kansrijke-start"), "decision_valid")
  local ctx = E.context(t.today)
  local _, _, out = valid(ctx, d)
  t.equal(out.pending[1], "vgz", "VGZ's say goes back to VGZ's own decision-maker")
  for _, m in ipairs(b.members) do
    if m.organisation == "vgz" then m.decides = false end
  end
  ctx = E.context(t.today)
  local list = ctx.list
  ctx.list = function(self, section)
    if section == "bodies" then return { b } end
    return list(self, section)
  end
  _, _, out = valid(ctx, d)
  t.equal(#out.pending, 0, "recorded without a say, VGZ is not waited for")
  t.equal(out.ignored[1], "vgz", "its position is ignored")
end)

t.case("the kartrekker's place is still open in the source: no formal assignment, no hours",
  function()
  local r = t.check("kansrijke-start", "coalitie")
  t.blocks(r, { check = "kartrekker-opdracht", subject = "voorzitter" }, "formele opdracht")
  t.blocks(r, { check = "capaciteit" }, "capaciteit")
  t.equal(t.status(r, "kartrekker"), "pass", "the netwerkregisseur is the kartrekker")
end)
