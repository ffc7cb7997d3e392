--- Maatwerk of Zuid-Holland Zuid (Kansrijke Start coalitie): the coalitie as this region
-- describes its own, and how it decides.
--
-- 1. The coalitie as the region describes it, in "Regionale aanpak Kansrijke Start regio
-- Zuid-Holland Zuid" (seed 001). What a region writes about itself binds that region, not
-- every region, so it lives here and not in the standard programme (docs/programmes.md):
--   * coalitie-leden: "De huidige regionale coalitie bestaat uit oudervertegenwoordiging, de
--     beleidsmedewerkers van de tien gemeenten, de GGD, de Zorgverzekeraar VGZ
--     (marktleider), de twee VSV's, de regionale jeugdgezondheidszorgorganisatie en de
--     grootste huisartsenkoepel": a full member of each kind, a chair (Lian is "de
--     voorzitter") and a secretary ("Samen met de GGD (rol van secretaris)");
--   * vergaderfrequentie: "de coalitievergadering die vier keer per jaar plaatsvinden";
--   * rondje-lokaal: "Een vast agendapunt is een rondje langs de deelnemers";
--   * regioplan and regioplan-inhoud: "nu bezig met het maken van een regioplan", "werkt nu
--     toe naar een werkagenda met een visie, missie en doelstellingen".
-- All on the coalitie step, and from there on (spil.programme carries them onward).
--
-- 2. Governance.
--
-- In the coalitie sit "mensen van de inhoud" who mostly cannot decide on the spot: their
-- say is advice that goes back to whoever holds decision authority in their own
-- organisation (the college, the bestuur, the directie). So in this region:
--   * only full members (membership "member") whose representative holds a mandate decide;
--   * agendaleden (and advisory members) never count, whatever they say;
--   * a position taken without mandate is advice pending that organisation's own decision,
--     and the coalitie step waits until every such organisation has decided.
--
-- This file is a region script (region.yaml: scripts) AND a module: spil runs it as
-- require "rules", so a test's `require "rules"` gets this same table with the helpers below.
-- It extends the programme the region runs already (P.get) with put_check, so another
-- script of the region may come before or after it, and running it again changes nothing.
--
-- How a decision is recorded (docs/region-format.md, `decisions`):
--   kind: advice, outcome: pending   the coalitie advised; organisations still have to decide
--   positions[].mandate              did the person speaking hold a mandate for THIS decision?
--                                    Left out: the mandate of the organisation's seat counts.
-- When an organisation's decision-maker has decided, the RC records that organisation's
-- position with `mandate: true` (and, once all have decided, the outcome).
local spil = require "spil"
local data = require "spil.data"
local P = require "spil.programme"
local E = require "spil.engine"
local G = require "spil.governance"
local C = require "spil.checks"
local T = require "spil.messages"

