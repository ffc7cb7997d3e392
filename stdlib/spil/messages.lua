--- spil.messages: every text the stdlib says to a coordinator (findings, remedies, reasons),
-- as keyed messages with named placeholders, in Dutch (nl, the default) and English (en).
-- A message is translated whole, never glued from pieces: M.t("checks.not_signed", { org =
-- ..., agreement = ..., status = ... }) gives the one sentence in the language spil speaks
-- (spil.lang: --lang, $SPIL_LANG, the setting lang, else nl). Placeholders are {name}; a value
-- from the data model's enumerations is shown with M.word (invited is "uitgenodigd").
-- A region's Lua adds its own keys with M.add { nl = {...}, en = {...} } (docs/scripting.md);
-- M.problems() lists every key that lacks a language or whose placeholders differ.
local spil = require "spil"
local gsub, find, gmatch = string.gsub, string.find, string.gmatch

local M = {}

M.languages = { "nl", "en" }

M.nl = {
  -- spil.checks
  ["checks.not_in_force_ended"] = "{agreement} is niet van kracht (beëindigd op {until})",
  ["checks.not_in_force_starts"] = "{agreement} is nog niet van kracht (gaat in op {since})",
  ["checks.renew"] = "verleng {agreement} of leg de nieuwe looptijd vast",
  ["checks.not_in_force_status"] = "{agreement} is niet van kracht (status {status})",
  ["checks.not_in_force_status.do"] = "stel {agreement} vast met de partners en leg dat vast (status vastgesteld of getekend), of leg een geldende afspraak vast",
  ["checks.still_draft"] = "{agreement} is nog niet vastgesteld (status {status})",
  ["checks.still_draft.do"] = "leg vast dat {agreement} is vastgesteld zodra alle partners getekend hebben (agreements: status vastgesteld of getekend)",
  ["checks.no_agreement"] = "er is geen {kind} vastgelegd",
  ["checks.no_agreement.do"] = "leg een {kind} vast onder 'agreements', met de partijen",
  ["checks.no_role_for"] = "{municipality} heeft geen {roles}",
  ["checks.no_role_for.do"] = "wijs een {role} aan voor {municipality} onder 'roles' (municipality: {code})",
  ["checks.no_parties"] = "{agreement} heeft nog geen partijen",
  ["checks.no_parties.do"] = "leg onder 'parties' van {id} vast wie er wordt uitgenodigd om te tekenen",
  ["checks.withdrew"] = "{org} heeft de handtekening onder {agreement} ingetrokken",
  ["checks.declined"] = "{org} heeft geweigerd {agreement} te tekenen",
  ["checks.not_signed"] = "{org} heeft {agreement} niet getekend (status {status})",
  ["checks.not_signed.do"] = "vraag de handtekening van {org} en leg die vast met 'spil sign'",
  ["checks.not_a_party"] = "{municipality} is geen partij bij {agreement}",
  ["checks.signed_later"] = "{org} heeft {agreement} pas op {date} getekend, na vandaag",
  ["checks.signed_later.do"] = "leg de handtekening van {org} vast op de dag dat zij getekend is (parties: date), of verbeter de datum",
  ["checks.no_gemeente.do"] = "voeg de gemeente toe als organisatie (kind gemeente, municipality {code}) en nodig haar uit als partij",
  ["checks.no_member_gemeente"] = "er doet geen gemeente mee, dus geen gemeente is partij bij {agreement}",
  ["checks.no_member_gemeente.do"] = "leg de gemeenten van de regio vast (municipalities, status lid) en nodig elk uit als partij bij {agreement}",
  ["checks.invite.do"] = "nodig {gemeente} uit als partij bij {id}",
  ["checks.no_kind_signed"] = "geen organisatie van het soort {kind} heeft {agreement} getekend",
  ["checks.no_kind_signed.do"] = "nodig een {kind} uit als partij en leg de handtekening vast",
  ["checks.not_covered"] = "{agreement} bevat geen afspraak over {topic}",
  ["checks.not_covered.do"] = "maak een afspraak over {topic} en voeg die toe aan de topics van {id}",
  ["checks.no_body"] = "er is geen {kind}",
  ["checks.no_body.do"] = "stel een {kind} in en leg die vast onder 'bodies'",
  ["checks.no_member_of_kind"] = "{body} heeft geen lid van een organisatie van het soort {kind}",
  ["checks.no_member_of_kind.do"] = "voeg een organisatie van het soort {kind} toe als volwaardig lid van {id}",
  ["checks.no_chair"] = "{body} heeft geen voorzitter",
  ["checks.no_chair.do"] = "leg vast wie {id} voorzit (function: chair)",
  ["checks.no_funding"] = "er is geen financiering afgesproken voor {purpose}",
  ["checks.no_funding.do"] = "spreek financiering af voor {purpose} en leg die vast met 'spil fund'",
  ["checks.no_role"] = "er is geen {role} aangesteld voor de regio",
  ["checks.no_role.do"] = "stel een {role} aan en leg dat vast met 'spil assign'",
  ["checks.no_tasks"] = "de opdracht van {person} als {role} heeft geen taakomschrijving",
  ["checks.no_tasks.do"] = "leg de taken van de opdracht vast (roles: tasks, of spil assign {region} {id} {role} --tasks TEKST), of de vastgestelde opdrachtbeschrijving onder 'documents' (kind: opdrachtbeschrijving, person: {id})",
  ["checks.not_formal"] = "{person} heeft geen formele opdracht als {role}",
  ["checks.not_formal.do"] = "stel voor {person} een formele opdracht op (rol, taken, mandaat, uren) en leg die vast (spil assign {region} {id} {role} --formal)",
  ["checks.too_few_hours"] = "de {role} heeft {hours} uur per week; er zijn er minstens {min} nodig",
  ["checks.too_few_hours.do"] = "spreek de uren van de {role} af en leg ze vast (roles: hours)",
  ["checks.no_link"] = "de regio heeft geen verbinding vastgelegd met een {kinds}",
  ["checks.no_link_role"] = "de regio heeft geen verbinding vastgelegd met een {kinds} waaraan een {role} deelneemt",
  ["checks.no_link.do"] = "leg die vast onder 'links' (kind: {kind})",
  ["checks.no_link_role.do"] = "leg die vast onder 'links' (kind: {kind}, person: de {role})",
  ["checks.not_adopted"] = "{title} is niet vastgesteld (status {status})",
  ["checks.no_document"] = "er is geen {kind} vastgelegd",
  ["checks.no_document.do"] = "leg een {kind} vast onder 'documents' (kind: {kind})",
  ["checks.no_document_adopted.do"] = "leg een {kind} vast onder 'documents' (kind: {kind}, status: adopted, approved_by: het orgaan)",
  ["checks.no_responsible"] = "niemand is vastgelegd als verantwoordelijke voor '{task}' ({level})",
  ["checks.no_responsible.do"] = "leg onder 'responsibilities' vast wie '{task}' op {level} niveau draagt",
  ["checks.no_evaluation"] = "geen evaluatie van de samenwerking sinds {since}",
  ["checks.no_evaluation.do"] = "evalueer de samenwerking en leg dat vast onder 'evaluations'",
  ["checks.no_indicators"] = "er zijn geen indicatoren afgesproken, dus er wordt niets gemeten",
  ["checks.no_indicators.do"] = "spreek indicatoren af en leg ze vast onder 'indicators' (een code uit de catalogus neemt er een over: spil indicators)",
  ["checks.no_figures_after"] = "indicator {code} ({name}) heeft geen cijfers na {latest}",
  ["checks.no_figures"] = "indicator {code} ({name}) heeft nog geen cijfers",
  ["checks.no_figures.do"] = "importeer cijfers over een periode in de laatste {months} maanden: spil import measurements BESTAND.csv",
  ["checks.unnamed_indicator"] = "naam niet gegeven door de bron",
  -- spil.engine
  ["engine.may_not_advance"] = "{person} mag {programme} niet verder brengen",
  ["engine.last_step"] = "stap {step} is de laatste stap van {programme}",
  -- spil.governance
  ["gov.no_person"] = "'{person}' is geen persoon van regio {region}",
  ["gov.may_not_advance"] = "{person} heeft geen rol die {programme} voorbij stap {step} mag brengen (regiocoördinator, kwartiermaker of netwerkregisseur)",
  ["gov.no_body"] = "besluit {id} noemt geen bekend overleg",
  ["gov.not_unanimous"] = "{org} is niet voor, en de gemeenten moeten unaniem zijn",
  ["gov.none_mandated"] = "geen lid van {body} sprak met mandaat",
  ["gov.none_counts"] = "geen lid van {body} telt mee voor dit besluit",
  ["gov.none_present"] = "geen lid van {body} nam een standpunt in",
  ["gov.not_formal"] = "{person} is {role} zonder formele opdracht en mag {programme} daarom niet naar de volgende stap brengen; maak de opdracht formeel en leg die vast (spil assign {region} {id} {role} --formal)",
  ["gov.quorum_mandated"] = "quorum niet gehaald: {present} van {counted} stemgerechtigde leden namen met mandaat een standpunt in, {needed} nodig",
  ["gov.quorum_counted"] = "quorum niet gehaald: {present} van {counted} meetellende leden namen een standpunt in, {needed} nodig",
  ["gov.against_mandated"] = "{against} van {present} standpunten met mandaat zijn tegen",
  ["gov.against_counted"] = "{against} van {present} meetellende standpunten zijn tegen",
  ["gov.unknown_body"] = "er is geen overleg '{id}'",
  ["gov.no_views"] = "geen partner heeft gezegd of {theme} relevant is",
  ["gov.no_view"] = "{org} heeft niet gezegd of {theme} relevant is",
  ["gov.not_relevant"] = "{org} vindt {theme} niet relevant",
  -- lists
  ["list.or"] = "{rest} of {last}",
  ["list.and"] = "{rest} en {last}",
}

