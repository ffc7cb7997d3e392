--! lang: en
-- Pending advice in Zuid-Holland Zuid (rules.lua, check "besluiten-afgerond"): before and
-- after an organisation's decision-maker decided.
--
-- The states are the region's own data with the decisions replaced in the check context.
-- A fixture folder cannot serve here: spil only runs the scripts listed in a fixture's own
-- region.yaml and refuses scripts outside its folder, so a fixture would test a copy of
-- rules.lua instead of the region's (see the report of this change).
local t = require "spil.test"
t.today = "2026-01-15"

local check_with = t.check_with

-- The coalitie's advice on the SPUK memo (as in region.yaml): Dordrecht and Gorinchem spoke
-- without mandate, the parent representatives with mandate, Zilveren Kruis (agendalid) too.
-- mandates = { org = true|false } overrides the recorded mandates.
local function advice(mandates, kind, outcome)
  local d = { id = "advies-memo-spuk", body = "coalitie", date = "2024-02-08",
    subject = "Netwerkregie regionaal financieren via de memo bij de SPUK-aanvragen",
    kind = kind or "advice", outcome = outcome or "pending", positions = {
      { organisation = "gem-dordrecht", position = "for", mandate = false },
      { organisation = "gem-gorinchem", position = "for", mandate = false },
      { organisation = "ouders", position = "for", mandate = true },
      { organisation = "zilveren-kruis", position = "for", mandate = true } } }
  for _, pos in ipairs(d.positions) do
    if mandates and mandates[pos.organisation] ~= nil then pos.mandate = mandates[pos.organisation] end
  end
  return d
end

t.case("before: the step waits for Dordrecht and Gorinchem, and only for them", function()
  local r = check_with("kansrijke-start", "coalitie", { decisions = { advice() } })
  t.expect(not r.ready, "the coalitie step is not ready")
  t.finding(r, { check = "besluiten-afgerond", subject = "gem-dordrecht", severity = "blocking",
    missing = "Gemeente Dordrecht has not yet decided on advice advies-memo-spuk" })
  t.finding(r, { check = "besluiten-afgerond", subject = "gem-gorinchem", severity = "blocking" })
  t.equal(#t.findings(r, { check = "besluiten-afgerond" }), 2, "findings of besluiten-afgerond")
end)

t.case("after: once Dordrecht's position is recorded with mandate its finding is gone", function()
  local r = check_with("kansrijke-start", "coalitie",
    { decisions = { advice { ["gem-dordrecht"] = true } } })
  t.no_finding(r, { check = "besluiten-afgerond", subject = "gem-dordrecht" })
  t.finding(r, { check = "besluiten-afgerond", subject = "gem-gorinchem", severity = "blocking" })
  t.equal(#t.findings(r, { check = "besluiten-afgerond" }), 1, "findings of besluiten-afgerond")
end)

t.case("when every organisation has decided, only recording the outcome is left", function()
  local all = { ["gem-dordrecht"] = true, ["gem-gorinchem"] = true }
  local r = check_with("kansrijke-start", "coalitie", { decisions = { advice(all) } })
  t.equal(#t.findings(r, { check = "besluiten-afgerond", severity = "blocking" }), 0,
    "blocking findings of besluiten-afgerond")
  t.finding(r, { check = "besluiten-afgerond", subject = "advies-memo-spuk",
    severity = "advisory", missing = "outcome is still pending" })
  r = check_with("kansrijke-start", "coalitie", { decisions = { advice(all, "advice", "adopted") } })
  t.equal(t.status(r, "besluiten-afgerond"), "pass", "besluiten-afgerond once adopted")
end)

t.case("advice recorded as adopted while Dordrecht and Gorinchem have not decided still waits "
  .. "for them (the outcome does not decide for an organisation)", function()
  local r = check_with("kansrijke-start", "coalitie",
    { decisions = { advice(nil, "advice", "adopted") } })
  t.finding(r, { check = "besluiten-afgerond", subject = "gem-dordrecht", severity = "blocking" })
  t.finding(r, { check = "besluiten-afgerond", subject = "gem-gorinchem", severity = "blocking" })
  t.no_finding(r, { check = "besluiten-afgerond", missing = "outcome is still pending" })
end)

t.case("a decision recorded as adopted without the gemeenten's mandate is advice for them", function()
  local r = check_with("kansrijke-start", "coalitie",
    { decisions = { advice(nil, "decision", "adopted") } })
  local f = t.finding(r, { check = "besluiten-afgerond", subject = "gem-dordrecht",
    severity = "blocking", missing = "gave no mandate for decision advies-memo-spuk" })
  t.expect(f.remedy:find("kind: advice", 1, true), "the remedy says to record it as advice")
  t.finding(r, { check = "besluiten-afgerond", subject = "gem-gorinchem" })
  t.no_finding(r, { check = "besluiten-afgerond", subject = "ouders" })
  t.no_finding(r, { check = "besluiten-afgerond", subject = "zilveren-kruis" })
  -- one mandated member of eighteen is no quorum: the decision itself is not valid either
  t.finding(r, { check = "besluiten-afgerond", subject = "advies-memo-spuk", severity = "blocking",
    missing = "quorum not reached: 1 of 18 voting members took a position with a mandate, 9 needed" })
end)

t.case("an adopted decision without any mandated member is not valid", function()
  local none = { ouders = false }
  local r = check_with("kansrijke-start", "coalitie",
    { decisions = { advice(none, "decision", "adopted") } })
  t.finding(r, { check = "besluiten-afgerond", subject = "advies-memo-spuk", severity = "blocking",
    missing = "no member of Regionale coalitie Kansrijke Start spoke with a mandate" })
end)
