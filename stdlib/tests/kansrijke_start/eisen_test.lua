--! fixture: fixtures/klaar
--! lang: en
-- Each requirement of the standard Kansrijke Start, one by one on the ready baseline: a change
-- that breaks it (blocking: NOT READY with a finding about the right subject, a remedy and the
-- citation; advisory: a finding, still ready) and one that keeps it (docs/programmes.md).
local t = require "spil.test"
local P = require "spil.programme"
t.today = "2026-01-15"

-- The baseline's rows of a section, fresh (a change does not leak into the next case).
local rows, without = t.rows, t.without

local function check(step, with) return t.check("kansrijke-start", step, { with = with }) end

local blocks = t.blocks -- not ready, a remedy and the citation

local advises = t.advises -- a finding, still ready

-- Only a coalitie body of the given members, by organisation id.
local function coalitie_of(ids)
  local b = rows("bodies")[1]
  local members = {}
  for _, id in ipairs(ids) do members[#members + 1] = { organisation = id, membership = "member" } end
  b.members = members
  return { b }
end

t.case("the baseline is ready at every step", function()
  t.no_findings("kansrijke-start", { "verkenning", "coalitie", "uitvoering" })
end)

-- The advice: one change to the baseline each, and the advisory finding it brings.
t.case_table("kansrijke-start", {
  { "aansluiting: without a VSV or IGO in a body, advice", step = "coalitie",
    with = { bodies = coalitie_of({ "gem-goes", "jgz", "ouders" }) },
    advises = { { check = "aansluiting" } } },
  { "indicatoren: none is advice", step = "uitvoering", with = { indicators = {} },
    advises = { { check = "indicatoren" } } },
})

t.case("kartrekker: none blocks, from the verkenning on to the end", function()
  for _, stap in ipairs({ "verkenning", "coalitie", "uitvoering" }) do
    blocks(check(stap, { roles = {} }), { check = "kartrekker", subject = "bevelanden-klaar" },
      "randvoorwaarden (kartrekker)")
  end
end)

t.case("kartrekker-opdracht: every kartrekker formally assigned; a split role passes", function()
  local rs = rows("roles")
  rs[1].formal_assignment = false
  blocks(check("coalitie", { roles = rs }), { check = "kartrekker-opdracht", subject = "regisseur" },
    "formele opdracht")
  -- the role split over two people, each formally assigned: allowed
  rs = rows("roles")
  rs[2] = { person = "secretaris", role = "regiocoordinator", formal_assignment = true }
  t.equal(t.status(check("coalitie", { roles = rs }), "kartrekker-opdracht"), "pass", "split, both formal")
  -- near miss: the second one without a formal assignment
  rs[2].formal_assignment = nil
  local r = check("coalitie", { roles = rs })
  blocks(r, { check = "kartrekker-opdracht", subject = "secretaris" }, "formele opdracht")
  t.no_finding(r, { check = "kartrekker-opdracht", subject = "regisseur" })
end)

t.case("capaciteit: a kartrekker without hours blocks", function()
  local rs = rows("roles")
  rs[1].hours = nil
  blocks(check("verkenning", { roles = rs }), { check = "capaciteit", missing = "no hours" },
    "capaciteit")
  rs[1].hours = 2
  t.equal(t.status(check("verkenning", { roles = rs }), "capaciteit"), "pass", "two hours")
end)

t.case("gemeenten: one member municipality blocks, two pass", function()
  local ms = rows("municipalities")
  ms[2].status, ms[3].status = "candidate", "left"
  blocks(check("verkenning", { municipalities = ms }), { check = "gemeenten",
    missing = "only 1 municipality" }, "politieke wil")
  ms[3].status = "member"
  t.equal(t.status(check("verkenning", { municipalities = ms }), "gemeenten"), "pass", "two")
end)

t.case("coalitie: the gemeenten and another domain; Zuid-Holland Zuid's list is not asked", function()
  -- no parents, no huisartsen, no VSV, no chair, no secretary: still a coalitie
  local r = check("coalitie", { bodies = coalitie_of({ "gem-goes", "jgz" }) })
  t.equal(t.status(r, "coalitie"), "pass", "gemeente and JGZ")
  t.expect(r.blocking == 0, "nothing blocks")
  blocks(check("coalitie", { bodies = coalitie_of({ "gem-goes", "gem-kapelle" }) }),
    { check = "coalitie", subject = "coalitie", missing = "no other domain" }, "regie")
  blocks(check("coalitie", { bodies = coalitie_of({ "ggd", "jgz" }) }),
    { check = "coalitie", subject = "coalitie", missing = "no gemeente" }, "regie")
  blocks(check("uitvoering", { bodies = {} }), { check = "coalitie", missing = "no coalitie" },
    "regie")
end)

t.case("ervaringsdeskundigen: without parents at any table, advice", function()
  advises(check("coalitie", { bodies = coalitie_of({ "gem-goes", "jgz", "vsv" }) }),
    { check = "ervaringsdeskundigen" })
  local bs = coalitie_of({ "gem-goes", "jgz", "vsv" })
  bs[1].members[4] = { organisation = "ouders", membership = "agenda" }
  t.equal(t.status(check("coalitie", { bodies = bs }), "ervaringsdeskundigen"), "pass",
    "parents as agenda members are involved")
end)

t.case("financiering: only requested blocks; agreed from any source passes, an open choice too", function()
  local fs = rows("funding")
  for _, f in ipairs(fs) do f.status = "requested" end
  blocks(check("uitvoering", { funding = fs }), { check = "financiering",
    subject = "bevelanden-klaar" }, "randvoorwaarden (financiering)")
  -- the source leaves open who pays and for what: a province paying for the programme will do
  fs = { { id = "prov", source = "provincie", purpose = "programma", status = "agreed" } }
  t.equal(t.status(check("uitvoering", { funding = fs }), "financiering"), "pass", "provincie")
  -- where the RC's funding is still open (GALA or SPUK), the agreed rest is enough
  fs[2] = { id = "rc", source = "gala", purpose = "rc", status = "proposed" }
  t.equal(t.status(check("uitvoering", { funding = fs }), "financiering"), "pass", "rc still open")
end)

t.case("evaluatie: the period is a parameter, 12 months unless the region says otherwise", function()
  t.equal(t.status(check("uitvoering"), "evaluatie"), "pass", "an evaluation 3 months ago")
  -- a region that sets the period: parameters_test.lua (fixtures/eigen-termijn)
  local p = P.extend(require "programmes.kansrijke_start")
  local bad = pcall(function() p:set_param("evaluatie_maand", 6) end)
  t.expect(not bad, "an unknown parameter is refused")
  bad = pcall(function() p:set_param("evaluatie_maanden", 0) end)
  t.expect(not bad, "zero months is refused")
end)

t.case("ontwikkelagenda: no agreed werkagenda blocks at uitvoering; any agreement may hold it", function()
  local as = rows("agreements")
  as[1].topics = { "doel", "financiering" }
  blocks(check("uitvoering", { agreements = as }), { check = "ontwikkelagenda",
    subject = "bevelanden-klaar" }, "ad 1")
  as[1].kind = "convenant"
  as[1].topics = { "werkagenda" }
  t.equal(t.status(check("uitvoering", { agreements = as }), "ontwikkelagenda"), "pass", "a convenant")
end)

t.case("taakverdeling: the tasks of one organisation only is advice", function()
  local rs = rows("responsibilities")
  for _, r in ipairs(rs) do r.organisation = "ggd" end
  advises(check("uitvoering", { responsibilities = rs }), { check = "taakverdeling",
    missing = "the tasks of 1 organisation are recorded" })
end)

t.case("lokaal-gedifferentieerd, integrale-aanpak, vroegsignalering: advice at uitvoering", function()
  local as = rows("activities")
  as[1].municipality = nil
  advises(check("uitvoering", { activities = as }), { check = "lokaal-gedifferentieerd" })
  advises(check("uitvoering", { links = {} }), { check = "integrale-aanpak" })
  local ag = rows("agreements")
  for _, a in ipairs(ag) do
    a.topics = without(a.topics, function(x) return x == "vroegsignalering" end)
  end
  advises(check("uitvoering", { agreements = ag }), { check = "vroegsignalering" })
  ag[1].topics[#ag[1].topics + 1] = "zorgpad"
  t.no_finding(check("uitvoering", { agreements = ag }), { check = "vroegsignalering" })
end)
