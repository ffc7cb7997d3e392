--! lang: en
-- Fryslân's provincial coalitie against the standard Kansrijke Start: what Zuid-Holland Zuid
-- writes about its own coalition (parents, huisartsen, a secretary, four meetings, a
-- regioplan) is that region's maatwerk and does not bind Fryslân.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("the coalitie without parents or huisartsen passes the standard coalitie check", function()
  local r = t.check("kansrijke-start", "coalitie")
  t.equal(t.status(r, "coalitie"), "pass", "coalitie")
  for _, id in ipairs({ "coalitie-leden", "regioplan", "vergaderfrequentie", "rondje-lokaal" }) do
    for _, c in ipairs(r.checks) do t.expect(c.id ~= id, "Fryslân has no check " .. id) end
  end
  -- what is left to block is Fryslân's own maatwerk (a regional theme without a trekker)
  for _, f in ipairs(t.findings(r, { severity = "blocking" })) do
    t.equal(f.check, "regionaal-thema-belegd", "blocking finding " .. f.missing)
  end
  -- the missing parents are advice
  t.finding(r, { check = "ervaringsdeskundigen", severity = "advisory" })
end)
