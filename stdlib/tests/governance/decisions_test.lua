--! fixture: fixtures/besluiten
--! lang: en
-- The stdlib's governance rules: who counts for a decision, and which themes are regional.
local t = require "spil.test"
local E = require "spil.engine"
local G = require "spil.governance"

local function decision(id)
  for _, d in ipairs(require("spil").decisions()) do
    if d.id == id then return d end
  end
end

t.case("only mandated positions count, every full member is counted; agenda members never", function()
  local ok, reasons, out = G.decision_valid(E.context("2026-01-15"), decision("unaniem"))
  t.expect(ok, table.concat(reasons, "; "))
  t.equal(out.counted, 3, "counted members, the one without a mandate too")
  t.equal(out.present, 2, "positions with a mandate")
  t.equal(out.pending[1], "ggd", "the member without a mandate gives advice")
  t.equal(out.ignored[1], "zk", "the agenda member is ignored")
end)

t.case("a position given with a mandate counts even when the seat has none", function()
  local _, _, out = G.decision_valid(E.context("2026-01-15"), decision("met-mandaat"))
  t.equal(out.counted, 3, "counted members")
  t.equal(out.present, 2, "positions that count")
  t.equal(#out.pending, 0, "nothing pending")
end)

t.case("counting every full member needs a quorum of them", function()
  local ok, reasons = G.decision_valid(E.context("2026-01-15"), decision("met-mandaat"),
    { count = "members", quorum = 1 })
  t.expect(not ok, "quorum of all members not reached")
  t.expect(reasons[1]:find("quorum not reached: 2 of 3", 1, true), reasons[1])
end)

t.case("a theme is regional only when every full member of the body holds it relevant", function()
  local ctx = E.context("2026-01-15")
  local themes = require("spil.data").index(require("spil").themes())
  t.expect(G.theme_regional(ctx, themes.gedeeld, { body = "kerngroep" }), "gedeeld is regional")
  local ok, reasons = G.theme_regional(ctx, themes.half, { body = "kerngroep" })
  t.expect(not ok, "half stays local")
  t.equal(#reasons, 2, "partners without a view")
  t.equal(reasons[1], "GGD Flevoland has not said whether Half thema is relevant")
  t.equal(reasons[2], "Gemeente Lelystad has not said whether Half thema is relevant")
end)

t.case("a member recorded with decides = false has no vote; with decides absent it counts", function()
  local ctx = E.context("2026-01-15")
  local _, _, before = G.decision_valid(ctx, decision("met-mandaat"), { count = "members" })
  local bodies = ctx:list("bodies")
  local d = decision("met-mandaat")
  for _, b in ipairs(bodies) do
    if b.id == d.body then
      for _, m in ipairs(b.members) do
        if m.membership == "member" then m.decides = false; break end
      end
    end
  end
  -- ctx:list gives the context's own rows: the change above is what decision_valid reads.
  local _, _, after = G.decision_valid(ctx, d, { count = "members" })
  t.equal(after.counted, before.counted - 1, "one member fewer counts")
end)

t.case("an organisation's own decision (a collegebesluit) is valid as recorded", function()
  local ok, reasons = G.decision_valid(E.context("2026-01-15"), { id = "college",
    organisation = "gem-a", organ = "college", date = "2025-01-01", kind = "decision" })
  t.expect(ok, table.concat(reasons, "; "))
end)
