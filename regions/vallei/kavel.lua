--- Maatwerk of Vallei Vitaal & Gezond (Juiste Zorg op de Juiste Plek, afspraken): working by
-- the principles of the Kavelmodel since October 2021.
--
-- What the Vallei tells of itself ("Regionaal voorbakken, lokaal afbakken", Landelijke coalitie
-- Kansrijke Start, oktober 2022, seed 002) binds the Vallei, not every region, so it lives here:
--   * kavel-partners (blocking): "Betrokken partijen zijn huisartsen, VVT-aanbieders, Pro
--     Persona, Ziekenhuis Gelderse Vallei, Malkander, Menzis en de gemeente Ede": each of them
--     has signed the Kavelmodel agreement, in force. The standard regionale-afspraken asks for
--     every invited party; this asks for these seven, also when one is left off the list of
--     parties. The model has no kind for VVT or GGZ (both `other`), so the partners are named
--     by their ids in region.yaml (M.PARTNERS).
--   * andere-financiering (blocking): "Het gaat namelijk om een andere financieringsvorm voor de
--     zorgverzekeraar": funding from the zorgverzekeraar (source zorgverzekeraar, paid by an
--     organisation of kind zorgverzekeraar), agreed or granted and in force.
--   * inzet-en-resultaat (advisory): "Een soort jaarlijkse APK voor gezondheid ... het is samen
--     zoeken én elkaar aanspreken op inzet en resultaat": an evaluation in the last twelve
--     months that measures against the Kavelmodel agreement (evaluations: agreement). A
--     metaphor told in an interview: advice, not a gate.
-- All three on the afspraken step, and from there on (spil.programme carries them onward).
--
-- This file is a region script (region.yaml: scripts) and a module: a test's `require "kavel"`
-- gets this table.
local P = require "spil.programme"
local C = require "spil.checks"
local D = require "spil.data"
local S = require("spil.engine").subject

local M = {}

local BRON = "Regionaal voorbakken, lokaal afbakken (Landelijke coalitie Kansrijke Start, "
  .. "oktober 2022), Vallei Vitaal & Gezond"

--- The agreement by which the partners work by the Kavelmodel (its id in region.yaml).
M.AFSPRAAK = "kavelmodel"

--- The parties the source names, by their ids in region.yaml, in the source's order.
M.PARTNERS = { "huisartsen", "vvt", "pro-persona", "zgv", "malkander", "menzis", "gem-ede" }

--- The months within which the yearly "APK" must have taken place.
M.APK_MAANDEN = 12

--- The Kavelmodel agreement, or nil.
function M.afspraak(ctx)
  return D.index(ctx:list("agreements"))[M.AFSPRAAK]
end

M.partners = P.check {
  id = "kavel-partners", name = "Alle partners werken volgens het Kavelmodel",
  source = BRON .. " (\"Betrokken partijen zijn huisartsen, VVT-aanbieders, Pro Persona, "
    .. "Ziekenhuis Gelderse Vallei, Malkander, Menzis en de gemeente Ede\")",
  run = function(ctx)
    local a = M.afspraak(ctx)
    if not a or not C.active(a, ctx.today) then
      ctx:finding { subject = a and S.agreement(a) or S.region(ctx.region),
        missing = a and (a.title .. " is niet van kracht")
          or "de afspraak om volgens het Kavelmodel te werken is niet vastgelegd",
        remedy = "leg de afspraak vast onder 'agreements' (id: " .. M.AFSPRAAK .. ") met de "
          .. "partners als partijen, en de periode waarin zij geldt" }
      return
    end
    local orgs = D.index(ctx:list("organisations"))
    local parties = D.index(a.parties, "organisation")
    for _, id in ipairs(M.PARTNERS) do
      local o = orgs[id]
      local party = parties[id]
      if not o then
        ctx:finding { subject = S.region(ctx.region),
          missing = string.format("partner '%s' staat niet onder de organisaties", id),
          remedy = "leg de partner vast onder 'organisations' (id: " .. id .. ")" }
      elseif not party then
        ctx:finding { subject = S.organisation(o),
          missing = string.format("%s is geen partij bij %s", o.name, a.title),
          remedy = string.format("nodig %s uit als partij bij %s", o.name, a.id) }
      elseif party.status ~= "signed" then
        ctx:finding { subject = S.organisation(o),
          missing = string.format("%s heeft %s niet getekend (status %s)", o.name, a.title,
            party.status),
          remedy = string.format("vraag de handtekening van %s en leg die vast (spil sign %s "
            .. "%s %s)", o.name, ctx.region.id, a.id, o.id) }
      end
    end
  end,
}

M.financiering = P.check {
  id = "andere-financiering", name = "De zorgverzekeraar financiert op een andere manier mee",
  source = BRON .. " (\"Het gaat namelijk om een andere financieringsvorm voor de "
    .. "zorgverzekeraar\")",
  run = function(ctx)
    local orgs = D.index(ctx:list("organisations"))
    for _, f in ipairs(ctx:list("funding")) do
      local funder = f.funder and orgs[f.funder]
      if f.source == "zorgverzekeraar" and funder and funder.kind == "zorgverzekeraar"
          and (f.status == "agreed" or f.status == "granted") and C.active(f, ctx.today) then
        return
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = "er is geen financiering van de zorgverzekeraar afgesproken of toegekend",
      remedy = "leg de financiering door de zorgverzekeraar vast (spil fund " .. ctx.region.id
        .. " ID --source zorgverzekeraar --purpose programma, met funder: de zorgverzekeraar)" }
  end,
}

M.apk = P.check {
  id = "inzet-en-resultaat", name = "Jaarlijkse APK: elkaar aanspreken op inzet en resultaat",
  severity = "advisory",
  source = BRON .. " (\"Een soort jaarlijkse APK voor gezondheid ... elkaar aanspreken op inzet "
    .. "en resultaat\")",
  run = function(ctx)
    local since = C.months_before(ctx.today, M.APK_MAANDEN)
    local latest
    for _, e in ipairs(ctx:list("evaluations")) do
      if e.agreement == M.AFSPRAAK and e.date <= ctx.today
          and (not latest or e.date > latest.date) then
        latest = e
      end
    end
    if latest and latest.date >= since then return end
    ctx:finding { subject = S.region(ctx.region),
      missing = latest and string.format("de laatste APK van inzet en resultaat (%s, %s) is "
          .. "meer dan %d maanden geleden", latest.id, latest.date, M.APK_MAANDEN)
        or "er is geen APK van inzet en resultaat vastgelegd (een evaluatie tegen de afspraak)",
      remedy = "spreek elkaar jaarlijks aan op inzet en resultaat en leg dat vast onder "
        .. "'evaluations' (agreement: " .. M.AFSPRAAK .. ")" }
  end,
}

-- ---- register the region's Juiste Zorg op de Juiste Plek -------------------------------

local p = P.extend(assert(P.get("jzojp")))
for _, c in ipairs({ M.partners, M.financiering, M.apk }) do
  p:put_check("afspraken", c)
end
P.use(p)

return M
