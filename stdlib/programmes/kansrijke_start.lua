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
        missing = "nobody leads the collaboration (no regiocoordinator, netwerkregisseur or "
          .. "kwartiermaker for the region)",
        remedy = "appoint a kartrekker and record the role under 'roles'" }
    end
  end }

-- A randvoorwaarde, qualified by the source itself: the kartrekker's assignment is formal.
-- Every kartrekker: a role split over two people needs both formally assigned.
local kartrekker_opdracht = P.check {
  id = "kartrekker-opdracht", name = "Formele opdracht voor de kartrekker",
  source = bron("randvoorwaarden (kartrekker: \"het is belangrijk dat dit een formele "
    .. "opdracht is\")"),
  run = function(ctx)
    local people = require("spil.data").index(ctx:list("people"))
    for _, r in ipairs(kartrekkers(ctx)) do
      if r.formal_assignment ~= true then
        local who = people[r.person] or { id = r.person }
        ctx:finding { subject = S.person(who),
          missing = string.format("%s (%s) has no formal assignment as kartrekker",
            who.name or who.id, r.role),
          remedy = string.format("make the assignment formal and record it (spil assign %s %s "
            .. "%s --formal)", ctx.region.id, who.id, r.role) }
      end
    end
  end }

-- "Capaciteit: het is belangrijk dat iemand tijd kan steken in de totstandkoming van
-- regionale samenwerking en daarin ook uren krijgt": a randvoorwaarde.
local capaciteit = P.check {
  id = "capaciteit", name = "Uren voor de kartrekker", source = bron("randvoorwaarden (capaciteit)"),
  run = function(ctx)
    local rows = kartrekkers(ctx)
    if #rows == 0 then return end -- the kartrekker check reports it
    for _, r in ipairs(rows) do
      if (r.hours or 0) > 0 then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = "no hours are recorded for the kartrekker",
      remedy = "agree the hours for the kartrekker and record them (roles: hours)" }
  end }

-- "Politieke wil: omdat sommige gemeenten denken dat regionale samenwerking hen niets zal
-- brengen": regional work needs municipalities that joined, at least two.
local gemeenten = P.check {
  id = "gemeenten", name = "Meerdere gemeenten doen mee", source = bron("randvoorwaarden (politieke wil)"),
  run = function(ctx)
    local n = #C.members(ctx)
    if n < 2 then
      ctx:finding { subject = S.region(ctx.region),
        missing = string.format("only %d municipality takes part; a regional approach needs "
          .. "several", n),
        remedy = "take the municipalities along (beleidsmedewerkers and wethouders) until "
          .. "several join (status member)" }
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
      ctx:finding { subject = S.region(ctx.region), missing = "there is no coalitie",
        remedy = "set up the regional coalitie and record it under 'bodies' (kind: coalitie)" }
      return
    end
    local orgs = require("spil.data").index(ctx:list("organisations"))
    local gemeente, ander = false, false
    for _, m in ipairs(b.members) do
      local o = orgs[m.organisation]
      if m.membership == "member" and o then
        if o.kind == "gemeente" then gemeente = true else ander = true end
      end
    end
    if not gemeente then
      ctx:finding { subject = S.body(b), missing = b.name .. " has no gemeente as a full member",
        remedy = "seat the gemeenten (or one that represents them) as full members of " .. b.id }
    end
    if not ander then
      ctx:finding { subject = S.body(b),
        missing = b.name .. " has no full member outside the gemeenten (no other domain)",
        remedy = "seat partners of the other domains (JGZ, GGD, geboortezorg, huisartsen, "
          .. "zorgverzekeraar, ...) as full members of " .. b.id }
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
        missing = "no ervaringsdeskundigen (parents' representation) sit in any body",
        remedy = "involve parents or other ervaringsdeskundigen and record their organisation "
          .. "(kind: ouders) in the coalitie or a werkgroep" }
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
        missing = "no existing regional initiative of the geboortezorg (VSV or IGO) sits in "
          .. "any body",
        remedy = "join existing regional initiatives (a VSV, an IGO, ...) and seat them" }
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
      missing = "no activity is recorded for a particular municipality: where does the effort go?",
      remedy = "record the activities where the problems weigh most under 'activities' "
        .. "(municipality: its CBS code)" }
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
      missing = "no agreement in force covers vroegsignalering or a regional zorgpad",
      remedy = "agree on vroegsignalering (signaleringsinstrumenten, a regional zorgpad) and add "
        .. "it to the topics of an agreement (vroegsignalering, zorgpad)" }
  end }

local financiering = P.check {
  id = "financiering", name = "Regionale financiering afgesproken",
  source = bron("randvoorwaarden (financiering)"),
  run = function(ctx)
    for _, f in ipairs(ctx:list("funding")) do
      if (f.status == "agreed" or f.status == "granted") and C.active(f, ctx.today) then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = "no funding for the regional collaboration is agreed or granted",
      remedy = "agree funding (by the partners together, or national: GALA, SPUK, ...) and "
        .. "record it with 'spil fund'" }
  end }

-- "Het is belangrijk dat gezamenlijke indicatoren voor kansrijke start worden bepaald":
-- belangrijk, not binding, so advice.
local indicatoren = P.check {
  id = "indicatoren", name = "Gezamenlijke indicatoren", severity = "advisory",
  source = bron("ad 1"),
  run = function(ctx)
    if #ctx:list("indicators") == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = "no shared indicators are recorded",
        remedy = "agree shared indicators (for instance from the RIVM kernset Kansrijke Start) "
          .. "and record them under 'indicators'" }
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
      missing = "no agreement in force records what the region will develop together "
        .. "(no werkagenda)",
      remedy = "agree with the partners what the region still has to develop and add "
        .. "werkagenda to the topics of that agreement (for instance a regioplan)" }
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
        missing = string.format("the tasks of %d organisation%s are recorded: they are not "
          .. "divided among the partners", n, n == 1 and "" or "s"),
        remedy = "divide the tasks by expertise and record who does what under "
          .. "'responsibilities'" }
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
