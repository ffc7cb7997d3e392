--- Kansrijke Start: the coalition model (first draft; see docs/programmes.md).
local P = require "spil.programme"
local C = require "spil.checks"

return P.programme {
  id = "kansrijke-start",
  name = "Kansrijke Start",
  source = "Kansrijke Start, regionale aanpak (Zuid-Holland Zuid)",
  phases = {
    P.phase { id = "opbouw", name = "Coalitie opbouwen", steps = {
      P.step { id = "verkenning", name = "Verkenning", checks = {} },
      P.step { id = "coalitie", name = "Coalitie vormen", checks = {
        C.body_exists { id = "coalitie", name = "Regionale coalitie ingericht", kind = "coalitie",
          member_kinds = { "gemeente", "ggd", "jgz", "vsv" }, chair = true,
          source = "Regionale aanpak Kansrijke Start Zuid-Holland Zuid" },
        C.agreement_signed { id = "regioplan", name = "Regioplan door alle partners vastgesteld",
          kind = "regioplan", municipalities = true,
          source = "Regionale aanpak Kansrijke Start Zuid-Holland Zuid" },
      } },
      P.step { id = "uitvoering", name = "Uitvoering", checks = {} },
    } },
  },
}
