--! fixture: fixtures/klaar
--! lang: en
-- A coalition as Zuid-Holland Zuid built it, complete: every check passes.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("every check of every step passes, blocking and advisory", function()
  t.all_pass("kansrijke-start", { "verkenning", "coalitie", "uitvoering" })
end)

t.case("the steps are verkenning, coalitie, uitvoering", function()
  t.steps_are(require "programmes.kansrijke_start", "verkenning coalitie uitvoering")
end)

t.case("a netwerkregisseur is the kartrekker and may advance the coalitie to uitvoering", function()
  t.may_advance("kansrijke-start", "regisseur", "uitvoering")
end)

t.case_table("kansrijke-start", {
  { "an agenda member is not asked to become a full member when its kind already sits",
    step = "coalitie", no_finding = { { subject = "verzekeraar-2" } } },
})