M.en = {
  ["checks.not_in_force_ended"] = "{agreement} is not in force (ended {until})",
  ["checks.not_in_force_starts"] = "{agreement} is not in force (starts {since})",
  ["checks.renew"] = "renew {agreement} or record its new period",
  ["checks.not_in_force_status"] = "{agreement} is not in force (status {status})",
  ["checks.not_in_force_status.do"] = "adopt {agreement} with the partners and record it (status adopted or signed), or record an agreement in force",
  ["checks.still_draft"] = "{agreement} is not adopted yet (status {status})",
  ["checks.still_draft.do"] = "record that {agreement} is adopted once every partner has signed (agreements: status adopted or signed)",
  ["checks.no_agreement"] = "no {kind} is recorded",
  ["checks.no_agreement.do"] = "record the {kind} under 'agreements' with its parties",
  ["checks.no_role_for"] = "{municipality} has no {roles}",
  ["checks.no_role_for.do"] = "assign a {role} for {municipality} under 'roles' (municipality: {code})",
  ["checks.no_parties"] = "{agreement} has no parties yet",
  ["checks.no_parties.do"] = "record who is invited to sign {id} under its 'parties'",
  ["checks.withdrew"] = "{org} withdrew its signature from {agreement}",
  ["checks.declined"] = "{org} declined to sign {agreement}",
  ["checks.not_signed"] = "{org} has not signed (status {status}) {agreement}",
  ["checks.not_signed.do"] = "obtain the signature of {org} and record it with 'spil sign'",
  ["checks.not_a_party"] = "{municipality} is not a party to {agreement}",
  ["checks.signed_later"] = "{org} signed {agreement} only on {date}, after today",
  ["checks.signed_later.do"] = "record the signature of {org} on the day it was signed (parties: date), or correct the date",
  ["checks.no_gemeente.do"] = "add the gemeente as an organisation (kind gemeente, municipality {code}) and invite it as a party",
  ["checks.no_member_gemeente"] = "no municipality takes part, so no gemeente is a party to {agreement}",
  ["checks.no_member_gemeente.do"] = "record the region's municipalities (municipalities, status member) and invite each as a party to {agreement}",
  ["checks.invite.do"] = "invite {gemeente} as a party of {id}",
  ["checks.no_kind_signed"] = "no organisation of kind {kind} has signed {agreement}",
  ["checks.no_kind_signed.do"] = "invite the {kind} as a party and record its signature",
  ["checks.not_covered"] = "{agreement} does not cover {topic}",
  ["checks.not_covered.do"] = "agree on {topic} and add it to the topics of {id}",
  ["checks.no_body"] = "there is no {kind}",
  ["checks.no_body.do"] = "set up a {kind} and record it under 'bodies'",
  ["checks.no_member_of_kind"] = "{body} has no member from a {kind} organisation",
  ["checks.no_member_of_kind.do"] = "add a {kind} organisation as a full member of {id}",
  ["checks.no_chair"] = "{body} has no chair",
  ["checks.no_chair.do"] = "record who chairs {id} (function: chair)",
  ["checks.no_funding"] = "no funding is agreed for {purpose}",
  ["checks.no_funding.do"] = "agree funding for {purpose} and record it with 'spil fund'",
  ["checks.no_role"] = "no {role} is appointed for the region",
  ["checks.no_role.do"] = "appoint a {role} and record it with 'spil assign'",
  ["checks.no_tasks"] = "the assignment of {person} as {role} has no task description",
  ["checks.no_tasks.do"] = "record the tasks of the assignment (roles: tasks, or spil assign {region} {id} {role} --tasks TEXT), or the adopted opdrachtbeschrijving under 'documents' (kind: opdrachtbeschrijving, person: {id})",
  ["checks.not_formal"] = "{person} has no formal assignment as {role}",
  ["checks.not_formal.do"] = "write a formal assignment (role, tasks, mandate, hours) for {person} and record it (spil assign {region} {id} {role} --formal)",
  ["checks.too_few_hours"] = "the {role} has {hours} hours a week; at least {min} are needed",
  ["checks.too_few_hours.do"] = "agree the hours for the {role} and record them (roles: hours)",
  ["checks.no_link"] = "the region records no link to a {kinds}",
  ["checks.no_link_role"] = "the region records no link to a {kinds} in which a {role} takes part",
  ["checks.no_link.do"] = "record it under 'links' (kind: {kind})",
  ["checks.no_link_role.do"] = "record it under 'links' (kind: {kind}, person: the {role})",
  ["checks.not_adopted"] = "{title} is not adopted (status {status})",
  ["checks.no_document"] = "no {kind} is recorded",
  ["checks.no_document.do"] = "record the {kind} under 'documents' (kind: {kind})",
  ["checks.no_document_adopted.do"] = "record the {kind} under 'documents' (kind: {kind}, status: adopted, approved_by: the body)",
  ["checks.no_responsible"] = "nobody is recorded as responsible for '{task}' ({level})",
  ["checks.no_responsible.do"] = "record who owns '{task}' at {level} level under 'responsibilities'",
  ["checks.no_evaluation"] = "no evaluation of the collaboration since {since}",
  ["checks.no_evaluation.do"] = "evaluate the collaboration and record it under 'evaluations'",
  ["checks.no_indicators"] = "no indicator is agreed, so nothing is measured",
  ["checks.no_indicators.do"] = "agree indicators and record them under 'indicators' (a catalogue code alone adopts one: spil indicators)",
  ["checks.no_figures_after"] = "indicator {code} ({name}) has no figures after {latest}",
  ["checks.no_figures"] = "indicator {code} ({name}) has no figures at all",
  ["checks.no_figures.do"] = "import figures for a period in the last {months} months: spil import measurements FILE.csv",
  ["checks.unnamed_indicator"] = "name not given by the source",
  ["engine.may_not_advance"] = "{person} may not advance {programme}",
  ["engine.last_step"] = "step {step} is the last step of {programme}",
  ["gov.no_person"] = "'{person}' is not a person of region {region}",
  ["gov.may_not_advance"] = "{person} holds no role that may advance {programme} past step {step} (regiocoordinator, kwartiermaker or netwerkregisseur)",
  ["gov.no_body"] = "decision {id} names no known body",
  ["gov.not_unanimous"] = "{org} is not for it, and municipalities must be unanimous",
  ["gov.none_mandated"] = "no member of {body} spoke with a mandate",
  ["gov.none_counts"] = "no member of {body} counts for this decision",
  ["gov.none_present"] = "no member of {body} took a position",
  ["gov.not_formal"] = "{person} is {role} without a formal assignment and so may not move {programme} to its next step; make the assignment formal and record it (spil assign {region} {id} {role} --formal)",
  ["gov.quorum_mandated"] = "quorum not reached: {present} of {counted} voting members took a position with a mandate, {needed} needed",
  ["gov.quorum_counted"] = "quorum not reached: {present} of {counted} counted members took a position, {needed} needed",
  ["gov.against_mandated"] = "{against} of {present} mandated positions are against",
  ["gov.against_counted"] = "{against} of {present} counted positions are against",
  ["gov.unknown_body"] = "no body '{id}'",
  ["gov.no_views"] = "no partner has said whether {theme} is relevant",
  ["gov.no_view"] = "{org} has not said whether {theme} is relevant",
  ["gov.not_relevant"] = "{org} does not hold {theme} relevant",
  ["list.or"] = "{rest} or {last}",
  ["list.and"] = "{rest} and {last}",
}

