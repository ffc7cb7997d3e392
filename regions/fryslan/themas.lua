--- Maatwerk of Fryslân (Kansrijke Start, province-wide): which themes are regional.
--
-- Fryslân works province-wide but takes up regionally only the themes that are relevant
-- to ALL partners; the rest stays local, in the lokale coalities. So:
--   * rule theme_regional: a theme is regional when every partner holds it relevant, the
--     partners being the full members (membership "member") of the provincial coalitie.
--     A partner that said no, or has not said anything yet, keeps the theme local.
--     Agendaleden (the province) and organisations outside the coalitie do not count.
--   * check "regionaal-thema-belegd" on the coalitie step: the themes are recorded (the
--     choice is made), and every REGIONAL theme has a regional trekker, i.e. a strategic
--     responsibility whose task names the theme. Local themes are not checked: they produce
--     no finding. Without a coalitie with full members it waits for the coalitie check.
--
-- The model has no link from a responsibility to a theme, so the link is a convention: the
-- task text contains the theme's name, e.g. "Werken met data: regionale trekker".
local P = require "spil.programme"
local E = require "spil.engine"
local G = require "spil.governance"
local T = require "spil.messages"

-- What this script's check says, in Dutch and English (docs/scripting.md, spil.messages).
T.add {
  nl = {
    ["fryslan.no_trekker"] = "regionaal thema {theme} heeft geen regionale trekker (geen strategische verantwoordelijkheid noemt het)",
    ["fryslan.no_trekker.do"] = "spreek in de coalitie af wie {theme} trekt en leg dat vast onder 'responsibilities' (level: strategic, task: \"{theme}: regionale trekker\")",
    ["fryslan.no_themes"] = "er zijn geen thema's vastgelegd, dus de keuze welke thema's regionaal worden opgepakt is niet gemaakt",
    ["fryslan.no_themes.do"] = "leg de thema's vast onder 'themes' en laat elke partner in de coalitie zeggen of het voor hem relevant is (relevance)",
  },
  en = {
    ["fryslan.no_trekker"] = "regional theme {theme} has no regional trekker (no strategic responsibility names it)",
    ["fryslan.no_trekker.do"] = "agree in the coalitie who trekt {theme} and record it under 'responsibilities' (level: strategic, task: \"{theme}: regionale trekker\")",
    ["fryslan.no_themes"] = "no themes are recorded, so the choice of which themes are taken up regionally is not made",
    ["fryslan.no_themes.do"] = "record the themes under 'themes' and let each partner in the coalitie say whether it is relevant to it (relevance)",
  },
}

local M = {}

local SOURCE = "Regionale aanpak Kansrijke Start Fryslân: alleen thema's die voor alle "
  .. "partners relevant zijn worden regionaal opgepakt"

--- The partners: the organisation ids of the full members of the regional body (the
-- first body of kind coalitie), in the order of the members list.
function M.partners(ctx)
  for _, b in ipairs(ctx:list("bodies")) do
    if b.kind == "coalitie" then
      local out = {}
      for _, m in ipairs(b.members) do
        if m.membership == "member" then out[#out + 1] = m.organisation end
      end
      return out
    end
  end
  return {}
end

--- Rule theme_regional(ctx, theme, opts) -> ok, reasons: the stdlib rule with the partners
-- fixed to the full members of the coalitie (opts.partners still wins when given).
function M.theme_regional(ctx, theme, opts)
  opts = opts or {}
  local partners = opts.partners or M.partners(ctx)
  if #partners == 0 then
    return false, { "the region has no coalitie with full members, so no partners to agree" }
  end
  return G.theme_regional(ctx, theme, { partners = partners })
end

--- The regional themes under the rule of the programme being checked, in file order.
function M.regional_themes(ctx)
  local regional = G.rule(ctx.programme or P.get("kansrijke-start"), "theme_regional")
  local out = {}
  for _, th in ipairs(ctx:list("themes")) do
    if regional(ctx, th) then out[#out + 1] = th end
  end
  return out
end

--- Does responsibility r belong to theme th? Its task names the theme (case-insensitive).
function M.about(r, th)
  return r.task:lower():find(th.name:lower(), 1, true) ~= nil
end

M.check = P.check {
  id = "regionaal-thema-belegd",
  name = "Elk regionaal thema heeft een regionale trekker",
  source = SOURCE,
  run = function(ctx)
    -- "In Friesland is expliciet de keuze gemaakt welke thema's regionaal worden opgepakt":
    -- without the coalitie there are no partners to choose; without themes, nothing was chosen.
    if #M.partners(ctx) == 0 then return ctx:waits_for("coalitie") end
    if #ctx:list("themes") == 0 then
      return ctx:finding { subject = E.subject.region(ctx.region),
        missing = T.t("fryslan.no_themes"), remedy = T.t("fryslan.no_themes.do") }
    end
    local resp = ctx:list("responsibilities")
    for _, th in ipairs(M.regional_themes(ctx)) do
      local owned = false
      for _, r in ipairs(resp) do
        if r.level == "strategic" and M.about(r, th) then owned = true end
      end
      if not owned then
        ctx:finding { subject = E.subject.theme(th),
          missing = T.t("fryslan.no_trekker", { theme = th.name }),
          remedy = T.t("fryslan.no_trekker.do", { theme = th.name }) }
      end
    end
  end,
}

-- ---- register the region's Kansrijke Start ---------------------------------------------

local p = P.extend(assert(P.get("kansrijke-start")))
p:rule("theme_regional", M.theme_regional)
p:put_check("coalitie", M.check)
P.use(p)

return M
