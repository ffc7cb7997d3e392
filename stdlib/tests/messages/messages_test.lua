--! fixture: ../governance/fixtures/besluiten
-- The stdlib's message table (spil.messages): whole in both languages, placeholders filled,
-- a region's own keys added under the same rules. Language-independent: each case says which
-- language it reads, so the file passes under --lang nl and --lang en.
local t = require "spil.test"
local T = require "spil.messages"
local spil = require "spil"

local function in_lang(lang, fn) return T.with_lang(lang, fn) end

t.case("every key has a Dutch and an English text with the same placeholders", function()
  -- The programmes add their own keys when they load.
  require "programmes.kngg"
  require "programmes.kansrijke_start"
  require "programmes.jzojp"
  local problems = T.problems()
  t.equal(#problems, 0, table.concat(problems, "; "))
  local n = #T.keys()
  t.expect(n > 150, "the stdlib has its messages in the table (" .. n .. ")")
end)

t.case("a message is one sentence in the chosen language, every placeholder filled", function()
  local vars = { org = "Gemeente Velsen", agreement = "Regioplan", status = "uitgenodigd" }
  in_lang("nl", function()
    t.equal(T.t("checks.not_signed", vars),
      "Gemeente Velsen heeft Regioplan niet getekend (status uitgenodigd)", "nl")
    t.equal(T.list({ "a", "b", "c" }), "a, b of c", "a Dutch list")
    t.equal(T.list({ "a", "b" }, "and"), "a en b", "a Dutch list with and")
  end)
  in_lang("en", function()
    vars.status = "invited"
    t.equal(T.t("checks.not_signed", vars),
      "Gemeente Velsen has not signed (status invited) Regioplan", "en")
    t.equal(T.list({ "a", "b", "c" }), "a, b or c", "an English list")
  end)
end)

t.case("a missing placeholder value or an unknown key is an error, never half a message", function()
  local ok, err = pcall(T.t, "checks.not_signed", { org = "X" })
  t.expect(not ok and err:find("needs a value for {", 1, true), tostring(err))
  ok, err = pcall(T.t, "checks.nope")
  t.expect(not ok and err:find("no message 'checks.nope'", 1, true), tostring(err))
end)

t.case("a region adds its own keys in both languages; half a pair, a stdlib key or differing placeholders are refused", function()
  T.add { nl = { ["regio.wacht"] = "{org} wacht op de raad" },
          en = { ["regio.wacht"] = "{org} waits for the council" } }
  in_lang("nl", function() t.equal(T.t("regio.wacht", { org = "Velsen" }), "Velsen wacht op de raad", "nl") end)
  in_lang("en", function() t.equal(T.t("regio.wacht", { org = "Velsen" }), "Velsen waits for the council", "en") end)
  T.add { nl = { ["regio.wacht"] = "{org} wacht op de raad" },
          en = { ["regio.wacht"] = "{org} waits for the council" } } -- again: allowed
  local ok, err = pcall(T.add, { nl = { ["regio.x"] = "x" }, en = {} })
  t.expect(not ok and err:find("'regio.x' has no en text", 1, true), tostring(err))
  ok, err = pcall(T.add, { nl = { ["regio.y"] = "{a}" }, en = { ["regio.y"] = "{b}" } })
  t.expect(not ok and err:find("other placeholders", 1, true), tostring(err))
  ok, err = pcall(T.add, { nl = { ["checks.no_chair"] = "x" }, en = { ["checks.no_chair"] = "x" } })
  t.expect(not ok and err:find("is a message of the stdlib", 1, true), tostring(err))
  ok, err = pcall(T.add, { nl = { ["regio.wacht"] = "anders" }, en = { ["regio.wacht"] = "other" } })
  t.expect(not ok and err:find("already added with another text", 1, true), tostring(err))
end)

t.case("enumerated values are shown in the language spil speaks", function()
  local want = spil.lang == "en" and "invited" or "uitgenodigd"
  t.equal(T.word("agreement_party.status", "invited"), want, "a party's status")
  t.equal(T.word("parties.status", "invited"), want, "by the section's name")
  t.equal(T.word("bodies.kind", "kerngroep"), "kerngroep", "a Dutch value stays itself")
end)

t.case("the stdlib's own definitions are checked here: problems() names a key without a language or with other placeholders", function()
  T.define { nl = { ["proef.a"] = "{x}", ["proef.b"] = "b" }, en = { ["proef.a"] = "{y}", ["proef.c"] = "c" } }
  local p = table.concat(T.problems(), "; ")
  t.expect(p:find("proef.a: the placeholders differ", 1, true), p)
  t.expect(p:find("proef.b: no en text", 1, true), p)
  t.expect(p:find("proef.c: no nl text", 1, true), p)
  local ok, err = pcall(T.t, "proef.c")
  t.expect(spil.lang == "en" or (not ok and err:find("no message 'proef.c' in nl", 1, true)), tostring(err))
end)
