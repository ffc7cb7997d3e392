--- Kansrijke Start: the coalition model of Zuid-Holland Zuid. A kartrekker and municipalities
-- willing to work regionally (verkenning), a regional coalitie of "mensen van de inhoud" with
-- a regioplan (coalitie), then execution with regional funding and evaluation (uitvoering).
-- The sources describe one region's practice and a national meeting, not a step plan, so the
-- step split is this programme's; regions adapt it with spil.programme.extend. See
-- docs/programmes.md for the table of preconditions.
local P = require "spil.programme"
local C = require "spil.checks"
local S = require("spil.engine").subject

local ZHZ = "Regionale aanpak Kansrijke Start regio Zuid-Holland Zuid"
local OKTOBER = "Regionaal voorbakken, lokaal afbakken (Landelijke coalitie Kansrijke Start, "
  .. "oktober 2022)"
local VNG = "VNG, Regionaal samenwerken aan zorg en ondersteuning (2022)"

local function coalitie_body(ctx)
  for _, b in ipairs(ctx:list("bodies")) do
    if b.kind == "coalitie" then return b end
  end
  return nil
end

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
  id = "kartrekker", name = "Kartrekker", source = OKTOBER .. ", randvoorwaarden",
  run = function(ctx)
    if #kartrekkers(ctx) == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = "nobody leads the collaboration (no regiocoordinator, netwerkregisseur or "
          .. "kwartiermaker for the region)",
        remedy = "appoint a kartrekker and record the role under 'roles'" }
    end
  end }

local kartrekker_opdracht = P.check {
  id = "kartrekker-opdracht", name = "Formele opdracht en uren voor de kartrekker",
  severity = "advisory", source = OKTOBER .. ", randvoorwaarden (capaciteit, kartrekker)",
  run = function(ctx)
    local rows = kartrekkers(ctx)
    if #rows == 0 then return end -- the kartrekker check reports it
    local formal, hours = false, false
    for _, r in ipairs(rows) do
      formal = formal or r.formal_assignment == true
      hours = hours or (r.hours or 0) > 0
    end
    if not formal then
      ctx:finding { subject = S.region(ctx.region),
        missing = "the kartrekker has no formal assignment",
        remedy = "make the kartrekker's assignment formal (roles: formal_assignment: true)" }
    end
    if not hours then
      ctx:finding { subject = S.region(ctx.region),
        missing = "the kartrekker's hours are not recorded",
        remedy = "agree the hours for the kartrekker and record them (roles: hours)" }
    end
  end }