-- The tables M.define and M.add put in front of the ones above, newest first, per language:
-- looked up through M.nl's and M.en's __index, so adding messages copies nothing (this runs
-- in every sandbox, for every programme).
local extra = { nl = {}, en = {} }
local region_keys = {} -- keys that M.add added, which it may add again with the same text
for _, lang in ipairs(M.languages) do
  local list = extra[lang]
  setmetatable(M[lang], { __metatable = false, __index = function(_, key)
    for i = #list, 1, -1 do
      local v = list[i][key]
      if v ~= nil then return v end
    end
    return nil
  end })
end

-- The language of M.with_lang while its function runs, else nil (spil.lang holds).
local lang_now

--- The language spil speaks now: "nl" or "en".
function M.lang()
  local l = lang_now or spil.lang
  if l == "en" then return "en" end
  return "nl"
end

--- Run fn() with the messages in language lang ("nl" or "en"), then go back to the one spil
-- speaks (the module spil is read-only to region code: its lang is not assigned). Returns what
-- fn returns; an error in fn is raised again once the language is restored.
function M.with_lang(lang, fn)
  if lang ~= "nl" and lang ~= "en" then error("with_lang: 'nl' or 'en', not " .. tostring(lang), 2) end
  local was = lang_now
  lang_now = lang
  local r = table.pack(pcall(fn))
  lang_now = was
  if not r[1] then error(r[2], 0) end
  return table.unpack(r, 2, r.n)
