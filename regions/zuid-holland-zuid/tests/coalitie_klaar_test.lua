--! fixture: fixtures/coalitie-klaar
--! lang: en
-- Zuid-Holland Zuid's own coalitie (coalitie.lua), against a coalition built as the region
-- describes its own: every check of the region's Kansrijke Start passes at every step.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("every check of every step passes, the region's own included", function()
  t.all_pass("kansrijke-start", { "verkenning", "coalitie", "uitvoering" })
  t.holds(t.check("kansrijke-start", "coalitie"), { pass = { "coalitie-leden", "vergaderfrequentie",
    "rondje-lokaal", "regioplan", "regioplan-inhoud", "besluiten-afgerond" } })
end)

t.case_table("kansrijke-start", {
  { "without a coalitie the standard check blocks on it, and the region's checks of the "
    .. "coalitie wait for it", step = "coalitie", with = { bodies = {}, meetings = {} },
    fail = { "coalitie" }, waiting = { "vergaderfrequentie", "rondje-lokaal" } },
  { "a coalitie without a recorded meeting shows no rondje lokaal: advice", step = "coalitie",
    with = { meetings = {} }, advises = { { check = "rondje-lokaal", subject = "coalitie",
      missing = "no meeting of" } } },
})
