--! fixture: fixtures/klaar
--! lang: en
-- Each requirement of JZOJP, one by one on the ready baseline: a change that breaks it
-- (blocking: NOT READY with a finding about the right subject, a remedy and the citation;
-- advisory: a finding, still ready) and one that keeps it (docs/programmes.md).
local t = require "spil.test"
t.today = "2026-01-15"

local STAPPEN = { "regiocoordinator", "afspraken", "samenwerken" }

local rows, without, rows_with = t.rows, t.without, t.rows_with
local function check(step, with) return t.check("jzojp", step, { with = with }) end

local blocks = t.blocks -- not ready, a remedy and the citation

local advises = t.advises -- a finding, still ready

-- The agreements, with the topics of the one with this id replaced.
local function agreements_with(id, topics)
  return rows_with("agreements", "id", id, function(a) a.topics = topics end)
end

t.case("the baseline is ready at every step, without any finding", function()
  t.no_findings("jzojp", STAPPEN)
end)

-- The advice: one change to the baseline each, and the advisory finding it brings.
t.case_table("jzojp", {
  { "bestuurlijke-opdracht: a missing topic is advice", step = "regiocoordinator",
    with = { agreements = agreements_with("opdracht", { "publieke-waarde", "doel", "rol-rc",
      "partijen", "besluitvormend-orgaan", "mandaat", "raadsbetrokkenheid" }) },
    advises = { { check = "bestuurlijke-opdracht", subject = "opdracht",
      missing = "does not cover financiering-rc" } } },
  { "monitoring-afgesproken: an agreement without monitoring is advice", step = "afspraken",
    with = { agreements = agreements_with("convenant", { "doel", "werkagenda" }) },
    advises = { { check = "monitoring-afgesproken", subject = "convenant" } } },
  { "rc-gezamenlijk-gefinancierd: no RC funding by the gemeenten is advice", step = "afspraken",
    with = { funding = rows_with("funding", "id", "rc-2025", function(f) f.source = "rijk" end) },
    advises = { { check = "rc-gezamenlijk-gefinancierd" } } },
  { "taakverdeling: a gemeente without a task is advice, named", step = "afspraken",
    with = { responsibilities = without(rows("responsibilities"),
      function(r) return r.organisation == "gem-tynaarlo" end) },
    advises = { { check = "taakverdeling", subject = "GM1730" } } },
  { "onderwerpen: no themes is advice", step = "afspraken", with = { themes = {} },
    advises = { { check = "onderwerpen" } } },
})

t.case("regiocoordinator: none blocks at every step from the first on", function()
  local rs = without(rows("roles"), function(r) return r.role == "regiocoordinator" end)
  for _, stap in ipairs(STAPPEN) do
    local r = check(stap, { roles = rs })
    blocks(r, { check = "regiocoordinator", subject = "drenthe-noord-klaar" },
      "de cruciale verbindende rol")
    t.equal(t.status(r, "rc-tijd"), "waiting", "no RC, so no RC's time to judge (" .. stap .. ")")
  end
end)