end

--- The placeholders of a message text, as a set { name = true }.
function M.placeholders(text)
  local set = {}
  for name in text:gmatch("{([%w_]+)}") do set[name] = true end
  return set
end

local function same_set(a, b)
  for k in pairs(a) do if not b[k] then return false end end
  for k in pairs(b) do if not a[k] then return false end end
  return true
end

--- The message `key` in the language spil speaks, its {placeholders} filled from vars
-- (strings or numbers). A key that does not exist, or a placeholder without a value, is an
-- error (a bug in the caller): a message is never shown half filled.
function M.t(key, vars)
  local lang = M.lang()
  local text = M[lang][key]
  if type(text) ~= "string" then error("no message '" .. tostring(key) .. "' in " .. lang, 2) end
  if not find(text, "{", 1, true) then return text end
  vars = vars or {}
  local out = gsub(text, "{([%w_]+)}", vars) -- a value that is not text or a number is an error
  if find(out, "{", 1, true) then
    -- A placeholder left: say which, unless the value itself brought the brace.
    for name in gmatch(text, "{([%w_]+)}") do
      if vars[name] == nil then
        error("message '" .. key .. "' needs a value for {" .. name .. "}", 2)
      end
    end
  end
  return out
end

--- The word shown for value v of an enumerated field ("agreement_party.status", "invited"):
-- its Dutch word in nl, v itself in en.
local words = {}
function M.word(field, v)
  if v == nil then return nil end
  v = tostring(v)
  if type(spil.word) ~= "function" then return v end
  local k = field .. "\0" .. v .. "\0" .. tostring(spil.lang)
  local w = words[k]
  if not w then
    w = spil.word(field, v)
    words[k] = w
  end
  return w
