--- Juiste Zorg op de Juiste Plek: the werkstructuur in which gemeenten, zorgverzekeraars and
-- zorgkantoren work together per region, with a regiocoördinator as the hub. The VNG
-- handreiking for regiocoördinatoren is a set of ingredients, not a step plan: only what it
-- calls crucial or conditional blocks (an RC, regional agreements between the financiers);
-- the bestuurlijke opdracht "kan helpen" and the yearly evaluation keeps the collaboration
-- alive, so both are advice. The step split is this programme's. See docs/programmes.md.
local P = require "spil.programme"
local C = require "spil.checks"
local S = require("spil.engine").subject
local T = require "spil.messages"

-- What this programme's checks say, in both languages (spil.messages).
T.define {
  nl = {
    ["jzojp.no_agreement"] = "er is geen geldende regionale afspraak (samenwerkingsovereenkomst, convenant of regioplan)",
    ["jzojp.no_agreement.do"] = "leg de regionale afspraken vast onder 'agreements', met de gemeenten, de zorgverzekeraar en het zorgkantoor als partijen",
    ["jzojp.no_monitoring"] = "{agreement} zegt niet wat en hoe er gemonitord wordt",
    ["jzojp.no_monitoring.do"] = "spreek af wat er gemonitord wordt en hoe, en voeg monitoring toe aan de topics van {id}",
    ["jzojp.rc_not_funded"] = "de gemeenten financieren de regiocoördinator (nog) niet samen",
    ["jzojp.rc_not_funded.do"] = "spreek de bijdrage van de gemeenten aan de RC af en leg die vast (funding: purpose rc, source gemeente)",
    ["jzojp.no_mandate"] = "geen geldende afspraak legt de rol en het mandaat van {person} als bestuurlijk aanspreekpunt vast",
    ["jzojp.no_aanspreekpunt"] = "de regio heeft geen wethouder als bestuurlijk aanspreekpunt, dus geen mandaat om af te spreken",
    ["jzojp.no_mandate.do"] = "spreek met de wethouders van de regio de rol en het mandaat van het aanspreekpunt af, en voeg mandaat toe aan de topics van die afspraak (bijvoorbeeld de bestuurlijke opdracht)",
    ["jzojp.no_hours"] = "er zijn geen uren vastgelegd voor de regiocoördinator",
    ["jzojp.no_hours.do"] = "spreek de uren van de RC af en leg ze vast (roles: hours)",
    ["jzojp.goals.do"] = "leg de doelen van de samenwerking vast in een bestuurlijke opdracht (agreements: kind bestuurlijke-opdracht, topics: doel)",
    ["jzojp.no_providers"] = "geen zorgaanbieder (ziekenhuis, huisartsen, GGD, JGZ, welzijn, ...) is partij bij een afspraak of zit in een overleg",
    ["jzojp.no_providers.do"] = "neem de aanbieders die de afspraken gaan uitvoeren mee: nodig ze uit als partij of geef ze een plaats in een overleg",
    ["jzojp.no_task"] = "er is geen taak van {municipality} in de samenwerking vastgelegd",
    ["jzojp.no_task.do"] = "spreek af wat {municipality} doet en leg dat vast onder 'responsibilities'",
    ["jzojp.no_themes"] = "er zijn geen thema's vastgelegd: over welke onderwerpen werken de gemeenten samen?",
    ["jzojp.no_themes.do"] = "benoem de onderwerpen van de samenwerking onder 'themes'",
    ["jzojp.no_indicators"] = "er zijn geen indicatoren vastgelegd die de effecten laten zien",
    ["jzojp.no_indicators.do"] = "kies indicatoren (bijvoorbeeld uit de gemeentezorgspiegel) en leg ze vast onder 'indicators'",
    ["jzojp.twice"] = "zowel {body1} ({id1}) als {body2} ({id2}) besloot over {topic}",
    ["jzojp.twice.do"] = "spreek af welk overleg over {topic} besluit en laat het andere adviseren",
    ["jzojp.no_goals"] = "evaluatie {id} noemt geen afspraak waarvan zij de doelen meet",
    ["jzojp.no_goals.do"] = "evalueer tegen de vooraf afgesproken doelen en leg de afspraak vast (evaluations: agreement)",
    ["jzojp.no_vision"] = "er is geen gezamenlijke visie op de regio vastgelegd",
    ["jzojp.no_vision.do"] = "formuleer met de gemeenten een gezamenlijke visie (met data, bijvoorbeeld de gemeentezorgspiegel) en leg die vast: een topic visie bij een afspraak, of een document van het soort visie",
  },
  en = {
    ["jzojp.no_agreement"] = "no regional agreement (samenwerkingsovereenkomst, convenant or regioplan) is in force",
    ["jzojp.no_agreement.do"] = "record the regional agreements under 'agreements', with the gemeenten, the zorgverzekeraar and the zorgkantoor as parties",
    ["jzojp.no_monitoring"] = "{agreement} does not say what and how to monitor",
    ["jzojp.no_monitoring.do"] = "agree what is monitored and how, and add monitoring to the topics of {id}",
    ["jzojp.rc_not_funded"] = "the gemeenten do not (yet) fund the regiocoordinator together",
    ["jzojp.rc_not_funded.do"] = "agree the gemeenten's contribution to the RC and record it (funding: purpose rc, source gemeente)",
    ["jzojp.no_mandate"] = "no agreement in force records the role and mandate of {person} as bestuurlijk aanspreekpunt",
    ["jzojp.no_aanspreekpunt"] = "the region has no wethouder as bestuurlijk aanspreekpunt, so no mandate to agree",
    ["jzojp.no_mandate.do"] = "agree with the wethouders of the region on the aanspreekpunt's role and mandate, and add mandaat to the topics of that agreement (for instance the bestuurlijke opdracht)",
    ["jzojp.no_hours"] = "no hours are recorded for the regiocoordinator",
    ["jzojp.no_hours.do"] = "agree the RC's hours and record them (roles: hours)",
    ["jzojp.goals.do"] = "lay the goals of the collaboration down in a bestuurlijke opdracht (agreements: kind bestuurlijke-opdracht, topics: doel)",
    ["jzojp.no_providers"] = "no care provider (hospital, huisartsen, GGD, JGZ, welzijn, ...) is party to an agreement or sits in a body",
    ["jzojp.no_providers.do"] = "take the providers who will carry out the agreements along: invite them as parties or seat them in a body",
    ["jzojp.no_task"] = "no task of {municipality} in the collaboration is recorded",
    ["jzojp.no_task.do"] = "agree what {municipality} does and record it under 'responsibilities'",
    ["jzojp.no_themes"] = "no themes are recorded: on which subjects do the gemeenten work together?",
    ["jzojp.no_themes.do"] = "name the subjects of the collaboration under 'themes'",
    ["jzojp.no_indicators"] = "no indicators are recorded to show the effects",
    ["jzojp.no_indicators.do"] = "choose indicators (for instance from the gemeentezorgspiegel) and record them under 'indicators'",
    ["jzojp.twice"] = "both {body1} ({id1}) and {body2} ({id2}) decided on {topic}",
    ["jzojp.twice.do"] = "agree which body decides on {topic} and leave the other to advise",
    ["jzojp.no_goals"] = "evaluation {id} names no agreement whose goals it measures",
    ["jzojp.no_goals.do"] = "evaluate against the goals agreed beforehand and record the agreement (evaluations: agreement)",
    ["jzojp.no_vision"] = "no shared vision on the region is recorded",
    ["jzojp.no_vision.do"] = "formulate a shared vision with the gemeenten (using data, e.g. the gemeentezorgspiegel) and record it: an agreement topic visie, or a document of kind visie",
  },
}

