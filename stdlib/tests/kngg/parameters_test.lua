--! fixture: fixtures/eigen-termijn
--! lang: en
-- Periods the guidance leaves to the region ("regelmatig", the evaluation period) are
-- parameters that the region's own Lua sets (fixtures/eigen-termijn/termijn.lua:
-- regelmatig_maanden = 1, evaluatie_maanden = 6): the checks, run as spil check runs them,
-- follow them. The baseline met in November 2025 and evaluated in 2025.
local t = require "spil.test"
t.today = "2026-01-15"

t.case_table("kngg", {
  { "fase 2: a region that reads regelmatig as 1 month and evaluates every 6 is advised",
    step = "fase-2", ready = true, -- advice does not block
    finding = {
      { check = "regelmatig-overleg", severity = "advisory", missing = "since 2025-12-15" },
      { check = "evaluatie", severity = "advisory", missing = "since 2025-07-15" } } },
})
