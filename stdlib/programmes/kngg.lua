--- Kind naar Gezonder Gewicht (KnGG): the regional implementation as the JOGG guidance lays it
-- out. Fase 1 (voorbereiden en ontwerpen): the verkenningsfase (steps 1-5), then steps 6, 7
-- and 8; Fase 2 (experimenteren en uitvoeren). A step's checks are its exit criteria: what must
-- hold before the region leaves it. Every check cites where the guidance asks for it; the table
-- in docs/programmes.md maps each precondition to its check, and lists what cannot be checked.
local P = require "spil.programme"
local C = require "spil.checks"
local S = require("spil.engine").subject
local index = require("spil.data").index
local T = require "spil.messages"

-- What this programme's own checks say, in both languages (programmes/kngg_messages.lua).
T.define(require "programmes.kngg_messages")

local LEIDRAAD = "Leidraad regionale implementatiefase KnGG (2025)"
local function bron(waar) return LEIDRAAD .. ", " .. waar end

-- The executing organisations (uitvoeringsorganisaties) the guidance names: "GGD, JGZ,
-- sociale wijkteams, huisartsengroepen, ziekenhuis, etc.", plus the CJG, welzijn and
-- paramedici that step 6 lists among the parties to think of.
local UITVOERING = { "ggd", "jgz", "cjg", "sociaal-wijkteam", "huisartsen", "ziekenhuis",
  "welzijn", "paramedici" }

-- ---- reading the data ---------------------------------------------------------------------

local function is_one_of(kind, kinds)
  for _, k in ipairs(kinds) do
    if k == kind then return true end
  end
  return false
end

--- The first agreement of kind in force today (the one the helpers in spil.checks look at).
local function agreement(ctx, kind)
  for _, a in ipairs(ctx:list("agreements")) do
    if a.kind == kind and C.active(a, ctx.today) then return a end
  end
  return nil
end

local body = C.body