local VNG = "VNG, Regionaal samenwerken aan zorg en ondersteuning (2022)"
local function bron(waar) return VNG .. ", " .. waar end

-- Regional agreements may take any of these forms: "het middel volgt de inhoud".
local AFSPRAKEN = { samenwerkingsovereenkomst = true, convenant = true, regioplan = true }

local function regionale_afspraak(ctx)
  for _, a in ipairs(ctx:list("agreements")) do
    if AFSPRAKEN[a.kind] and C.active(a, ctx.today) then return a end
  end
  return nil
end

-- "Regionale samenwerking tussen de drie financiers van zorg en ondersteuning (gemeenten,
-- zorgverzekeraars en zorgkantoren) is voorwaardelijk", and the werkstructuur is that
-- collaboration "vastgelegd in regionale afspraken": every gemeente, an insurer and a care
-- office have signed a regional agreement, whatever its form.
local getekend = {}
for kind in pairs(AFSPRAKEN) do
  getekend[kind] = C.agreement_signed { id = "regionale-afspraken", name = "Regionale afspraken",
    kind = kind, municipalities = true, kinds = { "zorgverzekeraar", "zorgkantoor" } }
end

local regionale_afspraken = P.check {
  id = "regionale-afspraken", name = "Regionale afspraken tussen gemeenten, zorgverzekeraar en zorgkantoor",
  source = bron("waarom regionale samenwerking? (werkstructuur VNG/ZN 2019)"),
  run = function(ctx)
    -- Any form of regional agreement in force that all three financiers signed will do: each
    -- form the region has is judged, and only when none is signed whole do the findings of the
    -- first form (in the order spil.agreements gives) stand.
    local kinds, seen = {}, {}
    for _, a in ipairs(ctx:list("agreements")) do
      if AFSPRAKEN[a.kind] and C.active(a, ctx.today) and not seen[a.kind] then
        seen[a.kind] = true
        kinds[#kinds + 1] = a.kind
      end
    end
    if #kinds == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("jzojp.no_agreement"), remedy = T.t("jzojp.no_agreement.do") }
      return
    end
    local first
    for _, kind in ipairs(kinds) do
      local got = ctx:tried(getekend[kind].run)
      if #got == 0 then return end
      first = first or got
    end
    ctx:keep(first)
  end }

-- "Spreek aan de voorkant af wat en hoe te monitoren."
local monitoring_afgesproken = P.check {
  id = "monitoring-afgesproken", name = "Vooraf afgesproken wat en hoe te monitoren",
  severity = "advisory", source = bron("monitor de voortgang"),
  run = function(ctx)
    local a = regionale_afspraak(ctx)
    if not a then return ctx:waits_for("regionale-afspraken") end
    for _, t in ipairs(a.topics) do
      if t == "monitoring" then return end
    end
    ctx:finding { subject = S.agreement(a),
      missing = T.t("jzojp.no_monitoring", { agreement = a.title }),
      remedy = T.t("jzojp.no_monitoring.do", { id = a.id }) }
  end }

-- "Geen woorden maar daden: ... Financier bijvoorbeeld gezamenlijk de regiocoördinator."
-- "Bijvoorbeeld" makes it advice. The funding row names one funder, so whether several
-- gemeenten pay is not checked: any agreed RC funding from the gemeenten counts.
local rc_gefinancierd = P.check {
  id = "rc-gezamenlijk-gefinancierd", name = "Gemeenten financieren samen de regiocoördinator",
  severity = "advisory", source = bron("geen woorden maar daden"),
  run = function(ctx)
    for _, f in ipairs(ctx:list("funding")) do
      if f.purpose == "rc" and f.source == "gemeente" and (f.status == "agreed"
          or f.status == "granted") and C.active(f, ctx.today) then
        return
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("jzojp.rc_not_funded"), remedy = T.t("jzojp.rc_not_funded.do") }
  end }