-- What this region's checks say, in Dutch and English (docs/scripting.md, spil.messages).
T.add {
  nl = {
    ["zhz.no_secretary"] = "{body} heeft geen secretaris",
    ["zhz.no_secretary.do"] = "leg vast wie secretaris is van {id} (function: secretary; de GGD)",
    ["zhz.meetings"] = "{body} vergadert {n} keer per jaar, niet vier",
    ["zhz.meetings_unknown"] = "{body} vergadert een niet vastgelegd aantal keer per jaar, niet vier",
    ["zhz.meetings.do"] = "plan vier coalitievergaderingen per jaar (bodies: meetings_per_year)",
    ["zhz.no_round"] = "de vergadering van {body} op {date} heeft geen rondje lokale ontwikkelingen",
    ["zhz.no_round.do"] = "zet 'Rondje lokale ontwikkelingen' op elke agenda van de coalitie",
    ["zhz.no_meetings"] = "er is geen vergadering van {body} vastgelegd, dus ook geen rondje lokale ontwikkelingen",
    ["zhz.no_meetings.do"] = "leg de vergaderingen van de coalitie vast onder 'meetings' (body: {id}, agenda)",
    ["zhz.awaited"] = "{org} heeft nog niet besloten over advies {what}",
    ["zhz.awaited.do"] = "leg het advies voor aan wie binnen {org} besluit en leg daarna het standpunt met mandaat vast (spil decide {region} {id} {org_id}=voor+mandaat, of tegen+mandaat)",
    ["zhz.no_positions"] = "bij advies {what} zijn geen standpunten vastgelegd, dus het is onbekend op wiens besluit wordt gewacht",
    ["zhz.no_positions.do"] = "leg het standpunt van elk lid over besluit {id} vast (met mandaat)",
    ["zhz.all_decided"] = "elke organisatie heeft besloten over advies {what}, maar de uitkomst staat nog open",
    ["zhz.all_decided.do"] = "leg de uitkomst van besluit {id} vast (aangenomen of verworpen)",
    ["zhz.no_mandate"] = "{org} gaf geen mandaat voor besluit {what}",
    ["zhz.no_mandate.do"] = "leg {id} vast als advies (kind: advice, outcome: pending) tot wie binnen {org} besluit heeft besloten",
    ["zhz.not_valid"] = "besluit {what} is niet geldig ({reasons})",
    ["zhz.not_valid.do"] = "neem het opnieuw met leden met mandaat, of leg het vast als advies",
    ["zhz.check.do"] = "leg het advies voor aan wie binnen de organisatie zelf besluit",
  },
  en = {
    ["zhz.no_secretary"] = "{body} has no secretary",
    ["zhz.no_secretary.do"] = "record who is secretary of {id} (function: secretary; the GGD)",
    ["zhz.meetings"] = "{body} meets {n} times a year, not four",
    ["zhz.meetings_unknown"] = "{body} meets an unrecorded number of times a year, not four",
    ["zhz.meetings.do"] = "plan four coalitie meetings a year (bodies: meetings_per_year)",
    ["zhz.no_round"] = "the meeting of {body} on {date} has no round of local developments",
    ["zhz.no_round.do"] = "put 'Rondje lokale ontwikkelingen' on every coalitie agenda",
    ["zhz.no_meetings"] = "no meeting of {body} is recorded, so no round of local developments either",
    ["zhz.no_meetings.do"] = "record the coalitie's meetings under 'meetings' (body: {id}, agenda)",
    ["zhz.awaited"] = "{org} has not yet decided on advice {what}",
    ["zhz.awaited.do"] = "take the advice to the decision-maker of {org}, then record its position with mandate (spil decide {region} {id} {org_id}=for+mandate, or against+mandate)",
    ["zhz.no_positions"] = "no positions are recorded on advice {what}, so it is unknown whose decision is awaited",
    ["zhz.no_positions.do"] = "record each member's position on decision {id} (with mandate)",
    ["zhz.all_decided"] = "every organisation has decided on advice {what}, but its outcome is still pending",
    ["zhz.all_decided.do"] = "record the outcome of decision {id} (adopted or rejected)",
    ["zhz.no_mandate"] = "{org} gave no mandate for decision {what}",
    ["zhz.no_mandate.do"] = "record {id} as advice (kind: advice, outcome: pending) until the decision-maker of {org} has decided",
    ["zhz.not_valid"] = "decision {what} is not valid ({reasons})",
    ["zhz.not_valid.do"] = "take it again with mandated members, or record it as advice",
    ["zhz.check.do"] = "take the advice to the organisation's own decision-maker",
  },
}
local S = E.subject

local M = {}

local SOURCE = "Regionale aanpak Kansrijke Start Zuid-Holland Zuid (mandaat in de coalitie)"

