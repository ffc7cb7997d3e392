--! fixture: fixtures/klaar
--! lang: en
-- A coalition as Zuid-Holland Zuid built it, complete: every check passes.
local t = require "spil.test"
local E = require "spil.engine"
t.today = "2026-01-15"

t.case("every check of every step passes, blocking and advisory", function()
  for _, stap in ipairs({ "verkenning", "coalitie", "uitvoering" }) do
    local r = t.check("kansrijke-start", stap)
    for _, c in ipairs(r.checks) do
      t.equal(c.status, "pass", "step " .. stap .. ", check " .. c.id)
    end
  end
end)

t.case("the steps are verkenning, coalitie, uitvoering", function()
  local p = require "programmes.kansrijke_start"
  local ids = {}
  for _, s in ipairs(p:steps()) do ids[#ids + 1] = s.step.id end
  t.equal(table.concat(ids, " "), "verkenning coalitie uitvoering", "steps")
end)

t.case("a netwerkregisseur is the kartrekker and may advance the coalitie to uitvoering", function()
  local plan = t.advance("kansrijke-start", "regisseur")
  t.expect(plan.allowed, "advance allowed: " .. tostring(plan.reason))
  t.equal(plan.to, "uitvoering", "next step")
end)

t.case("an agenda member is not asked to become a full member when its kind already sits", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.no_finding(r, { subject = "verzekeraar-2" })
end)