-- "Ook de wethouder die namens de regio het bestuurlijk aanspreekpunt is, zal afspraken
-- moeten maken met de collega's uit de regio over zijn of haar rol en mandaat": binding
-- ("zal ... moeten") wherever the region has such a wethouder. An agreement about a role is
-- not a record of its own, so an agreement in force that covers `mandaat` stands for it.
local aanspreekpunt_mandaat = P.check {
  id = "aanspreekpunt-mandaat", name = "Rol en mandaat van het bestuurlijk aanspreekpunt afgesproken",
  source = bron("bestuurlijke opdracht als fundament voor succes"),
  run = function(ctx)
    local people = require("spil.data").index(ctx:list("people"))
    local wie
    for _, r in ipairs(ctx:list("roles")) do
      if r.role == "bestuurlijk-aanspreekpunt" and r.municipality == nil
          and C.active(r, ctx.today) then
        wie = people[r.person] or { id = r.person }
      end
    end
    -- Conditional ("zal ... moeten" of an aanspreekpunt the region has): without one there is
    -- no mandate to agree, so it does not apply (not met, not waiting);
    -- bestuurlijk-aanspreekpunt advises one.
    if not wie then return ctx:not_applicable(T.t("jzojp.no_aanspreekpunt")) end
    for _, a in ipairs(ctx:list("agreements")) do
      if C.active(a, ctx.today) then
        for _, t in ipairs(a.topics) do
          if t == "mandaat" then return end
        end
      end
    end
    ctx:finding { subject = S.person(wie),
      missing = T.t("jzojp.no_mandate", { person = wie.name or wie.id }),
      remedy = T.t("jzojp.no_mandate.do") }
  end }

