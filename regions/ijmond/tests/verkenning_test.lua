--! lang: en
-- The IJmond at its current step (Kansrijke Start, verkenning), against its own region.yaml,
-- and the region's maatwerk (igo.lua) on variants of that data.
--
-- Variants replace sections in the check context (t.check's `with`), so they run the region's
-- own igo.lua over the region's own data with one thing changed.
local t = require "spil.test"
local E = require "spil.engine"
local ijmond = require "igo"
t.today = "2026-01-15"

local list = t.rows

local function check_with(sections) return t.check_with("kansrijke-start", "verkenning", sections) end

t.case("the current step is the verkenning, and it is not ready for the two reasons the "
  .. "source gives", function()
  local r = t.holds(t.check("kansrijke-start"), { blocking = 2, blocks = {
    -- no kartrekker is named in the source, and the gemeenten are in talks, not joined
    { check = "kartrekker", subject = "ijmond", cites = "randvoorwaarden (kartrekker)" },
    { check = "gemeenten", subject = "ijmond", missing = "only 0 municipalities",
      cites = "politieke wil" } },
    -- the region's own checks all pass on its data
    pass = { "coordinator-sociale-verloskunde", "in-gesprek", "kennismaking", "werkgebied-igo" } })
  t.equal(r.step, "verkenning", "the current step")
end)

t.case("without the coördinator sociale verloskunde the verkenning is blocked on the IGO",
  function()
  local f = t.blocks(check_with { responsibilities = {} },
    { check = "coordinator-sociale-verloskunde", subject = "igo-ijmond",
      missing = "heeft geen coördinator sociale verloskunde" }, "IGO IJmond")
  t.expect(f.remedy:find("responsibilities", 1, true), "the remedy says where to record it")
end)

t.case("the task recorded but nobody in it, or someone outside the IGO, is not filled", function()
  local resp = list("responsibilities")
  resp[1].person = nil
  t.finding(check_with { responsibilities = resp }, { check = "coordinator-sociale-verloskunde",
    severity = "blocking", missing = "is niet ingevuld" })
  local people = list("people")
  t.row(people, "id", "coordinator-sv").organisation = "gem-velsen"
  t.finding(check_with { people = people }, { check = "coordinator-sociale-verloskunde",
    subject = "igo-ijmond", missing = "werkt niet bij Integrale Geboortezorgorganisatie IJmond" })
end)

t.case("the task is found whatever its case, and only when it is the IGO's", function()
  local resp = list("responsibilities")
  -- Lua's lower() folds ASCII letters only, so the ö is written as it is
  resp[1].task = "Coördinator Sociale Verloskunde"
  t.equal(t.status(check_with { responsibilities = resp }, "coordinator-sociale-verloskunde"),
    "pass", "a task written with capitals")
  resp[1].organisation = "gem-beverwijk"
  t.equal(t.status(check_with { responsibilities = resp }, "coordinator-sociale-verloskunde"),
    "fail", "the same task of a gemeente")
end)

t.case("a gemeente that does not sit with the IGO is named; the others are not", function()
  local bodies = list("bodies")
  bodies[1].members = t.without(bodies[1].members, function(m) return m.organisation == "gem-velsen" end)
  local r = check_with { bodies = bodies }
  t.blocks(r, { check = "in-gesprek", subject = "GM0453",
    missing = "Velsen zit niet met Integrale Geboortezorgorganisatie IJmond aan tafel" }, "IGO IJmond")
  t.no_finding(r, { check = "in-gesprek", subject = "GM0375" })
  t.no_finding(r, { check = "in-gesprek", subject = "GM0396" })
  -- a gemeente that left is no longer asked
  local ms = list("municipalities")
  t.row(ms, "code", "GM0453").status = "left"
  t.equal(t.status(check_with { bodies = bodies, municipalities = ms }, "in-gesprek"), "pass",
    "in-gesprek once Velsen left")
end)

t.case("an overleg that has not met yet blocks; a meeting after today does not count", function()
  local later = list("meetings")
  for _, m in ipairs(later) do m.date = "2026-03-01" end
  t.finding(check_with { meetings = later }, { check = "in-gesprek", subject = "bijeenkomsten",
    missing = "is nog niet bijeengekomen", severity = "blocking" })
end)

t.case("a subject the meetings never had is advice, and only that one", function()
  local meetings = list("meetings")
  meetings[2].agenda = { "Ervaringen met de coördinator sociale verloskunde" }
  local r = check_with { meetings = meetings }
  t.finding(r, { check = "kennismaking", severity = "advisory", missing = "knelpunten" })
  t.no_finding(r, { check = "kennismaking", missing = "werkwijze" })
  t.no_finding(r, { check = "kennismaking", missing = "visie" })
  t.equal(#t.findings(r, { severity = "blocking" }), 2, "still only the two standard findings")
end)

t.case("a gemeente outside the IGO's werkgebied, or no werkgebied at all, is advice", function()
  local orgs = list("organisations")
  local igo = t.row(orgs, "id", "igo-ijmond")
  igo.area = { "GM0375", "GM0396" }
  local r = check_with { organisations = orgs }
  t.finding(r, { check = "werkgebied-igo", subject = "GM0453", severity = "advisory",
    missing = "Velsen ligt niet in het werkgebied" })
  t.no_finding(r, { check = "werkgebied-igo", subject = "GM0375" })
  igo.area = {}
  t.finding(check_with { organisations = orgs }, { check = "werkgebied-igo",
    subject = "igo-ijmond", missing = "werkgebied van Integrale Geboortezorgorganisatie IJmond "
      .. "is niet vastgelegd" })
end)

t.case("with a kartrekker (formal, with hours) and two gemeenten joined, the verkenning is "
  .. "ready", function()
  local people = list("people")
  people[#people + 1] = { id = "kartrekker", name = "Kartrekker (fictief)",
    organisation = "igo-ijmond" }
  local roles = { { person = "kartrekker", role = "kwartiermaker", hours = 8,
    formal_assignment = true, since = "2025-01-01" } }
  local ms = list("municipalities")
  ms[1].status, ms[2].status = "member", "member"
  local r = check_with { people = people, roles = roles, municipalities = ms }
  t.expect(r.ready, "the verkenning is ready")
  -- and one gemeente is not enough
  ms[2].status = "candidate"
  r = check_with { people = people, roles = roles, municipalities = ms }
  t.blocks(r, { check = "gemeenten", missing = "only 1 municipality" }, "politieke wil")
end)

t.case("the helpers: the IGO, the gemeenten in talks, the meetings held", function()
  local ctx = E.context(t.today)
  local igo = ijmond.igo(ctx)
  t.equal(igo.id, "igo-ijmond", "the IGO")
  t.equal(#ijmond.gemeenten(ctx), 3, "Beverwijk, Heemskerk and Velsen are in talks")
  t.equal(#ijmond.bijeenkomsten(ctx, igo), 2, "meetings held")
  t.equal(#igo.area, 3, "the IGO's werkgebied")
end)

t.case("without an IGO the coördinator check blocks on it, and the IGO's other checks wait for "
  .. "that one", function()
  local orgs = t.without(list("organisations"), function(o) return o.kind == "igo" end)
  t.holds(check_with { organisations = orgs }, {
    blocks = { { check = "coordinator-sociale-verloskunde", subject = "ijmond",
      missing = "er is geen integrale geboortezorgorganisatie", cites = "coördinator" } },
    waiting = { "in-gesprek", "kennismaking", "werkgebied-igo" } })
end)
