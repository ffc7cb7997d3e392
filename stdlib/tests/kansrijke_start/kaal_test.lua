--! fixture: fixtures/kaal
--! lang: en
-- The very start: no kartrekker, one municipality, nothing set up yet.
local t = require "spil.test"
t.today = "2026-01-15"

t.case_table("kansrijke-start", {
  { "the verkenning needs a kartrekker and several municipalities; a candidate does not count",
    step = "verkenning", ready = false,
    waiting = { "kartrekker-opdracht", "capaciteit" }, -- for the kartrekker check
    finding = {
      { check = "kartrekker", missing = "nobody leads the collaboration" },
      { check = "gemeenten", missing = "only 1 municipality takes part" } } },
  { "without a coalitie each check says so; the verkenning's requirements still hold",
    step = "coalitie", finding = {
      { check = "coalitie", missing = "there is no coalitie", severity = "blocking" },
      { check = "kartrekker", severity = "blocking" },
      { check = "ervaringsdeskundigen", severity = "advisory" },
      { check = "aansluiting", severity = "advisory" } } },
})

t.case("a regioplan is one region's description, not a standard check", function()
  local r = t.check("kansrijke-start", "coalitie")
  for _, id in ipairs({ "regioplan", "regioplan-inhoud", "vergaderfrequentie", "rondje-lokaal",
      "coalitie-leden" }) do
    t.no_finding(r, { check = id })
    for _, c in ipairs(r.checks) do t.expect(c.id ~= id, "no check " .. id) end
  end
end)