-- "Als aanjager en aanspreekpunt heeft de regiocoördinator tijd, ruimte én legitimiteit
-- nodig om namens de regio tot afspraken te komen. Een bestuurlijke opdracht kan daarbij
-- helpen": the means are advice; the time shows as the RC's hours.
local rc_tijd = P.check {
  id = "rc-tijd", name = "Tijd voor de regiocoördinator", severity = "advisory",
  source = bron("bestuurlijke opdracht als fundament voor succes"),
  run = function(ctx)
    local any = false
    for _, r in ipairs(ctx:list("roles")) do
      if r.role == "regiocoordinator" and r.municipality == nil and C.active(r, ctx.today) then
        any = true
        if (r.hours or 0) > 0 then return end
      end
    end
    if not any then return ctx:waits_for("regiocoordinator") end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("jzojp.no_hours"), remedy = T.t("jzojp.no_hours.do") }
  end }

-- "De gestelde doelen moeten uiteindelijk in een bestuurlijke opdracht worden vastgelegd":
-- binding ("moeten"), at the latest once the collaboration runs ("uiteindelijk"), although
-- the opdracht itself is advice earlier on.
local doelen_vastgelegd = C.agreement_covers { id = "doelen-vastgelegd",
  name = "Doelen vastgelegd in een bestuurlijke opdracht", kind = "bestuurlijke-opdracht",
  topics = { "doel" }, source = bron("expliciteer het gemeenschappelijke doel"),
  remedy = T.t("jzojp.goals.do") }

-- "Neem de zorgaanbieders mee in de ontwikkelingen van de samenwerking. Zij zullen de
-- afspraken uit moeten voeren dus draagvlak is belangrijk": an ingredient, so advice. Of
-- "meenemen" the data shows a provider that is party to an agreement or sits in a body.
local AANBIEDERS = { ziekenhuis = true, huisartsen = true, ggd = true, jgz = true, welzijn = true,
  ["sociaal-wijkteam"] = true, kraamzorg = true, paramedici = true, vsv = true, igo = true,
  ggz = true, vvt = true }

local zorgaanbieders = P.check {
  id = "zorgaanbieders", name = "Zorgaanbieders meegenomen", severity = "advisory",
  source = bron("neem de zorgaanbieders mee in de ontwikkelingen van de samenwerking"),
  run = function(ctx)
    local involved = {}
    for _, a in ipairs(ctx:list("agreements")) do
      for _, p in ipairs(a.parties) do involved[p.organisation] = true end
    end
    for _, b in ipairs(ctx:list("bodies")) do
      for _, m in ipairs(b.members) do involved[m.organisation] = true end
    end
    for _, o in ipairs(ctx:list("organisations")) do
      if AANBIEDERS[o.kind] and involved[o.id] then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("jzojp.no_providers"), remedy = T.t("jzojp.no_providers.do") }
  end }

-- "Zorg dat tussen gemeenten duidelijk is hoe je met elkaar samenwerkt. Maak ook duidelijk
-- wat je van je collega-ambtenaren en bestuurders verwacht, door heldere verdeling van taken
-- en verantwoordelijkheden": an ingredient, so advice; every member gemeente has a task.
local taakverdeling = P.check {
  id = "taakverdeling", name = "Taken tussen de gemeenten verdeeld", severity = "advisory",
  source = bron("verhelder onderlinge verwachtingen over de samenwerking"),
  run = function(ctx)
    local owns, members = {}, C.members(ctx)
    if #members == 0 then return ctx:waits_for("regionale-afspraken") end -- no gemeente at all
    for _, r in ipairs(ctx:list("responsibilities")) do owns[r.organisation] = true end
    for _, m in ipairs(members) do
      local g = C.gemeente_of(ctx, m.code)
      if not (g and owns[g.id]) then
        ctx:finding { subject = S.municipality(m),
          missing = T.t("jzojp.no_task", { municipality = m.name }),
          remedy = T.t("jzojp.no_task.do", { municipality = m.name }) }
      end
    end
  end }

