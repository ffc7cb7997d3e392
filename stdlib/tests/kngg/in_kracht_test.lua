--! fixture: fixtures/klaar
--! lang: en
-- What looks in place but is not (the red-team review): an agreement that ended or is a draft,
-- a signature dated after today, a gemeente "represented" by another kind of organisation, the
-- local tasks held by the RC. Each blocks, from the step on which its requirement holds.
local t = require "spil.test"
t.today = "2026-01-15"

local function sso(fn) return t.rows_with("agreements", "id", "sso", fn) end

-- The werkagenda and the RC's role only in a draft note for one municipality, without parties.
local function notitie_instead()
  local as = sso(function(a)
    a.topics = t.without(a.topics, function(x) return x == "werkagenda" or x == "rol-rc" end)
  end)
  as[#as + 1] = { id = "notitie", title = "Notitie", kind = "other", status = "draft",
    municipality = "GM0050", topics = { "werkagenda", "rol-rc" }, parties = {} }
  return as
end

t.case_table("kngg", {
  { "an ended samenwerkingsovereenkomst is none: step 6 blocks", step = "6", ready = false,
    with = { agreements = sso(function(a) a.status = "ended" end) },
    blocks = { { check = "sso-getekend", missing = "is not in force (status ended)",
      cites = "stap 6" } } },
  { "a draft samenwerkingsovereenkomst is not adopted yet: step 6 blocks", step = "6",
    with = { agreements = sso(function(a) a.status = "draft" end) }, ready = false,
    blocks = { { check = "sso-getekend", missing = "is not adopted yet (status draft)",
      cites = "stap 6" } } },
  { "a signature dated after today is not there yet", step = "6", ready = false,
    with = { agreements = sso(function(a) a.parties[1].date = "2026-09-01" end) },
    blocks = { { check = "sso-getekend", subject = "gem-dronten", missing = "only on 2026-09-01",
      cites = "stap 6" } } },
  { "a draft agreement for one municipality is no werkagenda of the partners", step = "7",
    with = { agreements = notitie_instead() },
    ready = false, finding = { { check = "werkagenda" }, { check = "rol-rc" } } },
  { "the RC holding the local operational tasks is no local division of tasks", step = "7",
    with = { responsibilities = t.rows_with("responsibilities", "task", "Lokale borging",
      function(r) r.person = "rc" end) }, ready = false,
    blocks = { { check = "taken-lokaal", subject = "rc", missing = "lies with the regiocoordinator",
      cites = "organisatiestructuur" } } },
})

t.case("a gemeente is represented by a gemeente, not by another kind of organisation", function()
  local bodies = t.rows("bodies")
  local kg = t.row(bodies, "id", "kerngroep")
  kg.members = t.without(kg.members, function(m) return m.organisation == "gem-zeewolde" end)
  kg.represented = { { organisation = "gem-zeewolde", via = "ggd" } }
  -- Zeewolde may still sit in another body: take it out of every one.
  for _, b in ipairs(bodies) do
    b.members = t.without(b.members, function(m) return m.organisation == "gem-zeewolde" end)
  end
  t.blocks(t.check("kngg", "7", { with = { bodies = bodies } }),
    { check = "stakeholders-vertegenwoordigd", subject = "gem-zeewolde" }, "stap 7")
  kg.represented = { { organisation = "gem-zeewolde", via = "gem-lelystad" } }
  t.no_finding(t.check("kngg", "7", { with = { bodies = bodies } }),
    { check = "stakeholders-vertegenwoordigd", subject = "gem-zeewolde" })
end)
