--- Kansrijke Start: regional collaboration as the national sources describe it. A kartrekker
-- with a formal assignment and hours, and several municipalities (verkenning); a regional
-- coalitie across domains (coalitie); execution with regional funding, shared indicators and
-- evaluation (uitvoering). Only what the Landelijke coalitie names for every region (its
-- randvoorwaarden, seed 002) is here; what one region writes about its own coalition (Zuid-
-- Holland Zuid, seed 001: its members, chair and secretary, four meetings a year, the
-- regioplan) is that region's maatwerk, in regions/zuid-holland-zuid/. The sources are not a
-- step plan, so the step split is this programme's. See docs/programmes.md for the catalogue.
local P = require "spil.programme"
local C = require "spil.checks"
local S = require("spil.engine").subject
local T = require "spil.messages"

-- What this programme's checks say, in both languages (spil.messages).
T.define {
  nl = {
    ["ks.no_lead"] = "niemand trekt de samenwerking (geen regiocoördinator, netwerkregisseur of kwartiermaker voor de regio)",
    ["ks.no_lead.do"] = "stel een kartrekker aan en leg de rol vast onder 'roles'",
    ["ks.not_formal"] = "{person} ({role}) heeft geen formele opdracht als kartrekker",
    ["ks.not_formal.do"] = "maak de opdracht formeel en leg die vast (spil assign {region} {id} {role} --formal)",
    ["ks.no_hours"] = "er zijn geen uren vastgelegd voor de kartrekker",
    ["ks.no_hours.do"] = "spreek de uren van de kartrekker af en leg ze vast (roles: hours)",
    ["ks.one_member"] = "pas {n} gemeente doet mee; een regionale aanpak vraagt er meerdere",
    ["ks.few_members"] = "pas {n} gemeenten doen mee; een regionale aanpak vraagt er meerdere",
    ["ks.one_member.do"] = "neem de gemeenten mee (beleidsmedewerkers en wethouders) tot er meerdere meedoen (status lid)",
    ["ks.no_coalitie"] = "er is geen coalitie",
    ["ks.no_coalitie.do"] = "vorm de regionale coalitie en leg die vast onder 'bodies' (kind: coalitie)",
    ["ks.no_gemeente"] = "{body} heeft geen gemeente als volwaardig lid",
    ["ks.no_gemeente.do"] = "neem de gemeenten (of één die hen vertegenwoordigt) op als volwaardige leden van {id}",
    ["ks.no_other_domain"] = "{body} heeft geen volwaardig lid buiten de gemeenten (geen ander domein)",
    ["ks.no_other_domain.do"] = "neem partners uit de andere domeinen (JGZ, GGD, geboortezorg, huisartsen, zorgverzekeraar, ...) op als volwaardige leden van {id}",
    ["ks.no_parents"] = "er zitten geen ervaringsdeskundigen (vertegenwoordiging van ouders) in een overleg",
    ["ks.no_parents.do"] = "betrek ouders of andere ervaringsdeskundigen en leg hun organisatie (kind: ouders) vast in de coalitie of een werkgroep",
    ["ks.no_initiative"] = "er zit geen bestaand regionaal initiatief van de geboortezorg (VSV of IGO) in een overleg",
    ["ks.no_initiative.do"] = "sluit aan bij bestaande regionale initiatieven (een VSV, een IGO, ...) en geef ze een plaats",
    ["ks.not_local"] = "er is geen activiteit vastgelegd voor een bepaalde gemeente: waar gaat de inzet naartoe?",
    ["ks.not_local.do"] = "leg de activiteiten waar de problemen het zwaarst wegen vast onder 'activities' (municipality: de CBS-code)",
    ["ks.no_vroegsignalering"] = "geen geldende afspraak regelt vroegsignalering of een regionaal zorgpad",
    ["ks.no_vroegsignalering.do"] = "maak afspraken over vroegsignalering (signaleringsinstrumenten, een regionaal zorgpad) en voeg die toe aan de topics van een afspraak (vroegsignalering, zorgpad)",
    ["ks.no_funding"] = "er is geen financiering voor de regionale samenwerking afgesproken of toegekend",
    ["ks.no_funding.do"] = "spreek financiering af (door de partners samen, of landelijk: GALA, SPUK, ...) en leg die vast met 'spil fund'",
    ["ks.no_indicators"] = "er zijn geen gezamenlijke indicatoren vastgelegd",
    ["ks.no_indicators.do"] = "spreek gezamenlijke indicatoren af (bijvoorbeeld uit de RIVM-kernset Kansrijke Start) en leg ze vast onder 'indicators'",
    ["ks.no_agenda"] = "geen geldende afspraak legt vast wat de regio samen gaat ontwikkelen (geen werkagenda)",
    ["ks.no_agenda.do"] = "spreek met de partners af wat de regio nog moet ontwikkelen en voeg werkagenda toe aan de topics van die afspraak (bijvoorbeeld een regioplan)",
    ["ks.tasks_one"] = "alleen de taken van {n} organisatie zijn vastgelegd: ze zijn niet over de partners verdeeld",
    ["ks.tasks_many"] = "alleen de taken van {n} organisaties zijn vastgelegd: ze zijn niet over de partners verdeeld",
    ["ks.tasks.do"] = "verdeel de taken naar expertise en leg onder 'responsibilities' vast wie wat doet",
  },
  en = {
    ["ks.no_lead"] = "nobody leads the collaboration (no regiocoordinator, netwerkregisseur or kwartiermaker for the region)",
    ["ks.no_lead.do"] = "appoint a kartrekker and record the role under 'roles'",
    ["ks.not_formal"] = "{person} ({role}) has no formal assignment as kartrekker",
    ["ks.not_formal.do"] = "make the assignment formal and record it (spil assign {region} {id} {role} --formal)",
    ["ks.no_hours"] = "no hours are recorded for the kartrekker",
    ["ks.no_hours.do"] = "agree the hours for the kartrekker and record them (roles: hours)",
    ["ks.one_member"] = "only {n} municipality takes part; a regional approach needs several",
    ["ks.few_members"] = "only {n} municipalities take part; a regional approach needs several",
    ["ks.one_member.do"] = "take the municipalities along (beleidsmedewerkers and wethouders) until several join (status member)",
    ["ks.no_coalitie"] = "there is no coalitie",
    ["ks.no_coalitie.do"] = "set up the regional coalitie and record it under 'bodies' (kind: coalitie)",
    ["ks.no_gemeente"] = "{body} has no gemeente as a full member",
    ["ks.no_gemeente.do"] = "seat the gemeenten (or one that represents them) as full members of {id}",
    ["ks.no_other_domain"] = "{body} has no full member outside the gemeenten (no other domain)",
    ["ks.no_other_domain.do"] = "seat partners of the other domains (JGZ, GGD, geboortezorg, huisartsen, zorgverzekeraar, ...) as full members of {id}",
    ["ks.no_parents"] = "no ervaringsdeskundigen (parents' representation) sit in any body",
    ["ks.no_parents.do"] = "involve parents or other ervaringsdeskundigen and record their organisation (kind: ouders) in the coalitie or a werkgroep",
    ["ks.no_initiative"] = "no existing regional initiative of the geboortezorg (VSV or IGO) sits in any body",
    ["ks.no_initiative.do"] = "join existing regional initiatives (a VSV, an IGO, ...) and seat them",
    ["ks.not_local"] = "no activity is recorded for a particular municipality: where does the effort go?",
    ["ks.not_local.do"] = "record the activities where the problems weigh most under 'activities' (municipality: its CBS code)",
    ["ks.no_vroegsignalering"] = "no agreement in force covers vroegsignalering or a regional zorgpad",
    ["ks.no_vroegsignalering.do"] = "agree on vroegsignalering (signaleringsinstrumenten, a regional zorgpad) and add it to the topics of an agreement (vroegsignalering, zorgpad)",
    ["ks.no_funding"] = "no funding for the regional collaboration is agreed or granted",
    ["ks.no_funding.do"] = "agree funding (by the partners together, or national: GALA, SPUK, ...) and record it with 'spil fund'",
    ["ks.no_indicators"] = "no shared indicators are recorded",
    ["ks.no_indicators.do"] = "agree shared indicators (for instance from the RIVM kernset Kansrijke Start) and record them under 'indicators'",
    ["ks.no_agenda"] = "no agreement in force records what the region will develop together (no werkagenda)",
    ["ks.no_agenda.do"] = "agree with the partners what the region still has to develop and add werkagenda to the topics of that agreement (for instance a regioplan)",
    ["ks.tasks_one"] = "the tasks of {n} organisation are recorded: they are not divided among the partners",
    ["ks.tasks_many"] = "the tasks of {n} organisations are recorded: they are not divided among the partners",
    ["ks.tasks.do"] = "divide the tasks by expertise and record who does what under 'responsibilities'",
  },
}

