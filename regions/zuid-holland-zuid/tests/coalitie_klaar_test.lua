--! fixture: fixtures/coalitie-klaar
--! lang: en
-- Zuid-Holland Zuid's own coalitie (coalitie.lua), against a coalition built as the region
-- describes its own: every check of the region's Kansrijke Start passes at every step.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("every check of every step passes, the region's own included", function()
  for _, stap in ipairs({ "verkenning", "coalitie", "uitvoering" }) do
    local r = t.check("kansrijke-start", stap)
    for _, c in ipairs(r.checks) do
      t.equal(c.status, "pass", "step " .. stap .. ", check " .. c.id)
    end
    t.expect(r.ready, "step " .. stap .. " ready")
  end
  local r = t.check("kansrijke-start", "coalitie")
  for _, id in ipairs({ "coalitie-leden", "vergaderfrequentie", "rondje-lokaal", "regioplan",
      "regioplan-inhoud", "besluiten-afgerond" }) do
    t.equal(t.status(r, id), "pass", id)
  end
end)
