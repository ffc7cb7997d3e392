--! fixture: fixtures/alleen-advies
--! lang: en
-- Every blocking precondition met, only advice left: advice never stands in the way.
local t = require "spil.test"
t.today = "2026-01-15"

t.case("advisory findings do not block any step", function()
  for _, stap in ipairs({ "1-5", "6", "7", "8", "fase-2" }) do
    local r = t.holds(t.check("kngg", stap), { ready = true, blocking = 0 })
    t.expect(r.advisory > 0, "advice in step " .. stap)
  end
end)

t.case("the regiocoordinator may advance from step 8 to fase 2 despite the advice", function()
  t.may_advance("kngg", "rc", "fase-2")
end)

t.case_table("kngg", {
  { "missing domains are advice", step = "7",
    pass = { "kerngroep-mandaat" }, -- every kerngroep member holds a mandate
    finding = {
      { check = "domeinen", missing = "ziekenhuis", severity = "advisory" },
      { check = "domeinen", missing = "paramedici", severity = "advisory" } },
    -- an agenda member (the insurer) still represents its domain
    no_finding = { { check = "domeinen", missing = "zorgverzekeraar" } } },
  { "support at executing organisations is advice, per missing kind", step = "6",
    finding = { { check = "draagvlak-uitvoering", missing = "no ziekenhuis", severity = "advisory" } },
    no_finding = { { check = "draagvlak-uitvoering", missing = "no huisartsen" } } },
  { "indicators outside the RIVM set and no communication task are advice", step = "8",
    blocking = 0, pass = { "indicatoren" }, -- a process and a result indicator
    finding = {
      { check = "indicatoren-bestaande-sets", severity = "advisory" },
      { check = "communicatie-wie-doet-wat", severity = "advisory" } } },
  { "a municipality that left, an old evaluation and no recent meeting are advice",
    step = "fase-2", pass = { "communicatie-afspraken" }, -- agreed from step 8 on
    finding = {
      { check = "bestuurlijk-commitment", subject = "GM0050", severity = "advisory",
        missing = "left the region on 2025-09-30" },
      { check = "evaluatie", missing = "since 2025-01-15" },
      { check = "regelmatig-overleg", missing = "since 2025-07-15" } } },
})

t.case("a municipality that left is no longer asked to sign or to have a projectleider", function()
  t.no_finding(t.check("kngg", "6"), { subject = "GM0050" })
  t.no_finding(t.check("kngg", "8"), { subject = "GM0050" })
end)