--- Whether role row r is a region-wide regiocoördinator in force (not a municipality's own).
local function rc_role(ctx, r)
  return r.role == "regiocoordinator" and r.municipality == nil and C.active(r, ctx.today)
end

--- The parties of an agreement that are still in (not declined, not withdrawn).
local function parties_in(a)
  local out = {}
  for _, p in ipairs(a.parties) do
    if p.status ~= "declined" and p.status ~= "withdrawn" then out[#out + 1] = p end
  end
  return out
end

--- Organisation ids that sit in some body, in any membership (member, agenda, advisory).
local function seated(ctx) return C.seated(ctx:list("bodies")) end

local function org_subject(orgs, id)
  return S.organisation(orgs[id] or { id = id })
end

-- ---- checks the helpers do not cover ------------------------------------------------------

--- Agreements in force, of any kind, cover every one of `topics` between them. The guidance
-- asks for "afspraken" on M&E and communication, not for one kind of document.
local function afspraken_over(def)
  return P.check { id = def.id, name = def.name, source = def.source, severity = def.severity,
    run = function(ctx)
      -- An agreement counts when it is in force (not a draft, not ended), regional (not made
      -- for one municipality) and made with partners (a party that is still in).
      local covered = {}
      for _, a in ipairs(ctx:list("agreements")) do
        if C.active(a, ctx.today) and a.municipality == nil and #parties_in(a) > 0 then
          for _, t in ipairs(a.topics) do covered[t] = true end
        end
      end
      for _, t in ipairs(def.topics) do
        if not covered[t] then
          ctx:finding { subject = S.region(ctx.region),
            missing = T.t("kngg.not_covered", { topic = t }),
            remedy = T.t("kngg.not_covered.do", { topic = t }) }
        end
      end
    end }
end

-- "Wanneer het draagvlak er bij meerdere gemeenten is": at least two municipalities have
-- joined. Membership (status member) is the data's trace of a municipality's positive
-- decision.
local draagvlak_gemeenten = P.check {
  id = "draagvlak-gemeenten", name = "Bestuurlijk draagvlak bij meerdere gemeenten",
  source = bron("de regionale coördinator en randvoorwaarden"),
  run = function(ctx)
    local leden = C.members(ctx)
    if #leden < 2 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t(#leden == 1 and "kngg.one_member" or "kngg.few_members",
          { n = string.format("%d", #leden) }),
        remedy = T.t("kngg.one_member.do") }
    end
  end }

-- A candidate has not decided yet: worth knowing at the end of the verkenning, but the others
-- can go on without it, and later candidates are the scaling up fase 2 advises ("start
-- relatief klein"): so this is named at step 1-5 only (holds = "step").
local kandidaat_gemeenten = P.check {
  id = "kandidaat-gemeenten", name = "Gemeenten die nog niet besloten hebben",
  severity = "advisory", holds = "step", source = bron("commitment als essentiële randvoorwaarde"),
  run = function(ctx)
    for _, m in ipairs(ctx:list("municipalities")) do
      if m.status == "candidate" and C.active(m, ctx.today) then
        ctx:finding { subject = S.municipality(m),
          missing = T.t("kngg.candidate", { municipality = m.name or m.code }),
          remedy = T.t("kngg.candidate.do", { municipality = m.name or m.code }) }
      end
    end
  end }

-- "Na een positieve besluitvorming": each member gemeente decided to join. Its own decision
-- (a collegebesluit, topic deelname) or one of a body on its joining is the record; a
-- recorded decision that is pending, deferred or rejected blocks, since the verkenning ends
-- with a positive one. The latest decision of that gemeente counts.
local function deelname_besluiten(ctx)
  local latest = {}
  for _, d in ipairs(ctx:list("decisions")) do
    if d.topic == "deelname" and d.organisation and d.date <= ctx.today then
      local prev = latest[d.organisation]
      if not prev or d.date >= prev.date then latest[d.organisation] = d end
    end
  end
  return latest
end

local besluit_deelname = P.check {
  id = "besluit-deelname", name = "Positief besluit van elke deelnemende gemeente",
  source = bron("de regionale coördinator (na een positieve besluitvorming)"),
  run = function(ctx)
    local latest = deelname_besluiten(ctx)
    for _, m in ipairs(C.members(ctx)) do
      local g = C.gemeente_of(ctx, m.code)
      local d = g and latest[g.id]
      if d and d.outcome ~= "adopted" and d.outcome ~= nil then
        ctx:finding { subject = S.municipality(m),
          missing = T.t("kngg.join_not_adopted", { municipality = m.name or m.code, id = d.id,
            date = d.date, outcome = T.word("decisions.outcome", d.outcome) }),
          remedy = T.t("kngg.join_not_adopted.do", { municipality = m.name or m.code }) }
      end
    end
  end }

-- The same decision, where none is recorded: advisory, since a member's status is the older
-- trace of it and the guidance does not ask for the document itself.
local besluit_deelname_vastgelegd = P.check {
  id = "besluit-deelname-vastgelegd", name = "Besluit tot deelname van elke gemeente vastgelegd",
  severity = "advisory", source = bron("de regionale coördinator (na een positieve besluitvorming)"),
  run = function(ctx)
    local latest = deelname_besluiten(ctx)
    for _, m in ipairs(C.members(ctx)) do
      local g = C.gemeente_of(ctx, m.code)
      local d = g and latest[g.id]
      if d and d.outcome == nil then
        ctx:finding { subject = S.municipality(m),
          missing = T.t("kngg.join_no_outcome", { municipality = m.name or m.code, id = d.id,
            date = d.date }),
          remedy = T.t("kngg.join_no_outcome.do") }
      elseif not d then
        ctx:finding { subject = S.municipality(m),
          missing = T.t("kngg.join_none", { municipality = m.name or m.code }),
          remedy = T.t("kngg.join_none.do", { gemeente = g and g.id or T.t("kngg.the_gemeente") }) }
      end
    end
  end }

-- "Aanbevolen wordt om de opdracht en positie van de RC vast te leggen ... en deze periodiek
-- te toetsen aan de praktijk": advisory. "Periodiek" is the region's: parameter
-- toetsing_maanden (default 12, spil's reading; the guidance gives no period).
local opdracht_getoetst = P.check {
  id = "opdracht-rc-getoetst", name = "Opdracht van de RC periodiek getoetst",
  severity = "advisory", source = bron("de regionale coördinator (aanbevolen)"),
  run = function(ctx)
    local since = C.months_before(ctx.today, C.param(ctx, "toetsing_maanden", 12))
    local people, any = index(ctx:list("people")), false
    for _, r in ipairs(ctx:list("roles")) do
      any = any or rc_role(ctx, r)
      if rc_role(ctx, r)
          and r.since and r.since < since and not (r.reviewed and r.reviewed >= since) then
        local who = people[r.person] or { id = r.person }
        ctx:finding { subject = S.person(who),
          missing = T.t("kngg.not_reviewed", { person = who.name or who.id,
            since = r.reviewed or r.since }),
          remedy = T.t("kngg.not_reviewed.do") }
      end
    end
    if not any then return ctx:waits_for("regiocoordinator") end
  end }

-- "Eventueel kan de rol verdeeld worden over twee mensen" (strategisch / operationeel): when it
-- is, say who has which focus (advisory: the split itself is optional). A role not split has
-- no focus to divide: the check does not apply.
local rc_rolverdeling = P.check {
  id = "rc-rolverdeling", name = "Strategische en operationele focus bij een gedeelde RC-rol",
  severity = "advisory", source = bron("stap 7, organisatiestructuur"),
  run = function(ctx)
    local n, focus = 0, {}
    for _, r in ipairs(ctx:list("roles")) do
      if rc_role(ctx, r) then
        n = n + 1
        if r.focus then focus[r.focus] = true end
      end
    end
    if n < 2 then return ctx:not_applicable(T.t("kngg.rc_not_split")) end
    if not (focus.strategic and focus.operational) then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("kngg.rc_split", { n = string.format("%d", n) }),
        remedy = T.t("kngg.rc_split.do") }
    end
  end }

-- The formal assignment names the hours; the guidance (profielschets) advises on them.
local rc_uren = P.check {
  id = "rc-uren", name = "Uren van de regiocoördinator vastgelegd", severity = "advisory",
  source = bron("de regionale coördinator (profielschets: gewenst aantal uren)"),
  run = function(ctx)
    local any, hours = false, false
    for _, r in ipairs(ctx:list("roles")) do
      if rc_role(ctx, r) then
        any = true
        if (r.hours or 0) > 0 then hours = true end
      end
    end
    if not any then return ctx:waits_for("regiocoordinator") end
    if not hours then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("kngg.rc_hours"), remedy = T.t("kngg.rc_hours.do") }
    end
  end }

-- "Creëer draagvlak bij relevante uitvoeringsorganisaties". Support itself is not in the
-- data; its nearest trace is involvement: the organisation is a party to the
-- samenwerkingsovereenkomst or sits in a body.
local draagvlak_uitvoering = P.check {
  id = "draagvlak-uitvoering", name = "Draagvlak bij uitvoeringsorganisaties",
  severity = "advisory", source = bron("randvoorwaarden"),
  run = function(ctx)
    local involved = seated(ctx)
    local sso = agreement(ctx, "samenwerkingsovereenkomst")
    for _, p in ipairs(sso and parties_in(sso) or {}) do involved[p.organisation] = true end
    local kinds = {}
    for _, o in ipairs(ctx:list("organisations")) do
      if involved[o.id] then kinds[o.kind] = true end
    end
    for _, k in ipairs({ "ggd", "jgz", "sociaal-wijkteam", "huisartsen", "ziekenhuis" }) do
      if not kinds[k] then
        ctx:finding { subject = S.region(ctx.region),
          missing = T.t("kngg.not_involved", { kind = k }),
          remedy = T.t("kngg.not_involved.do", { kind = k }) }
      end
    end
  end }

-- "Zorg minimaal voor een kerngroep met management van belangrijke (uitvoerings)organisaties":
-- a kerngroep with the gemeenten and at least one executing organisation as full members.
local kerngroep_basis = C.body_exists { id = "kerngroep", name = "Kerngroep",
  kind = "kerngroep", member_kinds = { "gemeente" } }

local kerngroep = P.check {
  id = "kerngroep", name = "Kerngroep met management van belangrijke (uitvoerings)organisaties",
  source = bron("stap 7, overlegstructuur"),
  run = function(ctx)
    kerngroep_basis.run(ctx)
    local b = body(ctx, "kerngroep")
    if not b then return end
    local orgs = index(ctx:list("organisations"))
    for _, m in ipairs(b.members) do
      local o = orgs[m.organisation]
      if m.membership == "member" and o and is_one_of(o.kind, UITVOERING) then return end
    end
    ctx:finding { subject = S.body(b),
      missing = T.t("kngg.no_executing", { body = b.name, kinds = table.concat(UITVOERING, ", ") }),
      remedy = T.t("kngg.no_executing.do", { id = b.id }) }
  end }

-- "Zorg minimaal voor een kerngroep met management van belangrijke (uitvoerings)organisaties"
-- and "je laat je daarbij leiden door hun beslissingsbevoegdheid": binding (minimaal). A
-- member's position in its organisation (level, schema 3) must be management or bestuurder
-- where it is recorded; and the representative must be able to decide for it (mandate: true).
-- An unrecorded mandate counts as none: the remedy says to record it.
local kerngroep_mandaat = P.check {
  id = "kerngroep-mandaat", name = "Kerngroepleden met beslissingsbevoegdheid",
  source = bron("stap 7, overlegstructuur en samenstelling"),
  run = function(ctx)
    local b = body(ctx, "kerngroep")
    if not b then return ctx:waits_for("kerngroep") end
    local orgs = index(ctx:list("organisations"))
    for _, m in ipairs(b.members) do
      if m.membership == "member" and (m.level == "beleid" or m.level == "uitvoering") then
        local o = orgs[m.organisation] or { id = m.organisation }
        ctx:finding { subject = S.organisation(o),
          missing = T.t("kngg.level", { org = o.name or o.id, body = b.name, level = m.level }),
          remedy = T.t("kngg.level.do", { org = o.name or o.id }) }
      elseif m.membership == "member" and m.mandate ~= true then
        local o = orgs[m.organisation] or { id = m.organisation }
        ctx:finding { subject = S.organisation(o),
          missing = T.t("kngg.no_mandate", { org = o.name or o.id, body = b.name }),
          remedy = T.t("kngg.no_mandate.do", { org = o.name or o.id }) }
      end
    end
  end }

-- "Alle relevante stakeholders vertegenwoordigd in één of meerdere kern/project- of
-- werkgroepen". The stakeholders are the parties to the samenwerkingsovereenkomst. One
-- gemeente may represent the others ("een specifieke gemeente als representatieve afgevaardigde
-- ... aan te stellen"): a gemeente without a seat is represented when a body records a seated
-- member that speaks for it (bodies[].represented).
local stakeholders = P.check {
  id = "stakeholders-vertegenwoordigd", name = "Alle partijen vertegenwoordigd in de projectorganisatie",
  source = bron("stap 7"),
  run = function(ctx)
    local sso = agreement(ctx, "samenwerkingsovereenkomst")
    if not sso then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("kngg.no_sov"), remedy = T.t("kngg.no_sov.do") }
      return
    end
    local orgs, zit = index(ctx:list("organisations")), seated(ctx)
    -- Who speaks for whom (schema 3): an organisation a seated member represents. A gemeente is
    -- represented by a gemeente ("een specifieke gemeente als representatieve afgevaardigde
    -- voor de overige betrokken gemeenten"), not by another kind of organisation.
    local spoken_for = {}
    for _, b in ipairs(ctx:list("bodies")) do
      for _, r in ipairs(b.represented or {}) do
        local o, via = orgs[r.organisation], orgs[r.via]
        local as_gemeente = not (o and o.kind == "gemeente") or (via and via.kind == "gemeente")
        if zit[r.via] and as_gemeente then spoken_for[r.organisation] = r.via end
      end
    end
    local gemeenten, gemeente_zit = 0, false
    for _, p in ipairs(parties_in(sso)) do
      local o = orgs[p.organisation]
      if o and o.kind == "gemeente" then
        gemeenten = gemeenten + 1
        if zit[o.id] then gemeente_zit = true end
      end
      if o and o.kind == "gemeente" and not zit[o.id] and not spoken_for[o.id] then
        ctx:finding { subject = org_subject(orgs, p.organisation),
          missing = T.t("kngg.gemeente_unseated", { org = o.name or o.id }),
          remedy = T.t("kngg.gemeente_unseated.do", { org = o.name or o.id, id = o.id }) }
      elseif not (o and o.kind == "gemeente") and not zit[p.organisation] then
        ctx:finding { subject = org_subject(orgs, p.organisation),
          missing = T.t("kngg.party_unseated", { org = (o and o.name) or p.organisation }),
          remedy = T.t("kngg.party_unseated.do", { org = (o and o.name) or p.organisation }) }
      end
    end
    if gemeenten > 0 and not gemeente_zit then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("kngg.no_gemeente_seated"), remedy = T.t("kngg.no_gemeente_seated.do") }
    end
  end }

-- "Zorg dat de verschillende domeinen en stakeholders vertegenwoordigd zijn, zoals ...":
-- "zoals" makes it a list of examples, so advisory.
local DOMEINEN = { "gemeente", "ziekenhuis", "ggd", "jgz", "zorgverzekeraar", "huisartsen",
  "paramedici" }

local domeinen = P.check {
  id = "domeinen", name = "Domeinen vertegenwoordigd", severity = "advisory",
  source = bron("stap 7, samenstelling"),
  run = function(ctx)
    local zit, kinds = seated(ctx), {}
    for _, o in ipairs(ctx:list("organisations")) do
      if zit[o.id] then kinds[o.kind] = true end
    end
    for _, k in ipairs(DOMEINEN) do
      if not kinds[k] then
        ctx:finding { subject = S.region(ctx.region),
          missing = T.t("kngg.domain", { kind = k }), remedy = T.t("kngg.domain.do", { kind = k }) }
      end
    end
  end }

-- "Leg vast in een document en maak procesafspraken over ieders inzet": every party to the
-- samenwerkingsovereenkomst has at least one task recorded under 'responsibilities'.
local inzet = P.check {
  id = "inzet-vastgelegd", name = "Ieders inzet vastgelegd", source = bron("stap 7, organisatiestructuur"),
  run = function(ctx)
    local sso = agreement(ctx, "samenwerkingsovereenkomst")
    if not sso then return ctx:waits_for("stakeholders-vertegenwoordigd") end
    local owns = {}
    for _, r in ipairs(ctx:list("responsibilities")) do owns[r.organisation] = true end
    local orgs = index(ctx:list("organisations"))
    for _, p in ipairs(parties_in(sso)) do
      if not owns[p.organisation] then
        local naam = (orgs[p.organisation] or {}).name or p.organisation
        ctx:finding { subject = org_subject(orgs, p.organisation),
          missing = T.t("kngg.no_task", { org = naam }), remedy = T.t("kngg.no_task.do", { org = naam }) }
      end
    end
  end }

-- "Maak onderscheid tussen proces- en resultaatindicatoren, en stem dit af met de kerngroep":
-- an aandachtspunt of step 8 without a binding word, so advice.
local indicatoren = P.check {
  id = "indicatoren", name = "Proces- en resultaatindicatoren", severity = "advisory",
  source = bron("stap 8, monitoring en evaluatie"),
  run = function(ctx)
    local has = {}
    for _, i in ipairs(ctx:list("indicators")) do has[i.kind] = true end
    for _, kind in ipairs({ "process", "result" }) do
      if not has[kind] then
        ctx:finding { subject = S.region(ctx.region),
          missing = T.t("kngg.no_indicator", { kind = T.t("kngg.kind." .. kind) }),
          remedy = T.t("kngg.no_indicator.do", { kind = T.t("kngg.kind." .. kind), value = kind }) }
      end
    end
  end }

-- "Gebruik hiervoor bestaande tools zoals de RIVM-indicatorenset, de KnGG-monitor": examples,
-- so advisory. The indicator's source is free text; this looks for either name in it.
-- "Maak daarnaast ook onderscheid tussen strategische taken (coördinatie,
-- stakeholdermanagement, regionale besluitvorming) die bij de RC horen, en operationele
-- uitvoeringstaken ... Leg deze rolverdeling expliciet vast": each strategic task is recorded
-- and owned by a regiocoördinator (the responsibility's person holds the role, or, without a
-- person, its organisation is an RC's).
local TAKEN_RC = { "coördinatie", "stakeholdermanagement", "regionale besluitvorming" }

-- "operationele uitvoeringstaken (lokale borging, verwijzing, registratie) die onder de lokale
-- projectleiders en uitvoerende organisaties vallen. Leg deze rolverdeling expliciet vast":
-- each task recorded at the operational level, and not by the regiocoördinator.
local TAKEN_LOKAAL = { "lokale borging", "verwijzing", "registratie" }
local taken_lokaal_vastgelegd = C.responsibilities { id = "taken-lokaal",
  name = "Operationele taken van de lokale projectleiders vastgelegd", tasks = TAKEN_LOKAAL,
  level = "operational", source = bron("stap 7, organisatiestructuur") }
local taken_lokaal = P.check {
  id = "taken-lokaal", name = taken_lokaal_vastgelegd.name, source = taken_lokaal_vastgelegd.source,
  run = function(ctx)
    taken_lokaal_vastgelegd.run(ctx)
    local rc, people = {}, index(ctx:list("people"))
    for _, r in ipairs(ctx:list("roles")) do
      if rc_role(ctx, r) then rc[r.person] = true end
    end
    local lokaal = {}
    for _, t in ipairs(TAKEN_LOKAAL) do lokaal[t] = true end
    for _, r in ipairs(ctx:list("responsibilities")) do
      if r.level == "operational" and lokaal[r.task:lower()] and r.person and rc[r.person] then
        local who = people[r.person] or { id = r.person }
        ctx:finding { subject = S.person(who),
          missing = T.t("kngg.local_by_rc", { task = r.task, person = who.name or who.id }),
          remedy = T.t("kngg.local_by_rc.do", { task = r.task }) }
      end
    end
  end }

local taken_rc = P.check {
  id = "taken-rc", name = "Strategische taken van de RC vastgelegd",
  source = bron("stap 7, organisatiestructuur"),
  run = function(ctx)
    local rc, rc_org = {}, {}
    local people = index(ctx:list("people"))
    for _, r in ipairs(ctx:list("roles")) do
      if rc_role(ctx, r) then
        rc[r.person] = true
        local who = people[r.person]
        if who and who.organisation then rc_org[who.organisation] = true end
      end
    end
    for _, task in ipairs(TAKEN_RC) do
      local recorded, owned = false, false
      for _, r in ipairs(ctx:list("responsibilities")) do
        if r.level == "strategic" and r.task:lower() == task then
          recorded = true
          if (r.person and rc[r.person]) or (not r.person and rc_org[r.organisation]) then
            owned = true
          end
        end
      end
      if not recorded then
        ctx:finding { subject = S.region(ctx.region),
          missing = T.t("kngg.rc_task_none", { task = task }),
          remedy = T.t("kngg.rc_task_none.do", { task = task }) }
      elseif not owned then
        ctx:finding { subject = S.region(ctx.region),
          missing = T.t("kngg.rc_task_other", { task = task }),
          remedy = T.t("kngg.rc_task_other.do", { task = task }) }
      end
    end
  end }

-- "Je beschrijft het op niveau van activiteiten": the plan turned into activities (advisory:
-- the step's description, not a condition).
local activiteiten = P.check {
  id = "activiteiten", name = "Regioplan vertaald naar activiteiten", severity = "advisory",
  source = bron("stap 8"),
  run = function(ctx)
    for _, a in ipairs(ctx:list("activities")) do
      if a.agreement and a.status ~= "stopped" then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("kngg.no_activity"), remedy = T.t("kngg.no_activity.do") }
  end }

-- "In deze stap worden de randvoorwaarden ... in kaart gebracht en afgestemd met de kerngroep
-- (het management/ bestuurders)": a kerngroep decision or advice on them (advisory).
local randvoorwaarden_kerngroep = P.check {
  id = "randvoorwaarden-kerngroep", name = "Randvoorwaarden afgestemd met de kerngroep",
  severity = "advisory", source = bron("stap 8"),
  run = function(ctx)
    local b = body(ctx, "kerngroep")
    for _, d in ipairs(ctx:list("decisions")) do
      if b and d.body == b.id and d.topic == "randvoorwaarden" and d.outcome ~= "rejected" then
        return
      end
    end
    ctx:finding { subject = b and S.body(b) or S.region(ctx.region),
      missing = T.t("kngg.no_randvoorwaarden"), remedy = T.t("kngg.no_randvoorwaarden.do") }
  end }

-- "Indien aangesteld, maak kennis en afspraken met hen. Zorg dat helder is wat er lokaal
-- opgepakt wordt door de lokale projectleiders en waarvoor de RC verantwoordelijk is": for each
-- municipality with a projectleider, an agreement in force on the projectleider's role, for
-- the whole region or for that municipality (advisory: an aandachtspunt). "Indien aangesteld":
-- where no municipality has one, the check does not apply.
local afspraken_projectleiders = P.check {
  id = "afspraken-projectleiders", name = "Afspraken tussen de RC en de lokale projectleiders",
  severity = "advisory", source = bron("stap 8, aandachtspunten"),
  run = function(ctx)
    local wide, local_ = false, {}
    for _, a in ipairs(ctx:list("agreements")) do
      if C.active(a, ctx.today) then
        for _, t in ipairs(a.topics) do
          if t == "rol-projectleider" then
            if a.municipality then local_[a.municipality] = true else wide = true end
          end
        end
      end
    end
    local with_pl = {}
    for _, m in ipairs(C.members(ctx)) do
      for _, r in ipairs(ctx:list("roles")) do
        if r.role == "projectleider" and r.municipality == m.code and C.active(r, ctx.today) then
          with_pl[m.code] = true
        end
      end
    end
    if next(with_pl) == nil then return ctx:not_applicable(T.t("kngg.no_projectleiders")) end
    if wide then return end
    for _, m in ipairs(C.members(ctx)) do
      if with_pl[m.code] and not local_[m.code] then
        ctx:finding { subject = S.municipality(m),
          missing = T.t("kngg.projectleider", { municipality = m.name or m.code }),
          remedy = T.t("kngg.projectleider.do", { code = m.code }) }
      end
    end
  end }

local indicatoren_bron = P.check {
  id = "indicatoren-bestaande-sets", name = "Indicatoren uit de RIVM-set of de KnGG-monitor",
  severity = "advisory", source = bron("stap 8, monitoring en evaluatie"),
  run = function(ctx)
    for _, i in ipairs(ctx:list("indicators")) do
      local s = i.source:lower()
      if s:find("rivm", 1, true) or s:find("kngg-monitor", 1, true)
          or s:find("kngg monitor", 1, true) then
        return
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("kngg.indicator_sets"), remedy = T.t("kngg.indicator_sets.do") }
  end }

local communicatie_taak = P.check {
  id = "communicatie-wie-doet-wat", name = "Wie communiceert wat naar wie",
  severity = "advisory", source = bron("randvoorwaarden"),
  run = function(ctx)
    for _, r in ipairs(ctx:list("responsibilities")) do
      if r.task:lower():find("communicatie", 1, true) then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("kngg.communication"), remedy = T.t("kngg.communication.do") }
  end }

-- Fase 2, "regelmatige en heldere communicatie" and "organiseer regelmatig bijeenkomsten".
-- The guidance gives no frequency: the parameter regelmatig_maanden (default 6) is the
-- region's reading of "regelmatig".
local regelmatig_overleg = P.check {
  id = "regelmatig-overleg", name = "Regelmatig overleg", severity = "advisory",
  source = bron("fase 2, succesfactoren"),
  run = function(ctx)
    local since = C.months_before(ctx.today, C.param(ctx, "regelmatig_maanden", 6))
    for _, m in ipairs(ctx:list("meetings")) do
      if m.date >= since and m.date <= ctx.today then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("kngg.no_meeting", { since = since }), remedy = T.t("kngg.no_meeting.do") }
  end }

