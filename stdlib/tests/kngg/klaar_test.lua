--! fixture: fixtures/klaar
--! lang: en
-- A region where every precondition is in place: each check passes, each step is ready. Its
-- RC is one person, so the focus of a split RC role does not apply.
local t = require "spil.test"
t.today = "2026-01-15"

local STAPPEN = { "1-5", "6", "7", "8", "fase-2" }

t.case("every check of every step passes, blocking and advisory", function()
  t.all_pass("kngg", STAPPEN, { not_applicable = { "rc-rolverdeling" } })
end)

t.case("the programme has the steps of the guidance in order", function()
  local p = require "programmes.kngg"
  t.steps_are(p, "1-5 6 7 8 fase-2")
  t.equal(p:next("6").id, "7", "after step 6")
end)

t.case("every check cites its source", function()
  t.cites(require "programmes.kngg", "Leidraad")
end)

t.case("the regiocoordinator may leave step 6 for step 7 once the agreement is complete", function()
  t.may_advance("kngg", "rc", "7")
end)

t.case_table("kngg", {
  { "a combined projectleider and CZV covers a small gemeente; one CZV may serve two",
    step = "8", pass = { "projectleider-per-gemeente", "czv-per-gemeente" } },
  { "an evaluation older than a year makes fase 2 advise, a later date changes it",
    step = "fase-2", today = "2026-09-01", ready = true, finding = {
      { check = "evaluatie", severity = "advisory", missing = "no evaluation" },
      { check = "regelmatig-overleg", severity = "advisory" } } },
})