local OKTOBER = "Regionaal voorbakken, lokaal afbakken (Landelijke coalitie Kansrijke Start, "
  .. "oktober 2022)"
local function bron(waar) return OKTOBER .. ", " .. waar end

local function coalitie_body(ctx) return C.body(ctx, "coalitie") end

-- "Kartrekker in de vorm van een regiocoördinator, een oliepersoon ... Het is belangrijk dat
-- dit een formele opdracht is", and "Capaciteit: ... daarin ook uren krijgt". In ZHZ the
-- kartrekker is the netwerkregisseur, so any of these region-wide roles will do.
local KARTREKKER = { regiocoordinator = true, netwerkregisseur = true, kwartiermaker = true }

local function kartrekkers(ctx)
  local out = {}
  for _, r in ipairs(ctx:list("roles")) do
    if KARTREKKER[r.role] and r.municipality == nil and C.active(r, ctx.today) then
      out[#out + 1] = r
    end
  end
  return out
end

local kartrekker = P.check {
  id = "kartrekker", name = "Kartrekker", source = bron("randvoorwaarden (kartrekker)"),
  run = function(ctx)
    if #kartrekkers(ctx) == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("ks.no_lead"), remedy = T.t("ks.no_lead.do") }
    end
  end }

-- A randvoorwaarde, qualified by the source itself: the kartrekker's assignment is formal.
-- Every kartrekker: a role split over two people needs both formally assigned.
local kartrekker_opdracht = P.check {
  id = "kartrekker-opdracht", name = "Formele opdracht voor de kartrekker",
  source = bron("randvoorwaarden (kartrekker: \"het is belangrijk dat dit een formele "
    .. "opdracht is\")"),
  run = function(ctx)
    local people, rows = require("spil.data").index(ctx:list("people")), kartrekkers(ctx)
    if #rows == 0 then return ctx:waits_for("kartrekker") end
    for _, r in ipairs(rows) do
      if r.formal_assignment ~= true then
        local who = people[r.person] or { id = r.person }
        ctx:finding { subject = S.person(who),
          missing = T.t("ks.not_formal", { person = who.name or who.id, role = r.role }),
          remedy = T.t("ks.not_formal.do", { region = ctx.region.id, id = who.id, role = r.role }) }
      end
    end
  end }

-- "Capaciteit: het is belangrijk dat iemand tijd kan steken in de totstandkoming van
-- regionale samenwerking en daarin ook uren krijgt": a randvoorwaarde.
local capaciteit = P.check {
  id = "capaciteit", name = "Uren voor de kartrekker", source = bron("randvoorwaarden (capaciteit)"),
  run = function(ctx)
    local rows = kartrekkers(ctx)
    if #rows == 0 then return ctx:waits_for("kartrekker") end
    for _, r in ipairs(rows) do
      if (r.hours or 0) > 0 then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("ks.no_hours"), remedy = T.t("ks.no_hours.do") }
  end }