--- The members of body `body_id` whose say counts for a decision: full members
-- (membership "member") whose representative holds a mandate.
-- Returns a list of member tables (organisation, person, membership, function,
-- mandate), or nil and a message when the region has no such body.
-- ctx (optional) is an engine context; without one the region's data is read directly.
function M.decision_members(body_id, ctx)
  local bodies = ctx and ctx:list("bodies") or spil.bodies()
  local body = data.index(bodies)[body_id]
  if not body then
    return nil, "no body '" .. tostring(body_id) .. "' in this region"
  end
  return data.where(body.members, { membership = "member", mandate = true })
end

--- The region's decision_valid rule (spil.governance signature): the stdlib's rule, counting
-- only full members that speak with a mandate (count = "mandated" is the only counting this
-- region knows; opts.count is ignored). opts.quorum: the fraction of the counted members that
-- must take a position (default 0.5). The decision is valid when the quorum is reached and
-- fewer than half of the counted positions are against. outcome = { counted, present, against,
-- pending (full members that took a position without mandate: the advice goes back to their
-- decision-maker), ignored (positions of agendaleden, advisory members and organisations
-- without a seat: never counted) }.
function M.decision_valid(ctx, decision, opts)
  return G.decision_valid(ctx, decision, { count = "mandated", quorum = opts and opts.quorum })
end

-- ---- 1. the coalitie as the region describes it --------------------------------------

local ZHZ = "Regionale aanpak Kansrijke Start regio Zuid-Holland Zuid"

local function coalitie_body(ctx) return C.body(ctx, "coalitie") end

local leden = C.body_exists { id = "coalitie-leden", name = "De coalitie zoals ZHZ haar samenstelt",
  kind = "coalitie", chair = true,
  member_kinds = { "gemeente", "ggd", "jgz", "vsv", "huisartsen", "zorgverzekeraar", "ouders" } }

M.leden = P.check {
  id = "coalitie-leden", name = "De coalitie zoals ZHZ haar samenstelt, met voorzitter en secretaris",
  source = ZHZ .. ", partners in de regionale coalitie; eerste stappen gezet",
  run = function(ctx)
    leden.run(ctx)
    local b = coalitie_body(ctx)
    if not b then return end
    for _, m in ipairs(b.members) do
      if m["function"] == "secretary" then return end
    end
    ctx:finding { subject = S.body(b), missing = T.t("zhz.no_secretary", { body = b.name }),
      remedy = T.t("zhz.no_secretary.do", { id = b.id }) }
  end }

M.vergaderfrequentie = P.check {
  id = "vergaderfrequentie", name = "De coalitie vergadert vier keer per jaar",
  severity = "advisory", source = ZHZ .. ", eerste stappen gezet",
  run = function(ctx)
    local b = coalitie_body(ctx)
    if not b then return ctx:waits_for("coalitie") end -- the standard check reports it
    if (b.meetings_per_year or 0) < 4 then
      ctx:finding { subject = S.body(b),
        missing = b.meetings_per_year
          and T.t("zhz.meetings", { body = b.name, n = tostring(b.meetings_per_year) })
          or T.t("zhz.meetings_unknown", { body = b.name }),
        remedy = T.t("zhz.meetings.do") }
    end
  end }

-- Agenda items are free text: this looks for "lokale ontwikkelingen".
M.rondje_lokaal = P.check {
  id = "rondje-lokaal", name = "Vast rondje lokale ontwikkelingen", severity = "advisory",
  source = ZHZ .. ", meerwaarde samenwerking",
  run = function(ctx)
    local b = coalitie_body(ctx)
    if not b then return ctx:waits_for("coalitie") end
    local met = false
    for _, m in ipairs(ctx:list("meetings")) do
      if m.body == b.id then
        met = true
        local rondje = false
        for _, item in ipairs(m.agenda) do
          if item:lower():find("lokale ontwikkelingen", 1, true) then rondje = true end
        end
        if not rondje then
          ctx:finding { subject = S.body(b),
            missing = T.t("zhz.no_round", { body = b.name, date = m.date }),
            remedy = T.t("zhz.no_round.do") }
        end
      end
    end
    if not met then
      ctx:finding { subject = S.body(b), missing = T.t("zhz.no_meetings", { body = b.name }),
        remedy = T.t("zhz.no_meetings.do", { id = b.id }) }
    end
  end }

