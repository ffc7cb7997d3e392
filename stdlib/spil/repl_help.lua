--- spil.repl_help: the help texts of `spil repl` (help() and help(fn) in the session).
-- Owns: the text per helper (its call, one line, and for some more), the entries for the
-- functions of the `spil` module, and the layout of help()'s list and of one entry.
-- Does not: make the printed object (spil.repl wraps the text as a report), read the terminal.
-- spil.repl requires it and passes its line-wrapping function and the width to fill.
local spil = require "spil"

local H = {}

--- The help texts, one per name as the user writes it: its call, one line (at most 72
-- columns, for help()'s list) and, for some, more.
local HELP = {
  { name = "status", call = "status()",
    line = "where the region stands: per programme its step, and if it is ready",
    more = "Also the region's municipalities. Without a region: the regions in the database. " ..
      "Returns the status; s.programmes[i].result is the full check result." },
  { name = "check", call = "check([programme,] [step])",
    line = "run a step's readiness checks and list every finding, numbered",
    more = "check() checks the current step of each programme the region runs; check(\"7\") " ..
      "step 7 (of the programme that has it); check(\"kngg\", \"7\") names both. Uses " ..
      "spil.engine.evaluate, as 'spil check' does. Findings are numbered for explain(n). " ..
      "Returns the result: r.ready, r.blocking, r.advisory, r.checks, r.findings." },
  { name = "explain", call = "explain(finding)",
    line = "all about one finding: what, about whom, what to do, the guidance",
    more = "finding: its number in the last check(), a finding table, a check's result " ..
      "(r.checks[i]) or a check id (\"regioplan\"). Shows the subject's row from the data too." },
  { name = "municipalities", call = "municipalities()",
    line = "the region's municipalities: code, name, province, status",
    more = "In a list each prints as <municipality GM0505: Dordrecht>; index one to see all " ..
      "its fields." },
  { name = "find", call = "find(text)",
    line = "the region's rows whose id, code, name or title contains text",
    more = "Any case. Searches every section (organisations, people, bodies, agreements, ...); " ..
      "without a region, the regions." },
  { name = "regions", call = "regions()", line = "the regions in the database (id, name)" },
  { name = "use", call = "use(id)",
    line = "select another region: a fresh sandbox, its scripts run",
    more = "Takes effect after the statement. Variables defined before are gone. Refused " ..
      "while a transaction is open, and in spil run (name the region there)." },
  { name = "sql", call = "sql(query)", line = "one read-only SQL query; rows as tables",
    more = "Only SELECT, WITH, VALUES and EXPLAIN that SQLite says do not write; anything " ..
      "else is refused with the reason. Values come as text, NULL as nil. Rows print as " ..
      "columns; r[1].name reads a value. Give repeated column names apart (a.id as a_id)." },
  { name = "begin", call = "begin()", line = "open a transaction on the database",
    more = "BEGIN IMMEDIATE: other writers wait. Until commit() or rollback() the prompt " ..
      "shows [tx]; leaving rolls an open transaction back. sign(), assign(), fund() and " ..
      "decide() inside it are kept or undone together." },
  { name = "sign", call = "sign(agreement, organisation [, {status=, date=, signatory=, reason=}])",
    line = "record a party's signature (status signed unless told), as spil sign" },
  { name = "assign", call = "assign(person, role [, {municipality=, hours=, since=, formal=, tasks=, focus=}])",
    line = "record that a person holds a role, as spil assign" },
  { name = "fund", call = "fund(id, {source=, purpose=, amount=, status=, funder=, theme=})",
    line = "record funding, as spil fund" },
  { name = "decide", call = "decide(id, {body= or organisation=, subject=, kind=, positions={org='for+mandate'}})",
    line = "record a decision and each member's position, as spil decide",
    more = "Like the CLI: validated as region.yaml rows, logged with who and why (reason=). " ..
      "Outside begin() each call is its own transaction." },
  { name = "commit", call = "commit()", line = "commit the open transaction" },
  { name = "rollback", call = "rollback()", line = "roll the open transaction back" },
  { name = "show", call = "show(value [, depth])", line = "print a value in full, to depth levels",
    more = "The REPL prints 3 levels; show prints 10 unless told." },
  { name = "print", call = "print(...)", line = "print values to standard output, tab-separated" },
  { name = "help", call = "help([fn or name])", line = "this list, or more about one function" },
  { name = "exit", call = "exit([code])", line = "leave (or end the script) with exit code code",
    more = "The default code is 0. Nothing after exit() in the statement runs." },
  { name = "spil.region", call = "spil.region()",
    line = "the region's own row: id, name, description, scripts" },
  { name = "spil.figures", call = "spil.figures(indicator, area [, by])",
    line = "an indicator's figures for an area, oldest first (suppressed when small)",
    more = "area: a CBS code (GM0505), PV28, NL, a GGD region's name or a region id; in a " ..
      "region's session only the region, its municipalities and NL. A region's figure is " ..
      "summed from its municipalities' numerators and denominators. by: year, quarter or " ..
      "month. A figure about fewer persons than the setting suppress-below has " ..
      "suppressed = true and no value. As 'spil trend'." },
  { name = "spil.catalogue", call = "spil.catalogue()",
    line = "the national indicator catalogue: code, name, kind, unit, source, note",
    more = "Fields the sources do not give are nil (note says so). The region's own and " ..
      "adopted indicators are spil.indicators(). As 'spil indicators'." },
  { name = "spil.data.index", call = "require(\"spil.data\").index(list [, field])",
    line = "rows by a field (default id): { [id] = row }" },
  { name = "spil.data.where", call = "require(\"spil.data\").where(list, pred)",
    line = "the rows for which pred(row) is true",
    more = "pred may be a table of field = value pairs, all of which must match." },
  { name = "spil.data.first", call = "require(\"spil.data\").first(list, pred)",
    line = "the first row for which pred(row) is true, or nil" },
  { name = "spil.data.pluck", call = "require(\"spil.data\").pluck(list, field)",
    line = "the values of one field, in order" },
  { name = "spil.engine.evaluate",
    call = "require(\"spil.engine\").evaluate(programme [, step [, today]])",
    line = "evaluate a step: every check, every finding (what check() calls)" },
}

--- The value a help entry documents, looked up in the session (nil if not there).
local function resolve(env, name)
  local mod, field = name:match("^(spil%.%a+)%.(.+)$")
  if mod then
    local ok, m = pcall(require, mod)
    return ok and type(m) == "table" and rawget(m, field) or nil
  end
  local f = name:match("^spil%.(.+)$")
  if f then return rawget(spil, f) end
  return rawget(env, name)
end

--- HELP and one entry per function of the `spil` module.
-- Each once: a function HELP describes (spil.figures, spil.catalogue) is not listed again as a
-- section.
local function entries()
  local list, described = {}, {}
  for _, h in ipairs(HELP) do
    list[#list + 1] = h
    described[h.name] = true
  end
  local sections = {}
  for name, fn in pairs(spil) do
    if type(fn) == "function" and not described["spil." .. name] then
      sections[#sections + 1] = name
    end
  end
  table.sort(sections)
  for _, s in ipairs(sections) do
    list[#list + 1] = { name = "spil." .. s, call = "spil." .. s .. "()",
      line = "the region's " .. s .. ": a fresh list of rows",
      more = "Fields as in docs/region-format.md; children nested under their section name." }
  end
  return list
end

local function entry_text(h, wrap, width)
  local out = { h.call, "  " .. h.line .. "." }
  if h.more then out[#out + 1] = wrap("  ", h.more, width, "  ") end
  return table.concat(out, "\n")
end

--- The help text for x (nil: the list of helpers; a name, or a value the session holds: its
-- entry). wrap(prefix, text, width, indent) breaks lines; width: the columns to fill.
function H.text(env, x, wrap, width)
  local list = entries()
  local text
  if x == nil then
    local out = { "Helpers (help(fn) or help(\"name\") tells more):" }
    for _, h in ipairs(list) do
      if not h.name:find(".", 1, true) then
        out[#out + 1] = string.format("  %-26s %s", h.call, h.line)
      end
    end
    out[#out + 1] = "The region's data (the global spil, or require \"spil\"):"
    for _, h in ipairs(list) do
      if h.name:match("^spil%.[%a_]+$") then
        out[#out + 1] = string.format("  %-26s %s", h.call, h.line)
      end
    end
    out[#out + 1] = wrap("", "Modules to require: spil.data, spil.engine, spil.checks, " ..
      "spil.programme, spil.governance (docs/scripting.md; help(\"spil.data.where\")). An " ..
      "expression alone prints its value; Tab completes names, fields, and ids inside quotes; " ..
      "Ctrl-C cancels the line, Ctrl-D leaves (docs/repl.md).", width, "")
    text = table.concat(out, "\n")
  else
    for _, h in ipairs(list) do
      if h.name == x or (type(x) ~= "string" and resolve(env, h.name) == x) then
        text = entry_text(h, wrap, width)
        break
      end
    end
    if not text and type(x) == "table" then
      local keys = {}
      for k, v in pairs(x) do
        if type(k) == "string" then
          keys[#keys + 1] = k .. (type(v) == "function" and "()" or "")
        end
      end
      table.sort(keys)
      text = wrap("", "No help for this table; its fields: " .. table.concat(keys, ", "), width,
        "  ")
    end
    if not text then
      text = string.format("No help for %s; help() lists what has help.",
        type(x) == "string" and "'" .. x .. "'" or "this " .. type(x))
    end
  end
  return text
end

return H
