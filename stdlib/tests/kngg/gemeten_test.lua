--! fixture: fixtures/klaar
--! lang: en
-- Figures in checks: the agreed indicators must be measured, region code reads its own
-- region's figures (summed from its municipalities), small counts never reach Lua.
local t = require "spil.test"
local spil = require "spil"
t.today = "2026-01-15"

t.case("figures from the last year satisfy fase 2; older ones make it advise, naming each", function()
  t.equal(t.status(t.check("kngg", "fase-2"), "indicatoren-gemeten"), "pass", "2025Q3 is recent")
  local later = t.today
  t.today = "2026-12-01"
  local r = t.check("kngg", "fase-2")
  t.today = later
  t.finding(r, { check = "indicatoren-gemeten", severity = "advisory",
    missing = "indicator overgewicht-4-17 (Kinderen van 4 tot 17 jaar met overgewicht) has no "
      .. "figures after 2025Q3" })
  -- czv-bereik has quarters up to 2025Q3 too, but also the year 2025, which ended in the last
  -- twelve months: a yearly figure counts as much as a quarterly one.
  t.no_finding(r, { check = "indicatoren-gemeten", missing = "czv-bereik" })
  t.expect(r.ready, "advice does not block")
end)

t.case("the region's figure is summed from its municipalities, leaving out a suppressed one", function()
  -- Dronten 52/400 and Lelystad 150/1000 are summed; Zeewolde's 2/7 is about fewer than 10
  -- children, so it is suppressed and left out, or region minus the others would reveal it:
  -- (52 + 150) / (400 + 1000) = 202/1400 = 14.43%.
  local region = spil.figures("overgewicht-4-17", "polder-klaar")
  t.equal(#region, 1, "one period")
  t.equal(region[1].numerator, 202, "numerators summed")
  t.equal(region[1].denominator, 1400, "denominators summed")
  t.equal(string.format("%.2f", region[1].value), "14.43", "a percentage of the sums")
  t.equal(region[1].covered, 2, "two municipalities summed")
  t.equal(region[1].left_out, 1, "one left out")
  local zeewolde = spil.figures("overgewicht-4-17", "GM0050")[1]
  t.equal(zeewolde.suppressed, true, "7 children: suppressed")
  t.equal(zeewolde.value, nil, "no value")
  t.equal(zeewolde.numerator, nil, "no numerator")
end)

t.case("region code reads only its own region's figures and the nation's", function()
  local ok, err = pcall(spil.figures, "overgewicht-4-17", "GM0505")
  t.expect(not ok, "Dordrecht is not in this region")
  t.expect(tostring(err):find("its own region ('polder-klaar'), its municipalities and NL", 1, true),
    "says what it may read: " .. tostring(err))
  t.equal(#spil.figures("overgewicht-4-17", "NL"), 1, "the nation, to compare with")
  local ok2, err2 = pcall(spil.figures, "elders/eigen", "NL")
  t.expect(not ok2 and tostring(err2):find("its own region's indicators", 1, true),
    "nor another region's own indicators: " .. tostring(err2))
end)

t.case("an indicator adopted from the catalogue is complete in checks", function()
  local E = require "spil.engine"
  local adopted
  for _, i in ipairs(E.context(t.today):list("indicators")) do
    if i.code == "overgewicht" then adopted = i end
  end
  t.equal(adopted.adopted, true, "marked adopted")
  t.equal(adopted.kind, "result", "the catalogue's kind")
  t.equal(adopted.source:sub(1, 3), "CBS", "and source")
  -- The region's own figure for the year wins over the (absent) sum of its municipalities.
  t.equal(spil.figures("overgewicht", "polder-klaar")[1].value, 14.2, "its figure")
end)
