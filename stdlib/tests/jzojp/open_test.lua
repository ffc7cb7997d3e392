--! fixture: fixtures/open
--! lang: en
-- A JZOJP region without an RC and with incomplete agreements.
local t = require "spil.test"
t.today = "2026-01-15"

t.case_table("jzojp", {
  { "without an RC the first step is not done", step = "regiocoordinator", ready = false,
    finding = { { check = "regiocoordinator", severity = "blocking",
      missing = "no regiocoordinator is appointed" } } },
  { "an opdracht without RC financing and council involvement is named topic by topic",
    step = "regiocoordinator", blocking = 1, -- only the missing RC blocks
    finding = {
      { check = "bestuurlijke-opdracht", subject = "opdracht", severity = "advisory",
        missing = "does not cover financiering-rc" },
      { check = "bestuurlijke-opdracht", missing = "does not cover raadsbetrokkenheid" } },
    no_finding = { { check = "bestuurlijke-opdracht", missing = "does not cover doel" } } },
  { "a declined gemeente, a gemeente left out and no zorgkantoor block the afspraken",
    step = "afspraken", ready = false,
    finding = {
      { check = "regionale-afspraken", subject = "gem-tynaarlo", missing = "declined" },
      { check = "regionale-afspraken", subject = "GM1680", missing = "is not a party" },
      { check = "regionale-afspraken", missing = "no organisation of kind zorgkantoor" } },
    no_finding = { { check = "regionale-afspraken", missing = "kind zorgverzekeraar" } } },
  { "any form of regional agreement counts; a bestuurlijke opdracht is not one",
    step = "afspraken", pass = { "monitoring-afgesproken" }, -- the samenwerkingsovereenkomst
    no_finding = { { check = "regionale-afspraken", missing = "no regional agreement" } } },
})