-- "Politieke wil: omdat sommige gemeenten denken dat regionale samenwerking hen niets zal
-- brengen": regional work needs municipalities that joined, at least two.
local gemeenten = P.check {
  id = "gemeenten", name = "Meerdere gemeenten doen mee", source = bron("randvoorwaarden (politieke wil)"),
  run = function(ctx)
    local n = #C.members(ctx)
    if n < 2 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t(n == 1 and "ks.one_member" or "ks.few_members", { n = string.format("%d", n) }),
        remedy = T.t("ks.one_member.do") }
    end
  end }

-- "Regie: ... Er is behoefte aan regie op de samenwerking, daar kan een regionaal niveau iets
-- in betekenen", for "domeinoverstijgende samenwerking": a regional coalitie in which the
-- gemeenten and at least one organisation of another domain are full members. Which
-- organisations, who chairs and how often it meets is the region's (ZHZ: its maatwerk).
local coalitie = P.check {
  id = "coalitie", name = "Regionale coalitie over de domeinen heen",
  source = bron("randvoorwaarden (regie); vraag 2 (domeinoverstijgende samenwerking)"),
  run = function(ctx)
    local b = coalitie_body(ctx)
    if not b then
      ctx:finding { subject = S.region(ctx.region), missing = T.t("ks.no_coalitie"),
        remedy = T.t("ks.no_coalitie.do") }
      return
    end
    -- A gemeente counts when its municipality takes part (not one that left, not a candidate);
    -- another domain is care, welfare, education or parents: the provincie and the rijk are
    -- government, as the gemeenten are, not another domain.
    local orgs = require("spil.data").index(ctx:list("organisations"))
    local taking_part = {}
    for _, m in ipairs(C.members(ctx)) do taking_part[m.code] = true end
    local gemeente, ander = false, false
    for _, m in ipairs(b.members) do
      local o = orgs[m.organisation]
      if m.membership == "member" and o then
        if o.kind == "gemeente" then
          gemeente = gemeente or taking_part[o.municipality] == true
        elseif o.kind ~= "provincie" and o.kind ~= "rijk" then
          ander = true
        end
      end
    end
    if not gemeente then
      ctx:finding { subject = S.body(b), missing = T.t("ks.no_gemeente", { body = b.name }),
        remedy = T.t("ks.no_gemeente.do", { id = b.id }) }
    end
    if not ander then
      ctx:finding { subject = S.body(b),
        missing = T.t("ks.no_other_domain", { body = b.name }),
        remedy = T.t("ks.no_other_domain.do", { id = b.id }) }
    end
  end }

