--! fixture: fixtures/eigen-termijn
--! lang: en
-- A period the guidance leaves to the region is a parameter that the region's own Lua sets
-- (fixtures/eigen-termijn/termijn.lua: evaluatie_maanden = 2): the checks, run as spil check
-- runs them, follow it.
local t = require "spil.test"
t.today = "2026-01-15"

t.case_table("kansrijke-start", {
  { "evaluatie: with evaluatie_maanden = 2, an evaluation 3 months ago is advised on",
    step = "uitvoering", ready = true, -- advice does not block
    finding = { { check = "evaluatie", severity = "advisory", missing = "since 2025-11-15" } } },
})