-- "Blijvend bestuurlijk commitment": what the data shows of commitment lost, a municipality
-- that left in the past year or a party that withdrew from the samenwerkingsovereenkomst.
local bestuurlijk_commitment = P.check {
  id = "bestuurlijk-commitment", name = "Blijvend bestuurlijk commitment", severity = "advisory",
  source = bron("fase 2, succesfactoren"),
  run = function(ctx)
    local year_ago = C.months_before(ctx.today, 12)
    for _, m in ipairs(ctx:list("municipalities")) do
      if m.status == "left" and (m["until"] == nil or m["until"] >= year_ago) then
        ctx:finding { subject = S.municipality(m),
          missing = m["until"] and T.t("kngg.left_on", { municipality = m.name or m.code, date = m["until"] })
            or T.t("kngg.left", { municipality = m.name or m.code }),
          remedy = T.t("kngg.left.do", { municipality = m.name or m.code }) }
      end
    end
    local sso = agreement(ctx, "samenwerkingsovereenkomst")
    if not sso then return end
    local orgs = index(ctx:list("organisations"))
    for _, p in ipairs(sso.parties) do
      if p.status == "withdrawn" then
        local naam = (orgs[p.organisation] or {}).name or p.organisation
        ctx:finding { subject = org_subject(orgs, p.organisation),
          missing = T.t("kngg.withdrew", { org = naam, agreement = sso.title }),
          remedy = T.t("kngg.withdrew.do", { org = naam }) }
      end
    end
  end }