local gemeenten = P.check {
  id = "gemeenten", name = "Meerdere gemeenten doen mee", source = ZHZ .. ", beren op de weg",
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

-- The coalitie as ZHZ seats it: parents, the gemeenten, GGD, JGZ, the VSV's, a huisartsen
-- federation and the insurer as full members, with a chair and (the GGD as) secretary.
local coalitie_leden = C.body_exists { id = "coalitie", name = "Regionale coalitie",
  kind = "coalitie", chair = true,
  member_kinds = { "gemeente", "ggd", "jgz", "vsv", "huisartsen", "zorgverzekeraar", "ouders" } }

local coalitie = P.check {
  id = "coalitie", name = "Regionale coalitie met voorzitter en secretaris",
  source = ZHZ .. ", partners in de regionale coalitie",
  run = function(ctx)
    coalitie_leden.run(ctx)
    local b = coalitie_body(ctx)
    if not b then return end
    for _, m in ipairs(b.members) do
      if m["function"] == "secretary" then return end
    end
    ctx:finding { subject = S.body(b), missing = b.name .. " has no secretary",
      remedy = "record who is secretary of " .. b.id .. " (function: secretary; in ZHZ the GGD)" }
  end }

local vergaderfrequentie = P.check {
  id = "vergaderfrequentie", name = "De coalitie vergadert vier keer per jaar",
  severity = "advisory", source = ZHZ .. ", eerste stappen gezet",
  run = function(ctx)
    local b = coalitie_body(ctx)
    if not b then return end -- the coalitie check reports it
    if (b.meetings_per_year or 0) < 4 then
      ctx:finding { subject = S.body(b),
        missing = string.format("%s meets %s times a year, not four", b.name,
          tostring(b.meetings_per_year or "an unrecorded number of")),
        remedy = "plan four coalitie meetings a year (bodies: meetings_per_year)" }
    end
  end }

-- "Een vast agendapunt is een rondje langs de deelnemers om de lokale ontwikkelingen vanuit
-- de coalities te delen." Agenda items are free text: this looks for "lokale ontwikkelingen".
local rondje_lokaal = P.check {
  id = "rondje-lokaal", name = "Vast rondje lokale ontwikkelingen", severity = "advisory",
  source = ZHZ .. ", meerwaarde samenwerking",
  run = function(ctx)
    local b = coalitie_body(ctx)
    if not b then return end
    for _, m in ipairs(ctx:list("meetings")) do
      if m.body == b.id then
        local rondje = false
        for _, item in ipairs(m.agenda) do
          if item:lower():find("lokale ontwikkelingen", 1, true) then rondje = true end
        end
        if not rondje then
          ctx:finding { subject = S.body(b),
            missing = string.format("the meeting of %s on %s has no round of local developments",
              b.name, m.date),
            remedy = "put 'Rondje lokale ontwikkelingen' on every coalitie agenda" }
        end
      end
    end
  end }

-- "Het is belangrijk dat gezamenlijke indicatoren voor kansrijke start worden bepaald".
local indicatoren = P.check {
  id = "indicatoren", name = "Gezamenlijke indicatoren", severity = "advisory",
  source = OKTOBER .. ", ad 1",
  run = function(ctx)
    if #ctx:list("indicators") == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = "no shared indicators are recorded",
        remedy = "agree shared indicators (for instance from the RIVM kernset Kansrijke Start) "
          .. "and record them under 'indicators'" }
    end
  end }

return P.programme {
  id = "kansrijke-start",
  name = "Kansrijke Start",
  source = ZHZ,
  phases = {
    P.phase { id = "opbouw", name = "Coalitie opbouwen", steps = {

      P.step { id = "verkenning", name = "Verkenning",
        aim = "Een goed verhaal en commitment van de bestuurders: een kartrekker neemt "
          .. "gemeenten en partners mee (regiotour).",
        source = ZHZ .. ", eerste stappen gezet",
        checks = { kartrekker, kartrekker_opdracht, gemeenten } },

      P.step { id = "coalitie", name = "Coalitie vormen",
        aim = "Een regionale coalitie van de mensen van de inhoud die vier keer per jaar "
          .. "vergadert en een regioplan met werkagenda vaststelt.",
        source = ZHZ,
        checks = {
          coalitie,
          vergaderfrequentie,
          rondje_lokaal,
          C.agreement_signed { id = "regioplan", name = "Regioplan door alle partners vastgesteld",
            kind = "regioplan", municipalities = true, source = ZHZ .. ", GALA, IZA en de SPUK plannen" },
          C.agreement_covers { id = "regioplan-inhoud", name = "Regioplan met doelen en werkagenda",
            kind = "regioplan", topics = { "doel", "werkagenda" }, severity = "advisory",
            source = ZHZ .. ", eerste stappen gezet" },
        } },
    } },

    P.phase { id = "uitvoering", name = "Uitvoering", steps = {
      P.step { id = "uitvoering", name = "Uitvoering",
        aim = "De regionale aanpak voedt de lokale coalities: regionale financiering, "
          .. "gezamenlijke cijfers, lerend evalueren.",
        source = ZHZ .. ", GALA, IZA en de SPUK plannen",
        checks = {
          -- Regiocoördinatie (netwerkregie) and the programme itself; "ouderbetrokkenheid"
          -- and "werken met data" are themes, which funding rows cannot name.
          C.funding_agreed { id = "financiering", name = "Regionale financiering afgesproken",
            purposes = { "rc", "programma" }, source = OKTOBER .. ", randvoorwaarden; " .. ZHZ },
          C.evaluated_within { id = "evaluatie", name = "Samenwerking het afgelopen jaar geëvalueerd",
            months = 12, severity = "advisory",
            source = VNG .. ", evalueer de samenwerking tussen gemeenten" },
          indicatoren,
        } },
    } },
  },
}