t.case("aanspreekpunt-mandaat: the wethouder's role and mandate must be agreed", function()
  local as = agreements_with("opdracht", { "publieke-waarde", "doel", "rol-rc", "partijen",
    "financiering-rc", "besluitvormend-orgaan", "raadsbetrokkenheid" })
  for _, stap in ipairs(STAPPEN) do
    blocks(check(stap, { agreements = as }), { check = "aanspreekpunt-mandaat",
      subject = "wh-assen" }, "bestuurlijke opdracht als fundament")
  end
  -- mandaat in any agreement in force will do
  for _, a in ipairs(as) do
    if a.id == "convenant" then a.topics[#a.topics + 1] = "mandaat" end
  end
  t.equal(t.status(check("regiocoordinator", { agreements = as }), "aanspreekpunt-mandaat"),
    "pass", "mandaat in the convenant")
end)

t.case("bestuurlijk-aanspreekpunt: none is advice, and then no mandate is asked", function()
  local rs = without(rows("roles"), function(r) return r.role == "bestuurlijk-aanspreekpunt" end)
  local r = check("regiocoordinator", { roles = rs, agreements = agreements_with("opdracht",
    { "publieke-waarde", "doel", "rol-rc", "partijen", "financiering-rc",
      "besluitvormend-orgaan", "raadsbetrokkenheid" }) })
  advises(r, { check = "bestuurlijk-aanspreekpunt" })
  t.equal(t.status(r, "aanspreekpunt-mandaat"), "not_applicable", "nobody whose mandate to agree")
  t.holds(r, { ready = true, not_applicable = { "aanspreekpunt-mandaat" } })
  for _, c in ipairs(r.checks) do
    if c.id == "aanspreekpunt-mandaat" then
      t.equal(c.reason, "the region has no wethouder as bestuurlijk aanspreekpunt, so no "
        .. "mandate to agree", "the reason")
      t.equal(#c.findings, 0, "no finding")
    end
  end
  t.equal(r.not_applicable, 1, "counted")
end)

t.case("rc-tijd: an RC without hours is advice", function()
  local rs = rows("roles")
  for _, r in ipairs(rs) do r.hours = nil end
  advises(check("regiocoordinator", { roles = rs }), { check = "rc-tijd" })
  rs[1].hours = 8
  t.equal(t.status(check("regiocoordinator", { roles = rs }), "rc-tijd"), "pass", "one with hours")
end)

t.case("regionale-afspraken: a withdrawn zorgkantoor blocks, from afspraken on", function()
  local as = rows("agreements")
  for _, a in ipairs(as) do
    for _, party in ipairs(a.parties) do
      if party.organisation == "zorgkantoor" then party.status = "withdrawn" end
    end
  end
  for _, stap in ipairs({ "afspraken", "samenwerken" }) do
    blocks(check(stap, { agreements = as }), { check = "regionale-afspraken",
      subject = "zorgkantoor", missing = "withdrew" }, "waarom regionale samenwerking")
  end
  t.no_finding(check("regiocoordinator", { agreements = as }), { check = "regionale-afspraken" })
end)

t.case("jaarlijkse-evaluatie and voortgang-gemonitord: advice in the last step", function()
  advises(check("samenwerken", { evaluations = {} }), { check = "jaarlijkse-evaluatie" })
  advises(check("samenwerken", { indicators = {} }), { check = "voortgang-gemonitord" })
end)

t.case("doelen-vastgelegd: goals outside the bestuurlijke opdracht block once it runs", function()
  local as = agreements_with("opdracht", { "publieke-waarde", "rol-rc", "partijen",
    "financiering-rc", "besluitvormend-orgaan", "mandaat", "raadsbetrokkenheid" })
  blocks(check("samenwerken", { agreements = as }), { check = "doelen-vastgelegd",
    subject = "opdracht", missing = "does not cover doel" }, "expliciteer het gemeenschappelijke doel")
  t.expect(check("afspraken", { agreements = as }).ready, "not yet asked at afspraken")
end)

t.case("zorgaanbieders: no provider involved is advice", function()
  local as = rows("agreements")
  for _, a in ipairs(as) do
    a.parties = without(a.parties, function(p) return p.organisation == "huisartsen" end)
  end
  advises(check("afspraken", { agreements = as }), { check = "zorgaanbieders" })
end)

t.case("evaluatie-kader, dubbele-besluitvorming, bestaande-overleggen: advice at samenwerken", function()
  local es = rows("evaluations")
  es[1].agreement = nil
  advises(check("samenwerken", { evaluations = es }), { check = "evaluatie-kader",
    missing = "names no agreement" })
  local ds = {
    { id = "a", body = "b1", topic = "financiering", kind = "decision", date = "2025-03-01", subject = "x" },
    { id = "b", body = "b2", topic = "financiering", kind = "decision", date = "2025-04-01", subject = "y" },
  }
  advises(check("samenwerken", { decisions = ds }), { check = "dubbele-besluitvorming",
    missing = "decided on financiering" })
  ds[2].body = "b1"
  t.no_finding(check("samenwerken", { decisions = ds }), { check = "dubbele-besluitvorming" })
  advises(check("samenwerken", { links = {} }), { check = "bestaande-overleggen" })
  local as = rows("agreements")
  for _, a in ipairs(as) do a.topics = without(a.topics, function(x) return x == "visie" end) end
  advises(check("samenwerken", { agreements = as }), { check = "gezamenlijke-visie" })
  t.no_finding(check("samenwerken", { agreements = as, documents = { { id = "v", title = "Visie",
    kind = "visie", status = "adopted" } } }), { check = "gezamenlijke-visie" })
end)

t.case_table("jzojp", {
  { "regionale-afspraken: without a gemeente taking part there is no agreement with the gemeenten, "
    .. "so it blocks (never 'every gemeente signed' of none)", step = "afspraken",
    with = { municipalities = {} }, ready = false, waiting = { "taakverdeling" },
    blocks = { { check = "regionale-afspraken", missing = "no municipality takes part",
      cites = "werkstructuur" } } },
})
