--! fixture: fixtures/klaar
--! lang: en
-- A JZOJP region with an RC split over two people, a full bestuurlijke opdracht and a
-- convenant of the three financiers: every check passes.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("every check of every step passes, blocking and advisory", function()
  t.all_pass("jzojp", { "regiocoordinator", "afspraken", "samenwerken" })
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
    t.may_advance("jzojp", who, "samenwerken")
  end
end)

t.case_table("jzojp", {
  { "an RC role split over two people counts as an RC", step = "regiocoordinator",
    pass = { "regiocoordinator" } },
  { "the yearly evaluation runs out after twelve months, as advice", step = "samenwerken",
    today = "2026-06-01", ready = true, finding = {
      { check = "jaarlijkse-evaluatie", severity = "advisory", missing = "since 2025-06-01" } } },
})
