--! fixture: fixtures/coalitie-klaar
--! lang: nl
-- Written in Dutch, what the coordinator reads. "de gemeenten hebben gevraagd
-- om de regionale aanpak te beschrijven in een memo. Deze wordt dan toegevoegd aan de SPUK
-- aanvraag. Onderwerpen die van belang zijn en regionale financiering behoeven, zijn
-- netwerkregie, ouderbetrokkenheid en werken met data."
local t = require "spil.test"
t.today = "2026-01-15"

local rows, zonder = t.rows, t.without

t.case_table("kansrijke-start", {
  { "met memo en elk regionaal thema gefinancierd passeren beide controles", step = "coalitie",
    pass = { "memo-spuk", "regionale-financiering" } },
})

t.case("zonder memo is er een advies, en de stap blijft klaar", function()
  local r = t.check("kansrijke-start", "coalitie", { with = { documents = {} } })
  t.advises(r, { check = "memo-spuk", missing = "memo" })
  t.expect(r.ready, "een advies houdt de stap niet tegen")
end)

t.case("een thema zonder toegekende financiering is een advies over dat thema", function()
  local funding = zonder(rows("funding"), function(f) return f.theme == "werken-met-data" end)
  local r = t.check("kansrijke-start", "coalitie", { with = { funding = funding } })
  t.advises(r, { check = "regionale-financiering", subject = "werken-met-data",
    missing = "voor het thema Werken met data is geen regionale financiering afgesproken of toegekend" })
  t.no_finding(r, { check = "regionale-financiering", subject = "netwerkregie" })
end)

t.case("financiering die alleen is aangevraagd telt nog niet; een ontbrekend thema wordt genoemd", function()
  local funding = {}
  for _, f in ipairs(rows("funding")) do
    local g = {}
    for k, v in pairs(f) do g[k] = v end
    if g.theme == "ouderbetrokkenheid" then g.status = "requested" end
    funding[#funding + 1] = g
  end
  local themes = zonder(rows("themes"), function(th) return th.id == "netwerkregie" end)
  local r = t.check("kansrijke-start", "coalitie", { with = { funding = funding, themes = themes } })
  t.advises(r, { check = "regionale-financiering", subject = "ouderbetrokkenheid" })
  t.advises(r, { check = "regionale-financiering",
    missing = "het thema netwerkregie staat niet onder 'themes'" })
end)