end

--- Items joined as a list ending in "or" ("and" when how is "and"): "a, b of c" in Dutch.
function M.list(items, how)
  local n = #items
  if n == 0 then return "" end
  if n == 1 then return tostring(items[1]) end
  local rest = {}
  for i = 1, n - 1 do rest[i] = tostring(items[i]) end
  return M.t(how == "and" and "list.and" or "list.or",
    { rest = table.concat(rest, ", "), last = tostring(items[n]) })
end

--- Add a region's own messages: M.add { nl = { [key] = text }, en = { [key] = text } }. Every
-- key needs both languages with the same placeholders; a stdlib key cannot be changed;
-- adding the same text again is allowed (a script may run twice).
function M.add(t)
  if type(t) ~= "table" or type(t.nl) ~= "table" or type(t.en) ~= "table" then
    error("messages.add takes { nl = { key = text }, en = { key = text } }", 2)
  end
  local nl, en = t.nl, t.en
  local copy = { nl = {}, en = {} }
  for key, text in pairs(nl) do
    if type(key) ~= "string" or type(text) ~= "string" or type(en[key]) ~= "string" then
      error(type(key) == "string" and type(text) == "string"
        and ("messages.add: '" .. key .. "' has no en text")
        or "messages.add: keys and texts must be strings", 2)
    end
    local was_nl, was_en = M.nl[key], M.en[key]
    if (was_nl ~= nil or was_en ~= nil) and not region_keys[key] then
      error("messages.add: '" .. key .. "' is a message of the stdlib; choose another key", 2)
    end
    if not same_set(M.placeholders(text), M.placeholders(en[key])) then
      error("messages.add: '" .. key .. "' has other placeholders in nl than in en", 2)
    end
    if (was_nl ~= nil and was_nl ~= text) or (was_en ~= nil and was_en ~= en[key]) then
      error("messages.add: '" .. key .. "' is already added with another text", 2)
    end
    copy.nl[key], copy.en[key] = text, en[key]
  end
  for key, text in pairs(en) do
    if type(key) ~= "string" or type(text) ~= "string" or type(nl[key]) ~= "string" then
      error(type(key) == "string" and type(text) == "string"
        and ("messages.add: '" .. key .. "' has no nl text")
        or "messages.add: keys and texts must be strings", 2)
    end
  end
  for key in pairs(copy.nl) do region_keys[key] = true end
  extra.nl[#extra.nl + 1], extra.en[#extra.en + 1] = copy.nl, copy.en
end

--- The stdlib's programmes add their messages with M.define (same table shape): unchecked
-- and not copied, as it runs in every sandbox for every programme; M.problems() checks them
-- in ctest (stdlib/tests/messages). A region uses M.add.
function M.define(t)
  extra.nl[#extra.nl + 1], extra.en[#extra.en + 1] = t.nl, t.en
end

--- Every key of the table, in both languages, sorted.
function M.keys()
  local set = {}
  for _, lang in ipairs(M.languages) do
    for key in pairs(M[lang]) do set[key] = true end
    for _, tbl in ipairs(extra[lang]) do
      for key in pairs(tbl) do set[key] = true end
    end
  end
  local sorted = {}
  for key in pairs(set) do sorted[#sorted + 1] = key end
  table.sort(sorted)
  return sorted
end

--- Every problem of the message table, as texts: a key without a language, a key whose
-- placeholders differ between languages. Empty when the table is whole (ctest checks it).
function M.problems()
  local out = {}
  for _, key in ipairs(M.keys()) do
    for _, lang in ipairs(M.languages) do
      if type(M[lang][key]) ~= "string" then out[#out + 1] = key .. ": no " .. lang .. " text" end
    end
    if type(M.nl[key]) == "string" and type(M.en[key]) == "string"
        and not same_set(M.placeholders(M.nl[key]), M.placeholders(M.en[key])) then
      out[#out + 1] = key .. ": the placeholders differ between nl and en"
    end
  end
  return out
end

return M