M.regioplan = C.agreement_signed { id = "regioplan", name = "Regioplan door alle partners vastgesteld",
  kind = "regioplan", municipalities = true, source = ZHZ .. ", GALA, IZA en de SPUK plannen" }

M.regioplan_inhoud = C.agreement_covers { id = "regioplan-inhoud",
  name = "Regioplan met doelen en werkagenda", kind = "regioplan", topics = { "doel", "werkagenda" },
  severity = "advisory", source = ZHZ .. ", eerste stappen gezet" }

-- ---- the check on the coalitie step ----------------------------------------------------

local function org_name(orgs, id)
  local o = orgs[id]
  return o and o.name or id, o or { id = id }
end

--- Check "besluiten-afgerond": no decision of the coalitie is left half-taken.
--   * advice (whatever its outcome, unless rejected): a blocking finding per organisation
--     whose decision is awaited (subject: that organisation); when none is awaited any more
--     and the outcome is still pending, an advisory finding to record it;
--   * an adopted decision: it must be valid under the region's decision_valid rule, and a
--     member that spoke for it without mandate makes it advice for that organisation.
-- Uses the rule of the programme being checked (G.rule), so a later script may replace it.
function M.besluiten_afgerond(ctx)
  local valid = G.rule(ctx.programme or P.get("kansrijke-start"), "decision_valid")
  local orgs = data.index(ctx:list("organisations"))
  for _, d in ipairs(ctx:list("decisions")) do
    local what = string.format("%s (%s, %s): '%s'", d.id, d.body, d.date, d.subject)
    -- An advice is not decided by being recorded as adopted: each organisation whose own
    -- decision-maker has not spoken is still awaited, whatever the outcome says.
    if d.kind == "advice" and d.outcome ~= "rejected" then
      local _, _, out = valid(ctx, d, { count = "mandated" })
      local pending = out and out.pending or {}
      for _, id in ipairs(pending) do
        local name, o = org_name(orgs, id)
        ctx:finding { subject = E.subject.organisation(o),
          missing = T.t("zhz.awaited", { org = name, what = what }),
          remedy = T.t("zhz.awaited.do", { org = name, region = ctx.region.id, id = d.id,
            org_id = id }) }
      end
      if d.outcome ~= "pending" then -- decided: nothing more to record
      elseif #(d.positions or {}) == 0 then
        ctx:finding { subject = E.subject.decision(d), severity = "advisory",
          missing = T.t("zhz.no_positions", { what = what }),
          remedy = T.t("zhz.no_positions.do", { id = d.id }) }
      elseif #pending == 0 then
        ctx:finding { subject = E.subject.decision(d), severity = "advisory",
          missing = T.t("zhz.all_decided", { what = what }),
          remedy = T.t("zhz.all_decided.do", { id = d.id }) }
      end
    elseif d.kind == "decision" and d.outcome == "adopted" then
      local ok, reasons, out = valid(ctx, d, { count = "mandated" })
      for _, id in ipairs(out and out.pending or {}) do
        local name, o = org_name(orgs, id)
        ctx:finding { subject = E.subject.organisation(o),
          missing = T.t("zhz.no_mandate", { org = name, what = what }),
          remedy = T.t("zhz.no_mandate.do", { id = d.id, org = name }) }
      end
      if not ok then
        ctx:finding { subject = E.subject.decision(d),
          missing = T.t("zhz.not_valid", { what = what, reasons = table.concat(reasons or {}, "; ") }),
          remedy = T.t("zhz.not_valid.do") }
      end
    end
  end
end

