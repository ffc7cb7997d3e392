--- Maatwerk of Fryslân (Kansrijke Start): everything province-wide.
--
-- "Thea Westerink begint met vertellen dat in Friesland – niet verbazingwekkend – alles
-- provinciaal aangepakt wordt. Dit neemt overigens niet weg dat er ook veel lokale coalities in
-- de regio actief zijn." ("Regionaal voorbakken, lokaal afbakken", seed 002.) So in Fryslân:
--   * check "provinciaal" on the coalitie step (blocking, and from there on): every member
--     gemeente of the region is a full member of the provincial coalitie. A gemeente that takes
--     part in the region but not in the coalitie would make the approach less than provincial.
--     The local coalities stay, as links (region.yaml), and are not checked.
-- It extends what themas.lua registered (P.get), so the two scripts add up.
local P = require "spil.programme"
local C = require "spil.checks"
local S = require("spil.engine").subject

local M = {}

M.check = P.check {
  id = "provinciaal", name = "Elke gemeente zit in de provinciale coalitie",
  source = "Regionaal voorbakken, lokaal afbakken (Landelijke coalitie Kansrijke Start, oktober "
    .. "2022), Fryslân (\"in Friesland ... alles provinciaal aangepakt wordt\")",
  run = function(ctx)
    local coalitie = C.body(ctx, "coalitie")
    if not coalitie then return ctx:waits_for("coalitie") end -- the standard check reports it
    C.each_gemeente_outside(ctx, C.seated({ coalitie }, "member"), function(m)
      ctx:finding { subject = S.municipality(m),
        missing = string.format("%s is geen volwaardig lid van %s: de aanpak is niet "
          .. "provinciaal", m.name, coalitie.name),
        remedy = string.format("neem de gemeente %s op als lid van %s (bodies: members, "
          .. "membership: member)", m.name, coalitie.id) }
    end)
  end,
}

local p = P.extend(assert(P.get("kansrijke-start")))
p:put_check("coalitie", M.check)
P.use(p)

return M