-- "Maak duidelijk wat je wel/niet alleen kan, waar je elkaar voor nodig hebt en op welke
-- onderwerpen je dus wilt samenwerken": an ingredient, so advice; the themes are recorded.
local onderwerpen = P.check {
  id = "onderwerpen", name = "Onderwerpen van de samenwerking benoemd", severity = "advisory",
  source = bron("leg uit dat regionaal en lokaal elkaar versterken"),
  run = function(ctx)
    if #ctx:list("themes") == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("jzojp.no_themes"), remedy = T.t("jzojp.no_themes.do") }
    end
  end }

-- "Beperk je niet tot kwalitatief monitoren, maar maak (ook) op basis van data effecten
-- inzichtelijk."
local voortgang_gemonitord = P.check {
  id = "voortgang-gemonitord", name = "Voortgang gemonitord met data", severity = "advisory",
  source = bron("monitor de voortgang"),
  run = function(ctx)
    if #ctx:list("indicators") == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("jzojp.no_indicators"), remedy = T.t("jzojp.no_indicators.do") }
    end
  end }

-- "Voorkom dat bestuurders in verschillende overleggen over hetzelfde onderwerp moeten
-- besluiten": advisory. Two bodies that decided on the same topic (schema 3's decision topic).
local dubbel_besluit = P.check {
  id = "dubbele-besluitvorming", name = "Niet in twee overleggen over hetzelfde besluiten",
  severity = "advisory", source = bron("sluit aan bij bestaande structuren"),
  run = function(ctx)
    local first = {}
    for _, d in ipairs(ctx:list("decisions")) do
      if d.topic and d.body and d.kind == "decision" then
        local f = first[d.topic]
        if not f then
          first[d.topic] = d
        elseif f.body ~= d.body then
          ctx:finding { subject = S.region(ctx.region),
            missing = T.t("jzojp.twice", { body1 = f.body, id1 = f.id, body2 = d.body, id2 = d.id,
              topic = d.topic }),
            remedy = T.t("jzojp.twice.do", { topic = d.topic }) }
          first[d.topic] = { body = f.body, id = f.id, reported = true }
        end
      end
    end
  end }

-- "Vooraf gestelde doelen én verwachtingen van betrokkenen vormen het kader waarmee
-- geëvalueerd wordt": advisory. The latest evaluation names the agreement it measures against.
local evaluatie_kader = P.check {
  id = "evaluatie-kader", name = "Evaluatie tegen vooraf gestelde doelen", severity = "advisory",
  source = bron("evaluatie (lerend evalueren)"),
  run = function(ctx)
    local latest
    for _, e in ipairs(ctx:list("evaluations")) do
      if e.date <= ctx.today and (not latest or e.date > latest.date) then latest = e end
    end
    if not latest then return ctx:waits_for("jaarlijkse-evaluatie") end
    if not latest.agreement then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("jzojp.no_goals", { id = latest.id }), remedy = T.t("jzojp.no_goals.do") }
    end
  end }

-- "formuleer een gezamenlijke visie op de regio": advice (an ingredient).
local visie = P.check {
  id = "gezamenlijke-visie", name = "Gezamenlijke visie op de regio", severity = "advisory",
  source = bron("expliciteer het gemeenschappelijke doel"),
  run = function(ctx)
    for _, a in ipairs(ctx:list("agreements")) do
      if C.active(a, ctx.today) then
        for _, t in ipairs(a.topics) do if t == "visie" then return end end
      end
    end
    for _, d in ipairs(ctx:list("documents")) do
      if d.kind == "visie" and d.status ~= "withdrawn" then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("jzojp.no_vision"), remedy = T.t("jzojp.no_vision.do") }
  end }