M.check = P.check {
  id = "besluiten-afgerond",
  name = "Adviezen van de coalitie zijn door de organisaties zelf besloten",
  source = SOURCE,
  remedy = T.t("zhz.check.do"),
  run = M.besluiten_afgerond,
}

-- ---- the SPUK memo and the themes that need regional funding ---------------------------
-- "de gemeenten hebben gevraagd om de regionale aanpak te beschrijven in een memo. Deze wordt
-- dan toegevoegd aan de SPUK aanvraag. Onderwerpen die van belang zijn en regionale
-- financiering behoeven, zijn netwerkregie, ouderbetrokkenheid en werken met data."
-- Both are advice: the source tells what ZHZ is still working out ("We zijn nog aan het
-- uitwerken"), not a condition for a step.
local SPUK = ZHZ .. ", GALA, IZA en de SPUK plannen"
local T = require "spil.messages"
T.add {
  nl = {
    ["zhz.geen-thema"] = "het thema {theme} staat niet onder 'themes', dus de regionale financiering ervan kan niet worden nagegaan",
    ["zhz.geen-thema.do"] = "leg het thema {theme} vast onder 'themes'",
    ["zhz.geen-financiering"] = "voor het thema {name} is geen regionale financiering afgesproken of toegekend",
    ["zhz.geen-financiering.do"] = "spreek de regionale financiering van {name} af en leg die vast (funding: theme {theme}, status akkoord of toegekend)",
  },
  en = {
    ["zhz.geen-thema"] = "the theme {theme} is not under 'themes', so its regional funding cannot be checked",
    ["zhz.geen-thema.do"] = "record the theme {theme} under 'themes'",
    ["zhz.geen-financiering"] = "no regional funding is agreed or granted for the theme {name}",
    ["zhz.geen-financiering.do"] = "agree the regional funding of {name} and record it (funding: theme {theme}, status agreed or granted)",
  },
}

--- The themes the gemeenten want funded regionally (ids under 'themes').
M.REGIONAAL = { "netwerkregie", "ouderbetrokkenheid", "werken-met-data" }

M.memo_spuk = C.document_exists { id = "memo-spuk", kind = "memo", severity = "advisory",
  name = "Memo met de regionale aanpak bij de SPUK-aanvragen",
  source = SPUK .. " (\"de regionale aanpak te beschrijven in een memo\")" }

M.regionale_financiering = P.check {
  id = "regionale-financiering", name = "Regionale financiering voor de regionale thema's",
  severity = "advisory",
  source = SPUK .. " (\"Onderwerpen die ... regionale financiering behoeven\")",
  run = function(ctx)
    local themes = data.index(ctx:list("themes"))
    local funded = {}
    for _, f in ipairs(ctx:list("funding")) do
      if f.theme and (f.status == "agreed" or f.status == "granted") and C.active(f, ctx.today) then
        funded[f.theme] = true
      end
    end
    for _, id in ipairs(M.REGIONAAL) do
      local th = themes[id]
      if not th then
        ctx:finding { subject = S.region(ctx.region), missing = T.t("zhz.geen-thema", { theme = id }),
          remedy = T.t("zhz.geen-thema.do", { theme = id }) }
      elseif not funded[id] then
        ctx:finding { subject = S.theme(th),
          missing = T.t("zhz.geen-financiering", { name = th.name }),
          remedy = T.t("zhz.geen-financiering.do", { name = th.name, theme = id }) }
      end
    end
  end }

-- ---- register the region's Kansrijke Start ---------------------------------------------

local p = P.extend(assert(P.get("kansrijke-start")))
p:rule("decision_valid", M.decision_valid)
p:put_check("coalitie", M.check)
for _, c in ipairs({ M.leden, M.vergaderfrequentie, M.rondje_lokaal, M.regioplan,
  M.regioplan_inhoud, M.memo_spuk, M.regionale_financiering }) do
  p:put_check("coalitie", c)
end
P.use(p)

return M