-- ---- the programme ------------------------------------------------------------------------

return P.programme {
  id = "kngg",
  name = "Kind naar Gezonder Gewicht",
  source = LEIDRAAD,
  -- What the guidance leaves to the region, with this programme's defaults (months).
  params = { regelmatig_maanden = 6, evaluatie_maanden = 12, meetperiode_maanden = 12,
    toetsing_maanden = 12 },
  phases = {
    P.phase { id = "fase-1", name = "Voorbereiden en ontwerpen", steps = {

      P.step { id = "1-5", name = "Verkenningsfase",
        aim = "Bestuurlijk draagvlak bij de betrokken gemeenten en een gedeelde ambitie en "
          .. "visie; afgerond met een positief besluit en een regiocoördinator met een "
          .. "formele opdracht.",
        source = bron("commitment als essentiële randvoorwaarde"),
        checks = {
          C.role_assigned { id = "regiocoordinator",
            name = "Regiocoördinator aangesteld met een formele opdrachtbeschrijving",
            role = "regiocoordinator", formal = true, tasks = true,
            source = bron("de regionale coördinator (na stap 5); stap 7, organisatiestructuur "
              .. "(de rol verdeeld over twee mensen)") },
          rc_uren,
          rc_rolverdeling,
          opdracht_getoetst,
          draagvlak_gemeenten,
          besluit_deelname,
          besluit_deelname_vastgelegd,
          kandidaat_gemeenten,
        } },

      P.step { id = "6", name = "Teken de samenwerkingsovereenkomsten",
        aim = "De belangrijkste organisaties tekenen een operationeel bindende "
          .. "samenwerkingsovereenkomst; voltooiing is een randvoorwaarde voor stap 7.",
        source = bron("stap 6"),
        checks = {
          -- Which organisations sign is the region's choice ("denk aan: ..."): every party
          -- it invited, and every participating gemeente, must have signed.
          C.agreement_signed { id = "sso-getekend",
            name = "Samenwerkingsovereenkomst getekend door alle partijen",
            kind = "samenwerkingsovereenkomst", municipalities = true,
            source = bron("stap 6") },
          C.agreement_covers { id = "sso-bindend",
            name = "Samenwerkingsovereenkomst operationeel bindend",
            kind = "samenwerkingsovereenkomst",
            topics = { "verantwoordelijkheden", "financiering", "mandaat", "monitoring",
              "besluitvorming" },
            source = bron("stap 6") },
          draagvlak_uitvoering,
        } },

      P.step { id = "7", name = "Richt het project in met de juiste mensen en organisaties",
        aim = "Een projectorganisatie waarin alle relevante stakeholders vertegenwoordigd "
          .. "zijn, minimaal een kerngroep, met een gezamenlijke werkagenda en een "
          .. "vastgelegde rolverdeling.",
        source = bron("stap 7"),
        checks = {
          kerngroep,
          kerngroep_mandaat,
          stakeholders,
          domeinen,
          afspraken_over { id = "werkagenda", name = "Gezamenlijke werkagenda",
            topics = { "werkagenda" }, source = bron("stap 7, overlegstructuur") },
          -- "een heldere rolafbakening en governance structuur essentieel ... een gedeeld beeld
          -- van de taken, verantwoordelijkheden en het mandaat van de RC": the RC's role is
          -- laid down in an agreement the partners share.
          afspraken_over { id = "rol-rc", name = "Rol en mandaat van de RC gedeeld vastgelegd",
            topics = { "rol-rc" }, source = bron("de regionale coördinator (rolafbakening en "
              .. "governance)") },
          inzet,
          taken_rc,
          -- "Sluit zoveel mogelijk aan bij bestaande overlegstructuren, zoals IZA regio's,
          -- mandaatgemeenten, sub regio's": advisory (zoveel mogelijk, zoals).
          C.linked { id = "bestaande-structuren", name = "Aangesloten bij bestaande overlegstructuren",
            kinds = { "iza-regio", "subregio", "mandaatgemeente", "zorgkantoorregio",
              "samenwerkingsverband" }, severity = "advisory",
            source = bron("stap 7, samenstelling") },
          taken_lokaal,
        } },

      P.step { id = "8", name = "Ontwikkel de aanpak voor jouw regio",
        aim = "Visie, ambities en regioplan vertaald naar activiteiten; randvoorwaarden in "
          .. "kaart met de kerngroep; afspraken over monitoring en evaluatie.",
        source = bron("stap 8"),
        checks = {
          -- Step 8 says of local project leaders "indien aangesteld": they may be missing
          -- during steps 6 and 7, so they gate only the move to execution. One person may
          -- hold both roles, and one person may serve several municipalities.
          C.role_per_municipality { id = "projectleider-per-gemeente",
            name = "Lokale projectleider per gemeente", role = "projectleider",
            source = bron("randvoorwaarden; stap 8") },
          C.role_per_municipality { id = "czv-per-gemeente",
            name = "Centrale zorgverlener per gemeente", role = "czv",
            source = bron("randvoorwaarden") },
          C.funding_agreed { id = "financiering", name = "Financiering afgesproken",
            purposes = { "rc", "m&e", "training", "communicatie", "materiaal", "czv-indirect" },
            source = bron("randvoorwaarden") },
          afspraken_over { id = "me-afspraken", name = "Structurele afspraken over M&E",
            topics = { "monitoring", "evaluatie" }, source = bron("stap 8, monitoring en evaluatie") },
          indicatoren,
          indicatoren_bron,
          afspraken_over { id = "communicatie-afspraken", name = "Afspraken over communicatie",
            topics = { "communicatie" }, source = bron("randvoorwaarden") },
          communicatie_taak,
          -- "Update de reeds ontwikkelde communicatiestrategie voor het netwerk": an
          -- imperative among the randvoorwaarden, so it gates execution.
          C.document_exists { id = "communicatiestrategie", name = "Communicatiestrategie bijgewerkt",
            kind = "communicatiestrategie", source = bron("randvoorwaarden") },
          activiteiten,
          randvoorwaarden_kerngroep,
          afspraken_projectleiders,
          -- "Zet actief in op professionalisering en kennisdeling ... regelmatige intervisie"
          -- and "Werk met een buddy-systeem tussen RC'en": advisory.
          C.linked { id = "kennisdeling-rc", name = "RC in een leernetwerk, intervisie of buddy-systeem",
            kinds = { "leernetwerk", "intervisie", "buddy" }, role = "regiocoordinator",
            severity = "advisory", source = bron("stap 8, professionalisering en ondersteuning") },
        } },
    } },

    P.phase { id = "fase-2", name = "Experimenteren en uitvoeren", steps = {
      -- The success factors are steered on continuously: nothing here gates anything.
      P.step { id = "fase-2", name = "Experimenteren en uitvoeren",
        aim = "Sturen op de succesfactoren: blijvend bestuurlijk commitment, regelmatige "
          .. "communicatie, gedeeld eigenaarschap, vertrouwen, kort-cyclisch evalueren.",
        source = bron("fase 2"),
        checks = {
          -- "Bouw een kort-cyclische evaluatiestructuur in": how short is the region's
          -- (parameter evaluatie_maanden, default 12). The agreements on communicatie of
          -- step 8 hold here too ("regelmatige en heldere communicatie").
          C.evaluated_within { id = "evaluatie", name = "Samenwerking kort-cyclisch geëvalueerd",
            months = 12, param = "evaluatie_maanden", severity = "advisory",
            source = bron("fase 2, succesfactoren en aandachtspunten") },
          regelmatig_overleg,
          bestuurlijk_commitment,
          afspraken_over { id = "afspraken-visie", name = "Afspraken op visieniveau",
            topics = { "visie" }, severity = "advisory", source = bron("fase 2, aandachtspunten") },
          -- "Inventariseer of er binnen jouw regio bestaande ketenaanpakken zijn ... niet altijd
          -- haalbaar of wenselijk": advisory, and the region may record none.
          C.linked { id = "andere-ketenaanpakken", name = "Verbonden met andere ketenaanpakken",
            kinds = { "ketenaanpak", "programma", "gezondheidsbeleid" }, severity = "advisory",
            source = bron("randvoorwaarden (één lijn met het gezondheidsbeleid); fase 2, "
              .. "aandachtspunten") },
          -- "Monitor de voortgang": agreed indicators are only of use when they are measured.
          C.measured_within { id = "indicatoren-gemeten",
            name = "Afgesproken indicatoren recent gemeten", months = 12,
            param = "meetperiode_maanden", severity = "advisory",
            source = bron("stap 8, monitoring en evaluatie; fase 2, kort-cyclisch evalueren") },
        } },
    } },
  },
}
