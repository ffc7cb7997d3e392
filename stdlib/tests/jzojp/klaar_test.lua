--! fixture: fixtures/klaar
--! lang: en
-- A JZOJP region with an RC split over two people, a full bestuurlijke opdracht and a
-- convenant of the three financiers: every check passes.
local t = require "spil.test"
local E = require "spil.engine"
t.today = "2026-01-15"

t.case("every check of every step passes, blocking and advisory", function()
  for _, stap in ipairs({ "regiocoordinator", "afspraken", "samenwerken" }) do
    local r = t.check("jzojp", stap)
    for _, c in ipairs(r.checks) do
      t.equal(c.status, "pass", "step " .. stap .. ", check " .. c.id)
    end
  end
end)

t.case("an RC role split over two people counts as an RC", function()
  local r = t.check("jzojp", "regiocoordinator")
  t.equal(t.status(r, "regiocoordinator"), "pass", "regiocoordinator")
end)

t.case("the bestuurlijke opdracht is advice, the RC a gate", function()
  local p = require "programmes.jzojp"
  local st = p:find("regiocoordinator")
  for _, c in ipairs(st.checks) do
    if c.id == "bestuurlijke-opdracht" then t.equal(c.severity, "advisory", "severity") end
    if c.id == "regiocoordinator" then t.equal(c.severity, "blocking", "severity of the RC") end
  end
end)

t.case("either half of a split RC may advance the programme", function()
  for _, who in ipairs({ "rc-strategisch", "rc-operationeel" }) do
    local plan = t.advance("jzojp", who)
    t.expect(plan.allowed, who .. ": " .. tostring(plan.reason))
    t.equal(plan.to, "samenwerken", "next step")
  end
end)

t.case("the yearly evaluation runs out after twelve months, as advice", function()
  local before = t.today
  t.today = "2026-06-01"
  local r = t.check("jzojp", "samenwerken")
  t.today = before
  t.finding(r, { check = "jaarlijkse-evaluatie", severity = "advisory", missing = "since 2025-06-01" })
  t.expect(r.ready, "advisory findings do not block")
end)
