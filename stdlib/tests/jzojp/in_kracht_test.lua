--! fixture: fixtures/klaar
--! lang: en
-- The regional agreements as they stand, not as their rows look (the red-team review): an
-- ended convenant is none; any regional agreement all three financiers signed will do, whatever
-- its id and whichever other agreement the gemeenten have among themselves.
local t = require "spil.test"
t.today = "2026-01-15"

local ended = t.rows_with("agreements", "id", "convenant", function(a) a.status = "ended" end)

-- A gemeenten-only regioplan next to the convenant, with an id that comes first.
local both = t.rows("agreements")
table.insert(both, 1, { id = "a-regioplan", title = "Regioplan van de gemeenten", kind = "regioplan",
  topics = { "doel" }, parties = {
    { organisation = "gem-assen", status = "signed" }, { organisation = "gem-tynaarlo", status = "signed" },
    { organisation = "gem-aa-en-hunze", status = "signed" } } })

t.case_table("jzojp", {
  { "an ended convenant is no regional agreement: afspraken blocks", step = "afspraken",
    ready = false, with = { agreements = ended },
    blocks = { { check = "regionale-afspraken", cites = "werkstructuur" } } },
  { "a signed convenant counts even next to a gemeenten-only regioplan listed first",
    step = "afspraken", with = { agreements = both }, pass = { "regionale-afspraken" } },
})