--- Some body has a member (any membership) of one of kinds.
local function seated_kind(ctx, kinds)
  local orgs = require("spil.data").index(ctx:list("organisations"))
  for _, b in ipairs(ctx:list("bodies")) do
    for _, m in ipairs(b.members) do
      local o = orgs[m.organisation]
      if o and kinds[o.kind] then return true end
    end
  end
  return false
end

-- "Betrokkenheid: van ervaringsdeskundigen, professionals en het lokale niveau". The
-- gemeenten and professionals are the coalitie check's; of ervaringsdeskundigen the data
-- shows only an organisation of parents (kind ouders) in a body: a proxy, so advice.
local ervaringsdeskundigen = P.check {
  id = "ervaringsdeskundigen", name = "Ervaringsdeskundigen betrokken", severity = "advisory",
  source = bron("randvoorwaarden (betrokkenheid)"),
  run = function(ctx)
    if not seated_kind(ctx, { ouders = true }) then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("ks.no_parents"), remedy = T.t("ks.no_parents.do") }
    end
  end }

-- "Aansluiting: bij bestaande regionale initiatieven, zoals VSV's, Kans voor de Veenkoloniën,
-- Trendbreuk." The model has no link to other initiatives; a VSV or IGO in a body is the
-- trace of the one kind it can show. Examples ("zoals") and a proxy: advice.
local aansluiting = P.check {
  id = "aansluiting", name = "Aansluiting bij bestaande regionale initiatieven",
  severity = "advisory", source = bron("randvoorwaarden (aansluiting)"),
  run = function(ctx)
    if not seated_kind(ctx, { vsv = true, igo = true }) then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("ks.no_initiative"), remedy = T.t("ks.no_initiative.do") }
    end
  end }

-- "Financiering: door verschillende samenwerkende partijen samen, of door landelijk": the
-- source asks for funding and leaves open from where and for what, so any agreed or granted
-- funding in force counts, whatever its source and purpose; an open choice of source (a row
-- still proposed) does not block when other funding is agreed.
-- "Op basis van regionale cijfers moet wijkgericht en lokaal gedifferentieerd worden:
-- organiseer het daar waar het zwaartepunt aan problematiek zit": said at the discussion tables
-- (ad 2) of the landelijke coalitie, so advice here: the region records where its activities
-- are, per municipality (schema 3's activities).
local lokaal_gedifferentieerd = P.check {
  id = "lokaal-gedifferentieerd", name = "Inzet lokaal gedifferentieerd", severity = "advisory",
  source = bron("ad 2 (ongelijk investeren voor gelijke kansen)"),
  run = function(ctx)
    for _, a in ipairs(ctx:list("activities")) do
      if a.municipality and a.status ~= "stopped" then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("ks.not_local"), remedy = T.t("ks.not_local.do") }
  end }

local vroegsignalering = P.check {
  id = "vroegsignalering", name = "Afspraken over vroegsignalering", severity = "advisory",
  source = bron("ad 1 (samenwerkingsafspraken over vroegsignalering)"),
  run = function(ctx)
    for _, a in ipairs(ctx:list("agreements")) do
      if C.active(a, ctx.today) then
        for _, t in ipairs(a.topics) do
          if t == "vroegsignalering" or t == "zorgpad" then return end
        end
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("ks.no_vroegsignalering"), remedy = T.t("ks.no_vroegsignalering.do") }
  end }

local financiering = P.check {
  id = "financiering", name = "Regionale financiering afgesproken",
  source = bron("randvoorwaarden (financiering)"),
  run = function(ctx)
    for _, f in ipairs(ctx:list("funding")) do
      if (f.status == "agreed" or f.status == "granted") and C.active(f, ctx.today)
          and (f.amount == nil or f.amount > 0) then -- an amount of 0 is no funding
        return
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("ks.no_funding"), remedy = T.t("ks.no_funding.do") }
  end }

