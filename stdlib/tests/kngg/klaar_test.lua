--! fixture: fixtures/klaar
--! lang: en
-- A region where every precondition is in place: each check passes, each step is ready.
local t = require "spil.test"
local E = require "spil.engine"
t.today = "2026-01-15"

local STAPPEN = { "1-5", "6", "7", "8", "fase-2" }

t.case("every check of every step passes, blocking and advisory", function()
  for _, stap in ipairs(STAPPEN) do
    local r = t.check("kngg", stap)
    for _, c in ipairs(r.checks) do
      t.equal(c.status, "pass", "step " .. stap .. ", check " .. c.id)
    end
    t.expect(r.ready, "step " .. stap .. " ready")
  end
end)

t.case("the programme has the steps of the guidance in order", function()
  local p = require "programmes.kngg"
  local ids = {}
  for _, s in ipairs(p:steps()) do ids[#ids + 1] = s.step.id end
  t.equal(table.concat(ids, " "), "1-5 6 7 8 fase-2", "steps")
  t.equal(p:next("6").id, "7", "after step 6")
end)

t.case("every check cites its source", function()
  local p = require "programmes.kngg"
  for _, s in ipairs(p:steps()) do
    for _, c in ipairs(s.step.checks) do
      t.expect(type(c.source) == "string" and c.source:find("Leidraad", 1, true),
        "a citation for " .. c.id)
    end
  end
end)

t.case("the regiocoordinator may leave step 6 for step 7 once the agreement is complete", function()
  local plan = t.advance("kngg", "rc")
  t.expect(plan.allowed, "advance allowed: " .. tostring(plan.reason))
  t.equal(plan.to, "7", "next step")
end)

t.case("a combined projectleider and CZV covers a small gemeente; one CZV may serve two", function()
  local r = t.check("kngg", "8")
  t.equal(t.status(r, "projectleider-per-gemeente"), "pass", "projectleider")
  t.equal(t.status(r, "czv-per-gemeente"), "pass", "czv")
end)

t.case("an evaluation older than a year makes fase 2 advise, a later date changes it", function()
  local later = t.today
  t.today = "2026-09-01"
  local r = t.check("kngg", "fase-2")
  t.today = later
  t.finding(r, { check = "evaluatie", severity = "advisory", missing = "no evaluation" })
  t.finding(r, { check = "regelmatig-overleg", severity = "advisory" })
  t.expect(r.ready, "advisory findings do not block")
end)
