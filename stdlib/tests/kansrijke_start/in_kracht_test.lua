--! fixture: fixtures/klaar
--! lang: en
-- What looks in place but is not (the red-team review): funding of nothing, a regioplan that
-- ended, a coalitie whose only gemeente left the region and whose other member is the provincie.
local t = require "spil.test"
t.today = "2026-01-15"

local zero = t.rows("funding")
for _, f in ipairs(zero) do f.amount = 0 end

local function coalitie_of(members)
  local bs = t.rows("bodies")
  t.row(bs, "id", "coalitie").members = members
  return bs
end
local left = t.rows_with("municipalities", "code", "GM0703",
  function(m) m.status, m["until"] = "left", "2024-06-30" end)
local orgs = t.rows("organisations")
orgs[#orgs + 1] = { id = "prov", name = "Provincie", kind = "provincie" }

t.case_table("kansrijke-start", {
  { "funding of 0 euro is no funding: the uitvoering blocks", step = "uitvoering", ready = false,
    with = { funding = zero },
    blocks = { { check = "financiering", cites = "financiering" } } },
  { "a regioplan that ended sets out nothing to develop any more", step = "uitvoering",
    ready = false, with = { agreements = t.rows_with("agreements", "id", "regioplan",
      function(a) a.status = "ended" end) },
    finding = { { check = "ontwikkelagenda", severity = "blocking" } } },
  { "a gemeente that left and the provincie are no coalitie over the domains", step = "coalitie",
    ready = false, with = { municipalities = left, organisations = orgs,
      bodies = coalitie_of({ { organisation = "gem-reimerswaal", membership = "member" },
        { organisation = "prov", membership = "member" } }) },
    blocks = { { check = "coalitie", subject = "coalitie", missing = "gemeente", cites = "regie" },
      { check = "coalitie", subject = "coalitie", missing = "domain", cites = "regie" } } },
})