-- "Het is belangrijk dat gezamenlijke indicatoren voor kansrijke start worden bepaald":
-- belangrijk, not binding, so advice.
local indicatoren = P.check {
  id = "indicatoren", name = "Gezamenlijke indicatoren", severity = "advisory",
  source = bron("ad 1"),
  run = function(ctx)
    if #ctx:list("indicators") == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("ks.no_indicators"), remedy = T.t("ks.no_indicators.do") }
    end
  end }

-- "Met dit gesprek moet onder meer vastgesteld worden wat er in de regio nog ontwikkeld dient
-- te worden, in het bijzonder de zaken waar je elkaar voor nodig hebt": binding ("moet"). What
-- is to be developed together is the werkagenda: an agreement in force covers it.
local ontwikkelagenda = P.check {
  id = "ontwikkelagenda", name = "Vastgesteld wat de regio samen ontwikkelt",
  source = bron("ad 1"),
  run = function(ctx)
    for _, a in ipairs(ctx:list("agreements")) do
      if C.active(a, ctx.today) then
        for _, t in ipairs(a.topics) do
          if t == "werkagenda" then return end
        end
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("ks.no_agenda"), remedy = T.t("ks.no_agenda.do") }
  end }

-- "Door taken te verdelen en afspraken te maken vanuit verschillende expertises – in plaats
-- van overal hetzelfde doen – kan er voor gezorgd worden dat alle inwoners gelijke kansen
-- krijgen": "kan", so advice; the tasks of at least two organisations are recorded.
local taakverdeling = P.check {
  id = "taakverdeling", name = "Taken verdeeld over de partners", severity = "advisory",
  source = bron("ad 1"),
  run = function(ctx)
    local orgs, n = {}, 0
    for _, r in ipairs(ctx:list("responsibilities")) do
      if not orgs[r.organisation] then orgs[r.organisation], n = true, n + 1 end
    end
    if n < 2 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t(n == 1 and "ks.tasks_one" or "ks.tasks_many", { n = string.format("%d", n) }),
        remedy = T.t("ks.tasks.do") }
    end
  end }

return P.programme {
  id = "kansrijke-start",
  name = "Kansrijke Start",
  source = OKTOBER,
  -- What the sources leave to the region, with this programme's defaults (months).
  params = { evaluatie_maanden = 12 },
  phases = {
    P.phase { id = "opbouw", name = "Coalitie opbouwen", steps = {

      P.step { id = "verkenning", name = "Verkenning",
        aim = "Een kartrekker met een formele opdracht en uren neemt gemeenten en partners "
          .. "mee, tot meerdere gemeenten meedoen.",
        source = bron("randvoorwaarden"),
        checks = { kartrekker, kartrekker_opdracht, capaciteit, gemeenten } },

      P.step { id = "coalitie", name = "Coalitie vormen",
        aim = "Een regionale coalitie over de domeinen heen voert de regie op de samenwerking; "
          .. "ervaringsdeskundigen en bestaande initiatieven zijn betrokken.",
        source = bron("randvoorwaarden"),
        checks = { coalitie, ervaringsdeskundigen, aansluiting } },
    } },

    P.phase { id = "uitvoering", name = "Uitvoering", steps = {
      P.step { id = "uitvoering", name = "Uitvoering",
        aim = "De regionale aanpak voedt de lokale coalities: regionale financiering, "
          .. "gezamenlijke cijfers, lerend evalueren.",
        source = bron("ad 1 en randvoorwaarden"),
        checks = {
          financiering,
          ontwikkelagenda,
          lokaal_gedifferentieerd,
          -- "Integrale aanpak: Koppeling aan andere programma's in de regio" and "regionale
          -- samenwerkingsafspraken over vroegsignalering ... een regionaal zorgpad": named at
          -- the tables, so advice.
          C.linked { id = "integrale-aanpak", name = "Gekoppeld aan andere programma's",
            kinds = { "programma", "ketenaanpak" }, severity = "advisory",
            source = bron("randvoorwaarden (integrale aanpak)") },
          vroegsignalering,
          taakverdeling,
          -- The Kansrijke Start sources set no rhythm; the VNG text's yearly evaluation is
          -- the default of the parameter evaluatie_maanden.
          C.evaluated_within { id = "evaluatie", name = "Samenwerking geëvalueerd",
            months = 12, param = "evaluatie_maanden", severity = "advisory",
            source = "VNG, Regionaal samenwerken aan zorg en ondersteuning (2022), evalueer de "
              .. "samenwerking tussen gemeenten; " .. bron("randvoorwaarden (durf: los te "
              .. "laten wat niet loopt)") },
          indicatoren,
        } },
    } },
  },
}
