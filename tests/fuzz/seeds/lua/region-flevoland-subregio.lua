--- Maatwerk of Flevoland (KnGG): the standard programme plus one check of its own.
--
-- Flevoland starts small in an enthusiastic sub-region (Almere and Zeewolde are members;
-- Dronten, Lelystad, Noordoostpolder and Urk are candidates) and scales up later. Before
-- the samenwerkingsovereenkomst of step 6 counts, each participating gemeente names a
-- bestuurlijk aanspreekpunt (the wethouder the RC goes to), so that the regional approach
-- keeps a line into every college.
--
-- Candidates are left alone: spil.checks.members counts only municipalities with status
-- member (or none), so a candidate is neither asked to sign nor to name anyone until it
-- joins. Everything else of step 6 is the standard KnGG (sso-getekend, sso-bindend, ...).
local P = require "spil.programme"
local C = require "spil.checks"

local M = {}

M.check = C.role_per_municipality {
  id = "bestuurlijk-aanspreekpunt",
  name = "Elke deelnemende gemeente heeft een bestuurlijk aanspreekpunt",
  role = "bestuurlijk-aanspreekpunt",
  source = "Maatwerk Flevoland: klein starten in een enthousiaste subregio (KnGG fase 2)",
}

local p = P.extend(require "programmes.kngg")
p:add_check("6", M.check)
P.use(p)

return M
