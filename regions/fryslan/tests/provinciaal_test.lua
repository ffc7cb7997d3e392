--! lang: en
-- Fryslân's provincial approach (provinciaal.lua) and the schema-3 facts of its source, against
-- the region's own region.yaml and variants of it.
local t = require "spil.test"
t.today = "2026-01-15"

local list = t.rows

t.case_table("kansrijke-start", {
  -- both scripts' checks are there, whichever runs first (regionaal-thema-belegd: themas.lua)
  { "every member gemeente sits in the provincial coalitie: provinciaal passes", step = "coalitie",
    pass = { "provinciaal" }, fail = { "regionaal-thema-belegd" } },
  { "without a coalitie the standard check blocks on it, and provinciaal waits for it",
    step = "coalitie", with = { bodies = {} }, fail = { "coalitie" }, waiting = { "provinciaal" } },
})

t.case("a member gemeente outside the coalitie blocks; an agendalid seat is not enough", function()
  local bodies = list("bodies")
  for _, m in ipairs(bodies[1].members) do
    if m.organisation == "gem-vlieland" then m.membership = "agenda" end
  end
  local r = t.check("kansrijke-start", "coalitie", { with = { bodies = bodies } })
  t.blocks(r, { check = "provinciaal", subject = "GM0096",
    missing = "Vlieland is geen volwaardig lid" }, "alles provinciaal")
  t.equal(#t.findings(r, { check = "provinciaal" }), 1, "only Vlieland")
  -- a gemeente that left the region is not asked
  local ms = list("municipalities")
  t.row(ms, "code", "GM0096").status = "left"
  r = t.check("kansrijke-start", "coalitie", { with = { bodies = bodies, municipalities = ms } })
  t.equal(t.status(r, "provinciaal"), "pass", "provinciaal once Vlieland left")
end)

t.case("the GGD and the JGZ work province-wide; the lokale coalities stay, as a link", function()
  local n = 0
  for _, m in ipairs(list("municipalities")) do
    if m.status == "member" then n = n + 1 end
  end
  for _, o in ipairs(list("organisations")) do
    if o.id == "ggd-fryslan" or o.id == "jgz-fryslan" then
      t.equal(#o.area, n, o.id .. "'s werkgebied is every member municipality")
    end
  end
  local links = list("links")
  t.equal(links[1].kind, "samenwerkingsverband", "the lokale coalities")
end)

t.case("the choice of the regional themes is a decision of the coalitie", function()
  local d = list("decisions")[1]
  t.equal(d.body, "coalitie", "taken by the coalitie")
  t.equal(d.outcome, "adopted", "adopted")
  t.expect(d.subject:find("voor alle aangesloten partners relevant", 1, true), d.subject)
end)