return P.programme {
  id = "jzojp",
  name = "Juiste Zorg op de Juiste Plek",
  source = VNG,
  -- The RC may move the region on without a formal assignment: the VNG text asks for "iemand
  -- die het proces aanjaagt", not for an opdrachtbeschrijving (the check regiocoordinator).
  rules = { may_advance = function(ctx, person, programme, step)
    return require("spil.governance").may_advance(ctx, person, programme, step,
      { informal = true })
  end },
  phases = {
    P.phase { id = "werkstructuur", name = "Regionale werkstructuur", steps = {

      P.step { id = "regiocoordinator", name = "De regiocoördinator als spil",
        aim = "Iemand jaagt de samenwerking aan en coördineert tussen de gemeenten, met tijd, "
          .. "ruimte en legitimiteit om namens de regio tot afspraken te komen.",
        source = bron("de regiocoördinator als onmisbare procesregisseur"),
        checks = {
          -- "Cruciaal dat er iemand is die het proces aanjaagt": an RC, not necessarily with a
          -- formal assignment (contrast KnGG). The VNG text says nothing of splitting the
          -- role; any region-wide regiocoordinator in force counts.
          C.role_assigned { id = "regiocoordinator", name = "Regiocoördinator aangesteld",
            role = "regiocoordinator",
            source = bron("de cruciale verbindende rol van de regiocoördinator") },
          -- "Een bestuurlijke opdracht kan daarbij helpen. Is die er niet, dan doet de
          -- regiocoördinator er goed aan erop aan te sturen": advice, not a gate.
          C.agreement_covers { id = "bestuurlijke-opdracht", name = "Bestuurlijke opdracht",
            kind = "bestuurlijke-opdracht", severity = "advisory",
            topics = { "publieke-waarde", "doel", "rol-rc", "partijen", "financiering-rc",
              "besluitvormend-orgaan", "raadsbetrokkenheid" },
            source = bron("bestuurlijke opdracht als fundament voor succes; bestuurlijke "
              .. "opdracht: wat staat er in?") },
          C.role_assigned { id = "bestuurlijk-aanspreekpunt",
            name = "Wethouder als bestuurlijk aanspreekpunt namens de regio",
            role = "bestuurlijk-aanspreekpunt", severity = "advisory",
            source = bron("bestuurlijke opdracht als fundament voor succes") },
          aanspreekpunt_mandaat,
          rc_tijd,
        } },

      P.step { id = "afspraken", name = "Samenwerkingsafspraken",
        aim = "Niet-vrijblijvende regionale afspraken tussen gemeenten, zorgverzekeraar en "
          .. "zorgkantoor, met vooraf afgesproken monitoring.",
        source = bron("maak duidelijke inhoudelijke afspraken"),
        checks = { regionale_afspraken, monitoring_afgesproken, rc_gefinancierd, zorgaanbieders,
          taakverdeling, onderwerpen } },

      P.step { id = "samenwerken", name = "Samenwerken, monitoren en evalueren",
        aim = "De samenwerking levend houden: voortgang monitoren en elk jaar lerend "
          .. "evalueren.",
        source = bron("evalueer de samenwerking tussen gemeenten"),
        checks = {
          -- An ingredient of the handreiking, not a condition: advisory. It also keeps the
          -- bestuurlijke opdracht under periodic review ("afspraken actueel").
          C.evaluated_within { id = "jaarlijkse-evaluatie", name = "Samenwerking jaarlijks geëvalueerd",
            months = 12, severity = "advisory",
            source = bron("evalueer de samenwerking tussen gemeenten") },
          voortgang_gemonitord,
          doelen_vastgelegd,
          evaluatie_kader,
          visie,
          dubbel_besluit,
          -- "Sluit in de beginfase zoveel mogelijk aan bij bestaande overleggen en organisaties
          -- (zoals samenwerkingsverbanden)": advisory.
          C.linked { id = "bestaande-overleggen", name = "Aangesloten bij bestaande overleggen",
            kinds = { "samenwerkingsverband", "zorgkantoorregio", "iza-regio", "subregio" },
            severity = "advisory", source = bron("sluit aan bij bestaande structuren") },
        } },
    } },
  },
}
