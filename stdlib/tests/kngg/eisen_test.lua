--! fixture: fixtures/klaar
--! lang: en
-- Each requirement of KnGG, one by one on the ready baseline (fixtures/klaar): a change that
-- breaks it (blocking: NOT READY with a finding about the right subject, a remedy and the
-- citation, at its step and every later one; advisory: a finding, still ready) and one that
-- keeps it. Then each allowance of the guidance: the allowed situation passes, a near miss
-- still fails. docs/programmes.md has the catalogue these follow.
local t = require "spil.test"
local P = require "spil.programme"
t.today = "2026-01-15"

local STAPPEN = { "1-5", "6", "7", "8", "fase-2" }

-- The steps from `from` on.
local function vanaf(from)
  local out, on = {}, false
  for _, s in ipairs(STAPPEN) do
    on = on or s == from
    if on then out[#out + 1] = s end
  end
  return out
end

local rows, row, without, rows_with = t.rows, t.row, t.without, t.rows_with
local function check(step, with) return t.check("kngg", step, { with = with }) end

local blocks = t.blocks -- not ready, a remedy and the citation

-- Blocks at `from` and at every later step; not checked before it.
local function blocks_from(from, with, want, cites)
  for _, stap in ipairs(vanaf(from)) do
    local w = {}
    for k, v in pairs(want) do w[k] = v end
    blocks(check(stap, with), w, cites)
  end
  for _, stap in ipairs(STAPPEN) do
    if stap == from then break end
    t.no_finding(check(stap, with), { check = want.check })
  end
end

-- One case per entry, each one change to the baseline that breaks a requirement: entry[1] the
-- case's sentence, with the data changed, from, want and cites as for blocks_from.
local function blocking_cases(entries)
  for _, e in ipairs(entries) do
    t.case(e[1], function() blocks_from(e.from, e.with, e.want, e.cites) end)
  end
end

local advises = t.advises -- a finding, still ready

-- The bodies with organisation `org` left out of the werkgroep zorg.
local function werkgroep_without(org)
  return rows_with("bodies", "id", "werkgroep-zorg", function(wg)
    wg.members = without(wg.members, function(m) return m.organisation == org end)
  end)
end

local function sso_with(fn) return rows_with("agreements", "id", "sso", fn) end

-- The agreements with `topic` left out of the samenwerkingsovereenkomst's topics.
local function sso_without(topic)
  return sso_with(function(a) a.topics = without(a.topics, function(x) return x == topic end) end)
end

local function kerngroep_with(fn) return rows_with("bodies", "id", "kerngroep", fn) end

t.case("the baseline is ready at every step, without any finding", function()
  t.no_findings("kngg", STAPPEN)
end)

-- ---- the requirements one change breaks, step by step -----------------------------------

blocking_cases {
  -- step 1-5
  { "regiocoordinator: an RC without a formal assignment blocks from 1-5 to the end",
    from = "1-5", with = { roles = rows_with("roles", "role", "regiocoordinator",
      function(r) r.formal_assignment = false end) },
    want = { check = "regiocoordinator", subject = "rc" },
    cites = "de regionale coördinator (na stap 5)" },
  -- step 6
  { "sso-getekend: met at step 6, a signature withdrawn later is noticed at every step", from = "6",
    with = { agreements = sso_with(function(a)
      row(a.parties, "organisation", "ggd").status = "withdrawn" end) },
    want = { check = "sso-getekend", subject = "ggd", missing = "withdrew" }, cites = "stap 6" },
  { "sso-bindend: an agreement without mandaat blocks from 6 on", from = "6",
    with = { agreements = sso_without("mandaat") },
    want = { check = "sso-bindend", subject = "sso", missing = "does not cover mandaat" },
    cites = "stap 6" },
  -- step 7
  { "kerngroep-mandaat: a member without a recorded mandate blocks from 7 on", from = "7",
    with = { bodies = kerngroep_with(function(b)
      row(b.members, "organisation", "jgz").mandate = nil end) },
    want = { check = "kerngroep-mandaat", subject = "jgz", missing = "without a mandate" },
    cites = "stap 7" },
  { "stakeholders-vertegenwoordigd: a party without a seat blocks from 7 on", from = "7",
    with = { bodies = werkgroep_without("verzekeraar") },
    want = { check = "stakeholders-vertegenwoordigd", subject = "verzekeraar" }, cites = "stap 7" },
  { "werkagenda: no agreement on a werkagenda blocks from 7 on", from = "7",
    with = { agreements = sso_without("werkagenda") },
    want = { check = "werkagenda", missing = "werkagenda" }, cites = "stap 7, overlegstructuur" },
  { "inzet-vastgelegd: a party without a recorded task blocks from 7 on", from = "7",
    with = { responsibilities = without(rows("responsibilities"),
      function(r) return r.organisation == "ziekenhuis" end) },
    want = { check = "inzet-vastgelegd", subject = "ziekenhuis" },
    cites = "stap 7, organisatiestructuur" },
  { "taken-lokaal: an operational task not recorded blocks from 7 on", from = "7",
    with = { responsibilities = without(rows("responsibilities"),
      function(r) return r.task == "Registratie" end) },
    want = { check = "taken-lokaal", missing = "'registratie' (operational)" },
    cites = "stap 7, organisatiestructuur" },
  { "rol-rc: no shared agreement on the RC's role blocks from 7 on", from = "7",
    with = { agreements = sso_without("rol-rc") },
    want = { check = "rol-rc", missing = "rol-rc" }, cites = "rolafbakening en governance" },
}

t.case_table("kngg", {
  -- step 1-5
  { "rc-uren: an RC without hours is advice", step = "1-5",
    with = { roles = rows_with("roles", "role", "regiocoordinator",
      function(r) r.hours = nil end) },
    advises = { { check = "rc-uren" } } },
  -- step 6
  { "draagvlak-uitvoering: an executing kind nowhere involved is advice", step = "6",
    with = { bodies = werkgroep_without("wijkteam") },
    advises = { { check = "draagvlak-uitvoering", missing = "sociaal-wijkteam" } } },
  -- step 7
  { "domeinen: a domain nowhere at the table is advice", step = "7",
    with = { bodies = werkgroep_without("paramedici") },
    advises = { { check = "domeinen", missing = "paramedici" } } },
  -- step 8
  { "communicatie-wie-doet-wat: no communication task is advice", step = "8",
    with = { responsibilities = without(rows("responsibilities"),
      function(r) return r.task:find("Communicatie") end) },
    advises = { { check = "communicatie-wie-doet-wat" } } },
})

-- ---- step 1-5 ---------------------------------------------------------------------------

t.case("draagvlak-gemeenten: one member blocks from 1-5 on; two pass", function()
  local ms = rows("municipalities")
  ms[2].status, ms[3].status = "candidate", "left"
  blocks_from("1-5", { municipalities = ms }, { check = "draagvlak-gemeenten",
    subject = "polder-klaar" }, "de regionale coördinator en randvoorwaarden")
  ms[3].status = "member"
  t.equal(t.status(check("1-5", { municipalities = ms }), "draagvlak-gemeenten"), "pass", "two")
end)

t.case("kandidaat-gemeenten: a candidate is named at 1-5 as advice, not later", function()
  local ms = rows("municipalities")
  row(ms, "code", "GM0050").status = "candidate"
  advises(check("1-5", { municipalities = ms }), { check = "kandidaat-gemeenten", subject = "GM0050" })
  t.no_finding(check("6", { municipalities = ms }), { check = "kandidaat-gemeenten" })
end)

-- ---- step 6 -----------------------------------------------------------------------------

-- ---- step 7 -----------------------------------------------------------------------------

t.case("kerngroep: none blocks from 7 on; one of gemeenten only lacks the executing side", function()
  local bs = without(rows("bodies"), function(b) return b.id == "kerngroep" end)
  blocks_from("7", { bodies = bs }, { check = "kerngroep", missing = "there is no kerngroep" },
    "stap 7, overlegstructuur")
  bs = kerngroep_with(function(b)
    b.members = without(b.members, function(m) return not m.organisation:find("^gem%-") end)
  end)
  blocks(check("7", { bodies = bs }), { check = "kerngroep", subject = "kerngroep",
    missing = "has no executing organisation" }, "stap 7")
end)

t.case("taken-rc: the strategic tasks belong to the RC, not just to someone", function()
  local rs = rows("responsibilities")
  for _, r in ipairs(rs) do
    if r.task == "Coördinatie" then r.person, r.organisation = "dir-jgz", "jgz" end
  end
  blocks_from("7", { responsibilities = rs }, { check = "taken-rc",
    missing = "'coördinatie' is recorded, but not as a task of the regiocoordinator" },
    "stap 7, organisatiestructuur")
  rs = without(rows("responsibilities"), function(r) return r.task == "Stakeholdermanagement" end)
  blocks(check("7", { responsibilities = rs }), { check = "taken-rc",
    missing = "'stakeholdermanagement' (strategic)" }, "stap 7")
  -- without a person, the RC's organisation owning it will do
  rs = rows("responsibilities")
  for _, r in ipairs(rs) do r.person = nil end
  t.equal(t.status(check("7", { responsibilities = rs }), "taken-rc"), "pass", "owned by the RC's GGD")
end)

-- ---- step 8 -----------------------------------------------------------------------------

t.case("financiering: a purpose without agreed funding blocks from 8 on", function()
  local fs = rows("funding")
  for _, f in ipairs(fs) do
    if f.purpose == "czv-indirect" then f.status = "proposed" end
  end
  blocks_from("8", { funding = fs }, { check = "financiering", missing = "czv-indirect" },
    "randvoorwaarden")
  -- who pays is left open: the same purpose funded by the province counts
  fs[#fs + 1] = { id = "prov", source = "provincie", purpose = "czv-indirect", status = "granted" }
  t.equal(t.status(check("8", { funding = fs }), "financiering"), "pass", "any source")
end)

t.case("me-afspraken and communicatie-afspraken: missing topics block from 8 on", function()
  local as = sso_with(function(a)
    a.topics = without(a.topics, function(x) return x == "evaluatie" or x == "communicatie" end)
  end)
  blocks_from("8", { agreements = as }, { check = "me-afspraken", missing = "evaluatie" },
    "stap 8, monitoring en evaluatie")
  blocks_from("8", { agreements = as }, { check = "communicatie-afspraken",
    missing = "communicatie" }, "randvoorwaarden")
end)

t.case("indicatoren and indicatoren-bestaande-sets: advice", function()
  local is = without(rows("indicators"), function(i) return i.kind == "process" end)
  advises(check("8", { indicators = is }), { check = "indicatoren", missing = "no process indicator" })
  advises(check("8", { indicators = {} }), { check = "indicatoren-bestaande-sets" })
end)

-- ---- fase 2 -----------------------------------------------------------------------------

t.case("fase 2: evaluation, meetings and commitment are advice; the periods are parameters", function()
  advises(check("fase-2", { evaluations = {} }), { check = "evaluatie" })
  advises(check("fase-2", { meetings = {} }), { check = "regelmatig-overleg" })
  local ms = rows("municipalities")
  ms[4] = { code = "GM0171", status = "left", ["until"] = "2025-12-01" }
  advises(check("fase-2", { municipalities = ms }), { check = "bestuurlijk-commitment",
    subject = "GM0171" })
  -- a region that sets the periods: parameters_test.lua (fixtures/eigen-termijn)
end)

-- ---- the allowances -----------------------------------------------------------------------

t.case("allowed: one person as projectleider and CZV of a small gemeente; near miss fails", function()
  t.equal(t.status(check("8"), "czv-per-gemeente"), "pass", "Zeewolde's combined role")
  local rs = without(rows("roles"), function(r) return r.role == "czv" and r.municipality == "GM0050" end)
  blocks(check("8", { roles = rs }), { check = "czv-per-gemeente", subject = "GM0050" },
    "randvoorwaarden")
  t.no_finding(check("8", { roles = rs }), { check = "projectleider-per-gemeente" })
end)

t.case("allowed: one gemeente represents the others in the kerngroep; near miss fails", function()
  local bs = kerngroep_with(function(b)
    b.members = without(b.members, function(m)
      return m.organisation == "gem-lelystad" or m.organisation == "gem-zeewolde"
    end)
    b.represented = { { organisation = "gem-lelystad", via = "gem-dronten" },
      { organisation = "gem-zeewolde", via = "gem-dronten" } }
  end)
  for _, stap in ipairs(vanaf("7")) do
    local r = check(stap, { bodies = bs })
    t.expect(r.ready, "Dronten alone speaks for the gemeenten at " .. stap)
  end
  -- near miss: Dronten sits alone, but nobody recorded that it speaks for Zeewolde
  bs = kerngroep_with(function(b)
    b.members = without(b.members, function(m)
      return m.organisation == "gem-lelystad" or m.organisation == "gem-zeewolde"
    end)
    b.represented = { { organisation = "gem-lelystad", via = "gem-dronten" } }
  end)
  blocks(check("7", { bodies = bs }), { check = "stakeholders-vertegenwoordigd",
    subject = "gem-zeewolde", missing = "no gemeente is recorded as speaking for it" }, "stap 7")
  -- near miss: no gemeente at any table
  bs = kerngroep_with(function(b)
    b.members = without(b.members, function(m) return m.organisation:find("^gem%-") end)
  end)
  local r = check("7", { bodies = bs })
  blocks(r, { check = "kerngroep", missing = "has no member from a gemeente" }, "stap 7")
  blocks(r, { check = "stakeholders-vertegenwoordigd", missing = "no gemeente sits" }, "stap 7")
end)

t.case("allowed: a CZV from another partner than the JGZ; near miss fails", function()
  local rs = rows("roles")
  for _, r in ipairs(rs) do
    if r.person == "czv-jgz" then r.person = "pl-dronten" end -- a gemeente's employee
  end
  local r = check("8", { roles = rs })
  t.equal(t.status(r, "czv-per-gemeente"), "pass", "a CZV from the gemeente")
  t.expect(r.ready, "ready")
  -- near miss: the other partner's CZV serves Dronten only
  rs = without(rs, function(x) return x.role == "czv" and x.municipality == "GM0995" end)
  blocks(check("8", { roles = rs }), { check = "czv-per-gemeente", subject = "GM0995" },
    "randvoorwaarden")
end)

t.case("allowed: local projectleiders 'indien aangesteld' before step 8; near miss fails", function()
  local rs = without(rows("roles"), function(r) return r.role == "projectleider" end)
  for _, stap in ipairs({ "1-5", "6", "7" }) do
    local r = check(stap, { roles = rs })
    t.expect(r.ready, "no projectleider needed yet at " .. stap)
    t.no_finding(r, { missing = "projectleider" })
  end
  blocks_from("8", { roles = rs }, { check = "projectleider-per-gemeente", subject = "GM0303" },
    "randvoorwaarden; stap 8")
end)

t.case("allowed: the 'denk aan' organisations need not sign; near miss fails", function()
  -- only the gemeenten and the GGD sign; no hospital, insurer, JGZ, ... (the seats and tasks
  -- the other steps ask of parties are then asked of these parties only)
  local as = sso_with(function(a)
    a.parties = without(a.parties, function(p)
      return not (p.organisation:find("^gem%-") or p.organisation == "ggd")
    end)
  end)
  t.expect(check("6", { agreements = as }).ready, "step 6 ready without the listed kinds")
  -- near miss: an invited party that has not signed
  as[1].parties[#as[1].parties + 1] = { organisation = "ziekenhuis", status = "invited" }
  blocks(check("6", { agreements = as }), { check = "sso-getekend", subject = "ziekenhuis",
    missing = "has not signed (status invited)" }, "stap 6")
end)

t.case("allowed: the RC role split over two people, each formally assigned; near miss fails", function()
  local rs = rows("roles")
  row(rs, "role", "regiocoordinator").focus = "strategic"
  rs[#rs + 1] = { person = "dir-ggd", role = "regiocoordinator", hours = 8, formal_assignment = true,
    focus = "operational", tasks = "procesregie en uitvoering" }
  for _, stap in ipairs(STAPPEN) do
    t.expect(check(stap, { roles = rs }).ready, "two formal RCs at " .. stap)
  end
  t.holds(check("1-5", { roles = rs }), { pass = { "rc-rolverdeling" } })
  t.holds(check("1-5"), { ready = true, not_applicable = { "rc-rolverdeling" } })
  rs[#rs].focus = "strategic"
  advises(check("1-5", { roles = rs }), { check = "rc-rolverdeling" })
  rs[#rs].focus = "operational"
  rs[#rs].tasks = nil
  blocks(check("1-5", { roles = rs }), { check = "regiocoordinator", subject = "dir-ggd",
    missing = "has no task description" }, "de regionale coördinator")
  rs[#rs].formal_assignment = false
  local r = check("1-5", { roles = rs })
  blocks(r, { check = "regiocoordinator", subject = "dir-ggd", missing = "no formal assignment" },
    "de regionale coördinator")
  t.no_finding(r, { check = "regiocoordinator", subject = "rc" })
end)

-- ---- schema 3: the requirements the data model could not hold before ---------------------

t.case("regiocoordinator: a formal assignment without a task description blocks; an adopted opdrachtbeschrijving is one", function()
  local rs = rows("roles")
  row(rs, "role", "regiocoordinator").tasks = nil
  blocks_from("1-5", { roles = rs }, { check = "regiocoordinator", subject = "rc",
    missing = "has no task description" }, "de regionale coördinator (na stap 5)")
  local ds = rows("documents")
  ds[#ds + 1] = { id = "opdracht", title = "Opdrachtbeschrijving RC", kind = "opdrachtbeschrijving",
    status = "draft", person = "rc" }
  blocks(check("1-5", { roles = rs, documents = ds }), { check = "regiocoordinator",
    subject = "rc", missing = "has no task description" }, "de regionale coördinator")
  ds[#ds].status = "adopted"
  t.expect(check("1-5", { roles = rs, documents = ds }).ready, "the adopted document holds the tasks")
end)

t.case("besluit-deelname: a gemeente's pending decision to join blocks from 1-5 on; none recorded is advice", function()
  local ds = rows("decisions")
  row(ds, "id", "deelname-zeewolde").outcome = "pending"
  blocks_from("1-5", { decisions = ds }, { check = "besluit-deelname", subject = "GM0050",
    missing = "is pending" }, "na een positieve besluitvorming")
  -- A later adopted decision of the same college counts.
  ds[#ds + 1] = { id = "deelname-zeewolde-2", organisation = "gem-zeewolde", organ = "college",
    topic = "deelname", date = "2025-01-20", subject = "Deelname", kind = "decision",
    outcome = "adopted" }
  t.expect(check("1-5", { decisions = ds }).ready, "the later decision counts")
  local zonder = without(rows("decisions"), function(d) return d.id == "deelname-lelystad" end)
  local r = check("1-5", { decisions = zonder })
  advises(r, { check = "besluit-deelname-vastgelegd", subject = "GM0995" })
  t.no_finding(r, { check = "besluit-deelname" })
  ds = rows("decisions")
  row(ds, "id", "deelname-lelystad").outcome = nil
  advises(check("1-5", { decisions = ds }), { check = "besluit-deelname-vastgelegd",
    subject = "GM0995", missing = "no outcome recorded" })
end)

t.case("opdracht-rc-getoetst: an assignment older than the period without a review is advice", function()
  local rs = rows("roles")
  row(rs, "role", "regiocoordinator").reviewed = "2024-11-30"
  advises(check("1-5", { roles = rs }), { check = "opdracht-rc-getoetst", subject = "rc",
    missing = "not been reviewed since 2024-11-30" })
  row(rs, "role", "regiocoordinator").since = "2025-06-01"
  t.no_finding(check("1-5", { roles = rs }), { check = "opdracht-rc-getoetst" })
end)

t.case("kerngroep-mandaat: a member seated at the level of beleid blocks from 7 on; management passes", function()
  local bs = kerngroep_with(function(b) row(b.members, "organisation", "jgz").level = "beleid" end)
  blocks_from("7", { bodies = bs }, { check = "kerngroep-mandaat", subject = "jgz",
    missing = "at the level of beleid" }, "stap 7")
  bs = kerngroep_with(function(b) row(b.members, "organisation", "jgz").level = nil end)
  t.expect(check("7", { bodies = bs }).ready, "an unrecorded level with a mandate passes")
end)

t.case("communicatiestrategie: none blocks from 8 on; a withdrawn one does not count", function()
  blocks_from("8", { documents = {} }, { check = "communicatiestrategie",
    missing = "no communicatiestrategie" }, "randvoorwaarden")
  local ds = rows("documents")
  ds[1].status = "withdrawn"
  blocks(check("8", { documents = ds }), { check = "communicatiestrategie" }, "randvoorwaarden")
end)

t.case("step 8's advice: activities, randvoorwaarden with the kerngroep, agreements with the projectleiders, RC in a network", function()
  advises(check("8", { activities = {} }), { check = "activiteiten" })
  local ds = without(rows("decisions"), function(d) return d.topic == "randvoorwaarden" end)
  advises(check("8", { decisions = ds }), { check = "randvoorwaarden-kerngroep", subject = "kerngroep" })
  local as = sso_without("rol-projectleider")
  local r = check("8", { agreements = as })
  advises(r, { check = "afspraken-projectleiders", subject = "GM0303" })
  -- A local agreement for one municipality covers that one only.
  as[#as + 1] = { id = "afspraken-dronten", title = "Afspraken RC en projectleider Dronten",
    kind = "other", municipality = "GM0303", topics = { "rol-projectleider" }, parties = {} }
  r = check("8", { agreements = as })
  t.no_finding(r, { check = "afspraken-projectleiders", subject = "GM0303" })
  advises(r, { check = "afspraken-projectleiders", subject = "GM0995" })
  -- "Indien aangesteld": without projectleiders there is nobody to agree with, and the check
  -- does not apply (not ok); the step 8 check on the projectleiders themselves blocks.
  local rs = without(rows("roles"), function(x) return x.role == "projectleider" end)
  r = check("8", { agreements = as, roles = rs })
  t.holds(r, { ready = false, not_applicable = { "afspraken-projectleiders" },
    fail = { "projectleider-per-gemeente" } })
  local ls = without(rows("links"), function(l) return l.kind == "leernetwerk" end)
  advises(check("8", { links = ls }), { check = "kennisdeling-rc" })
  -- A network the RC does not take part in does not count.
  ls = rows("links")
  row(ls, "kind", "leernetwerk").person = nil
  advises(check("8", { links = ls }), { check = "kennisdeling-rc" })
end)

t.case("step 7 and fase 2 advice: existing structures, vision, other chain approaches", function()
  advises(check("7", { links = {} }), { check = "bestaande-structuren" })
  advises(check("fase-2", { links = {} }), { check = "andere-ketenaanpakken" })
  local as = sso_without("visie")
  advises(check("fase-2", { agreements = as }), { check = "afspraken-visie", missing = "visie" })
end)
