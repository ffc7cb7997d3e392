--- spil.repl: the Lua half of `spil repl` and `spil run` (the C half is core/repl.c).
-- Owns: the session's globals (the helpers status, check, explain, municipalities, find,
-- regions, show, help, with the trusted natives C passes in: print, sql, begin, commit,
-- rollback, use, exit), the value printer (nested tables with sorted keys, depth-limited,
-- cycles marked; data rows as one line with id and name; query results as columns), Tab
-- completion (globals, fields of values, names in the data); help() and help(fn) print the
-- texts of spil.repl_help.
-- Runs in the sandbox like region code, so a runaway printer or helper meets the same limits.
-- Does not: read the terminal, touch the store (the natives do), decide what a check finds
-- (spil.engine does).
local spil = require "spil"
local help = require "spil.repl_help"
local T = require "spil.messages"

-- What check() and status() print, in Dutch and English (spil.messages), as spil check and
-- spil status do.
T.define {
  nl = {
    ["repl.result"] = "{programme}, stap {step} ({name})",
    ["repl.mark.ok"] = "ok     ", ["repl.mark.fail"] = "NIET OK", ["repl.mark.warn"] = "LET OP ",
    ["repl.check_failed"] = " (de controle zelf faalde)",
    ["repl.source"] = "     bron: {source}",
    ["repl.finding"] = "     [{n}] {missing}{subject}",
    ["repl.finding_advisory"] = "     [{n}] (advies) {missing}{subject}",
    ["repl.subject"] = " [{kind} {id}]",
    ["repl.do"] = "         actie: {remedy}",
    ["repl.ready"] = "KLAAR om stap {step} te verlaten: geen blokkerende bevindingen, {advisory} ter advies.",
    ["repl.not_ready_one"] = "NIET KLAAR om stap {step} te verlaten: {blocking} blokkerende bevinding, {advisory} ter advies. explain(n) vertelt meer.",
    ["repl.not_ready_many"] = "NIET KLAAR om stap {step} te verlaten: {blocking} blokkerende bevindingen, {advisory} ter advies. explain(n) vertelt meer.",
    ["repl.municipalities"] = "  gemeenten ({n}): ",
    ["repl.no_programmes"] = "  geen programma's",
    ["repl.cannot_check"] = "kan niet controleren: {problem}",
    ["repl.state_ready"] = "klaar, {advisory} ter advies",
    ["repl.state_not_ready_one"] = "niet klaar, {blocking} blokkerende bevinding",
    ["repl.state_not_ready_many"] = "niet klaar, {blocking} blokkerende bevindingen",
    ["repl.programme_since"] = "stap {step} sinds {since}: {state}",
    ["repl.programme"] = "stap {step}: {state}",
    ["repl.subject.municipality"] = "gemeente", ["repl.subject.organisation"] = "organisatie",
    ["repl.subject.person"] = "persoon", ["repl.subject.body"] = "overleg",
    ["repl.subject.agreement"] = "afspraak", ["repl.subject.theme"] = "thema",
    ["repl.subject.decision"] = "besluit",
  },
  en = {
    ["repl.result"] = "{programme}, step {step} ({name})",
    ["repl.mark.ok"] = "ok  ", ["repl.mark.fail"] = "FAIL", ["repl.mark.warn"] = "warn",
    ["repl.check_failed"] = " (the check failed)",
    ["repl.source"] = "     source: {source}",
    ["repl.finding"] = "     [{n}] {missing}{subject}",
    ["repl.finding_advisory"] = "     [{n}] (advisory) {missing}{subject}",
    ["repl.subject"] = " [{kind} {id}]",
    ["repl.do"] = "         do: {remedy}",
    ["repl.ready"] = "READY to leave step {step}: no blocking findings, {advisory} advisory.",
    ["repl.not_ready_one"] = "NOT READY to leave step {step}: {blocking} blocking finding, {advisory} advisory. explain(n) tells more.",
    ["repl.not_ready_many"] = "NOT READY to leave step {step}: {blocking} blocking findings, {advisory} advisory. explain(n) tells more.",
    ["repl.municipalities"] = "  municipalities ({n}): ",
    ["repl.no_programmes"] = "  no programmes",
    ["repl.cannot_check"] = "cannot check: {problem}",
    ["repl.state_ready"] = "ready, {advisory} advisory",
    ["repl.state_not_ready_one"] = "not ready, {blocking} blocking finding",
    ["repl.state_not_ready_many"] = "not ready, {blocking} blocking findings",
    ["repl.programme_since"] = "step {step} since {since}: {state}",
    ["repl.programme"] = "step {step}: {state}",
    ["repl.subject.municipality"] = "municipality", ["repl.subject.organisation"] = "organisation",
    ["repl.subject.person"] = "person", ["repl.subject.body"] = "body",
    ["repl.subject.agreement"] = "agreement", ["repl.subject.theme"] = "theme",
    ["repl.subject.decision"] = "decision",
  },
}

-- The word for a finding's subject kind, in the language of the session.
local function subject_word(kind)
  local key = "repl.subject." .. tostring(kind)
  return T[T.lang()][key] and T.t(key) or tostring(kind)
end

local M = {}

local WIDTH = 100     -- columns the printer fills before it breaks a table over lines
local DEPTH = 3       -- nesting shown by default; show(v, depth) for more
local ITEMS = 100     -- entries shown per table
local STRING = 300    -- bytes of a nested string shown

local KEYWORDS = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
}
local is_keyword = {}
for _, k in ipairs(KEYWORDS) do is_keyword[k] = true end

--- Kinds of rows, per section of the data (rows the helpers return carry their kind).
local KIND = {
  municipalities = "municipality", organisations = "organisation", people = "person",
  roles = "role", programmes = "programme", bodies = "body", agreements = "agreement",
  decisions = "decision", funding = "funding", responsibilities = "responsibility",
  themes = "theme", meetings = "meeting", actions = "action", evaluations = "evaluation",
  indicators = "indicator",
}
local SECTION = {}
for section, kind in pairs(KIND) do SECTION[kind] = section end

-- ---- the printer ----

local function is_ident(k)
  return type(k) == "string" and k:match("^[%a_][%w_]*$") ~= nil and not is_keyword[k]
end

--- A string as a Lua literal: double quotes, escapes for what would break the line.
local function quote(s, max)
  local cut = max and #s > max
  if cut then
    while max > 0 and (s:byte(max + 1) or 0) & 0xC0 == 0x80 do max = max - 1 end
    s = s:sub(1, max)   -- not in the middle of a character
  end
  s = s:gsub('[%c"\\]', function(c)
    if c == "\n" then return "\\n" elseif c == "\t" then return "\\t"
    elseif c == "\r" then return "\\r" elseif c == '"' or c == "\\" then return "\\" .. c end
    return string.format("\\%d", c:byte())
  end)
  return '"' .. s .. '"' .. (cut and "..." or "")
end

local ORDER = { number = 1, string = 2, boolean = 3 }

--- Keys in a stable order: numbers, then strings, then the rest, each sorted.
local function before(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    local oa, ob = ORDER[ta] or 4, ORDER[tb] or 4
    if oa ~= ob then return oa < ob end
    return ta < tb
  end
  if ta == "number" or ta == "string" then return a < b end
  if ta == "boolean" then return not a and b end
  return tostring(a) < tostring(b)
end

local function kind_of(t)
  local mt = getmetatable(t)
  return type(mt) == "table" and rawget(mt, "__name") or nil
end

--- One line for a data row: "<kind id: name>", or nil when t does not look like a row (a row
-- has a string id, code or programme, and usually a name, title or subject).
local function row_summary(t)
  local id = rawget(t, "id") or rawget(t, "code")
  local name = rawget(t, "name") or rawget(t, "title") or rawget(t, "subject")
  if type(id) ~= "string" or (name ~= nil and type(name) ~= "string") then return nil end
  local kind = kind_of(t)
  return "<" .. (kind and kind .. " " or "") .. id .. (name and ": " .. name or "") .. ">"
end

local function count(t)
  local n = 0
  for _ in next, t do n = n + 1 end
  return n
end

local render

local function render_table(t, depth, indent, path, max)
  if path[t] then return "<cycle>" end
  if next(t) == nil then return "{}" end
  if depth >= max then
    local n = count(t)
    return string.format("{...%d %s}", n, n == 1 and "entry" or "entries")
  end
  path[t] = true
  local items, n, shown = {}, rawlen(t), 0
  local more = 0
  for i = 1, n do
    if shown >= ITEMS then more = more + 1
    else
      shown = shown + 1
      items[#items + 1] = render(rawget(t, i), depth + 1, indent + 2, path, max)
    end
  end
  local keys = {}
  for k in next, t do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, before)
  for _, k in ipairs(keys) do
    if shown >= ITEMS then more = more + 1
    else
      shown = shown + 1
      local key = is_ident(k) and k or "[" .. render(k, max, indent, path, max) .. "]"
      items[#items + 1] = key .. " = " .. render(rawget(t, k), depth + 1, indent + 2, path, max)
    end
  end
  if more > 0 then items[#items + 1] = string.format("... (%d more)", more) end
  path[t] = nil
  local line = "{ " .. table.concat(items, ", ") .. " }"
  if indent + #line <= WIDTH and not line:find("\n", 1, true) then return line end
  local pad = string.rep(" ", indent + 2)
  if #keys == 0 then   -- a list of short values: as many on a line as fit
    local lines, cur, short = {}, nil, true
    for _, it in ipairs(items) do
      if #it > 24 or it:find("\n", 1, true) then short = false end
    end
    if short then
      for _, it in ipairs(items) do
        if cur and #pad + #cur + 2 + #it <= WIDTH then cur = cur .. ", " .. it
        else
          if cur then lines[#lines + 1] = cur end
          cur = it
        end
      end
      lines[#lines + 1] = cur
      items = lines
    end
  end
  return "{\n" .. pad .. table.concat(items, ",\n" .. pad) .. "\n" .. string.rep(" ", indent) .. "}"
end

--- v as text: depth is how deep v sits (0: the value itself), max the depth shown.
function render(v, depth, indent, path, max)
  local t = type(v)
  if t == "string" then return quote(v, depth > 0 and STRING or nil) end
  if t ~= "table" then return tostring(v) end
  local mt = getmetatable(v)
  if type(mt) == "table" then
    local summary, full = rawget(mt, "__summary"), rawget(mt, "__tostring")
    if depth > 0 and summary then return summary(v) end
    if full then
      if depth == 0 then return tostring(v) end
      return "<" .. tostring(rawget(mt, "__name") or "object") .. ">"
    end
  end
  if depth > 0 then
    local s = row_summary(v)
    if s then return s end
  end
  return render_table(v, depth, indent, path, max)
end

--- A value as the REPL shows it: a string as it is, anything else as render makes it.
function M.render(v, max)
  if type(v) == "string" then return v end
  return render(v, 0, 0, {}, max or DEPTH)
end

--- The text for the values an expression gave (nil when it gave none); C prints it.
function M.show(...)
  local n = select("#", ...)
  if n == 0 then return nil end
  local parts = {}
  for i = 1, n do parts[i] = M.render((select(i, ...))) end
  local sep = "\t"
  for _, p in ipairs(parts) do
    if p:find("\n", 1, true) then sep = "\n" end
  end
  return table.concat(parts, sep)
end

-- ---- query results as columns ----

local Rows = { __name = "rows" }

local function cell(v)
  if v == nil then return "NULL" end
  return (tostring(v):gsub("%c", " "))
end

Rows.__tostring = function(rows)
  local cols = rawget(getmetatable(rows), "columns") or {}
  local width, lines = {}, {}
  for i, c in ipairs(cols) do width[i] = #c end
  for _, r in ipairs(rows) do
    for i, c in ipairs(cols) do width[i] = math.max(width[i], math.min(#cell(r[c]), 60)) end
  end
  local function line(vals)
    local out = {}
    for i, v in ipairs(vals) do
      if #v > 60 then v = v:sub(1, 57) .. "..." end
      out[i] = i < #vals and v .. string.rep(" ", width[i] - #v) or v
    end
    return table.concat(out, "  ")
  end
  lines[1] = line(cols)
  local rule = {}
  for i in ipairs(cols) do rule[i] = string.rep("-", width[i]) end
  lines[2] = line(rule)
  for _, r in ipairs(rows) do
    local vals = {}
    for i, c in ipairs(cols) do vals[i] = cell(r[c]) end
    lines[#lines + 1] = line(vals)
  end
  lines[#lines + 1] = string.format("(%d row%s)", #rows, #rows == 1 and "" or "s")
  return table.concat(lines, "\n")
end
Rows.__summary = function(rows) return string.format("<%d rows>", #rows) end

--- Give rows (from the native sql) their columns, so they print as a table.
local function as_rows(rows, columns)
  local mt = {}
  for k, v in pairs(Rows) do mt[k] = v end
  mt.columns = columns
  return setmetatable(rows, mt)
end

-- ---- the session ----

local kind_mt = {}
local function tag(kind, row)
  local mt = kind_mt[kind]
  if not mt then
    mt = { __name = kind }
    kind_mt[kind] = mt
  end
  return setmetatable(row, mt)
end

--- prefix .. text, broken at spaces before width columns; later lines start with indent.
local function wrap(prefix, text, width, indent)
  local lines, line = {}, prefix
  for word in text:gmatch("%S+") do
    if #line > #prefix and #line + 1 + #word > width then
      lines[#lines + 1] = line
      line, prefix = indent .. word, indent
    else
      line = (#line > #prefix and line .. " " or line) .. word
    end
  end
  lines[#lines + 1] = line
  return table.concat(lines, "\n")
end

--- An object that prints as text (a report): fields plus __tostring and a one-line summary.
local function report(kind, fields, text, summary)
  return setmetatable(fields, { __name = kind, __tostring = text, __summary = summary })
end

local function result_summary(r)
  return string.format("<check %s/%s: %s>", r.programme, r.step,
    r.ready and "ready" or r.blocking .. " blocking")
end

--- A check result (spil.engine.evaluate) as `spil check` prints it, findings numbered from
-- `first` in the order printed; res.findings lists them in that order.
local function rank(c)
  if c.status == "pass" then return 3 end
  for _, f in ipairs(c.findings) do
    if f.severity == "blocking" then return 1 end
  end
  return 2
end

local function number_findings(res, first)
  res.findings = {}
  local n = first
  for r = 1, 3 do
    for _, c in ipairs(res.checks) do
      if rank(c) == r then
        for _, f in ipairs(c.findings) do
          res.findings[#res.findings + 1] = f
          f.number, f.programme, f.step = n, res.programme, res.step
          n = n + 1
        end
      end
    end
  end
  return n
end

local function result_text(res)
  local out = { T.t("repl.result", { programme = res.programme, step = res.step,
    name = res.name or "" }) }
  for r = 1, 3 do
    for _, c in ipairs(res.checks) do
      if rank(c) == r then
        local mark = T.t(r == 3 and "repl.mark.ok" or r == 1 and "repl.mark.fail" or "repl.mark.warn")
        out[#out + 1] = string.format("%s %s  %s%s", mark, c.id, c.name or "",
          c.status == "error" and T.t("repl.check_failed") or "")
        if c.source and #c.findings > 0 then
          out[#out + 1] = T.t("repl.source", { source = c.source })
        end
        for _, f in ipairs(c.findings) do
          local s = f.subject
          out[#out + 1] = T.t(f.severity == "blocking" and "repl.finding" or "repl.finding_advisory",
            { n = string.format("%d", f.number), missing = f.missing,
              subject = type(s) == "table" and s.kind ~= "region"
                and T.t("repl.subject", { kind = subject_word(s.kind), id = tostring(s.id) }) or "" })
          if f.remedy then out[#out + 1] = T.t("repl.do", { remedy = f.remedy }) end
        end
      end
    end
  end
  if res.ready then
    out[#out + 1] = T.t("repl.ready", { step = res.step, advisory = string.format("%d", res.advisory) })
  else
    out[#out + 1] = T.t(res.blocking == 1 and "repl.not_ready_one" or "repl.not_ready_many",
      { step = res.step, blocking = string.format("%d", res.blocking),
        advisory = string.format("%d", res.advisory) })
  end
  return table.concat(out, "\n")
end

local function results_text(list)
  local parts = {}
  for i, r in ipairs(list) do parts[i] = tostring(r) end
  return table.concat(parts, "\n\n")
end

--- The session's globals for one sandbox, and the functions C calls on Tab and at the start
-- (complete(line), banner()). native: the C functions (print, sql, begin, commit, rollback,
-- regions, use, exit); info: { region = id or nil, mode = "repl"|"run", today, width }.
function M.session(native, info)
  local S = { region = info.region, today = info.today, last = nil, names = nil }
  WIDTH = info.width or WIDTH
  local env = {}

  local function need_region(what)
    if S.region then return end
    if info.mode == "run" then
      error(what .. " needs a region: name it before the script (spil run REGION SCRIPT.lua)", 3)
    end
    error(what .. " needs a region: select one with use(\"id\") (regions() lists them)", 3)
  end

  local function programmes()
    local ids = {}
    for _, r in ipairs(spil.programmes()) do ids[#ids + 1] = r.programme end
    return ids
  end

  function env.regions()
    local rows = native.regions()
    for _, r in ipairs(rows) do tag("region", r) end
    return rows
  end

  function env.municipalities()
    need_region("municipalities()")
    local rows = spil.municipalities()
    for _, r in ipairs(rows) do tag("municipality", r) end
    return rows
  end

  function env.find(text)
    if type(text) ~= "string" or text == "" then
      error("bad argument #1 to 'find' (a piece of an id or name expected)", 2)
    end
    local want = text:lower()
    local function hit(row)
      for _, f in ipairs({ "id", "code", "name", "title", "subject", "email" }) do
        local v = rawget(row, f)
        if type(v) == "string" and v:lower():find(want, 1, true) then return true end
      end
      return false
    end
    local out = {}
    if not S.region then
      for _, r in ipairs(env.regions()) do
        if hit(r) then out[#out + 1] = r end
      end
      return out
    end
    local sections = {}
    for name, fn in pairs(spil) do
      -- Sections take no argument; region, catalogue and figures are not sections.
      if type(fn) == "function" and name ~= "region" and name ~= "catalogue"
          and name ~= "figures" and name ~= "word" then
        sections[#sections + 1] = name
      end
    end
    table.sort(sections)
    for _, section in ipairs(sections) do
      for _, row in ipairs(spil[section]()) do
        if hit(row) then out[#out + 1] = tag(KIND[section] or section, row) end
      end
    end
    return out
  end

  function env.status()
    if not S.region then
      local rows = env.regions()
      return report("regions", { regions = rows }, function()
        if #rows == 0 then
          return "No regions in the database yet: load one with 'spil load DIR'."
        end
        local out = { string.format("%d region%s; select one with use(\"id\"):", #rows,
          #rows == 1 and "" or "s") }
        for _, r in ipairs(rows) do
          out[#out + 1] = string.format("  %-24s %s", r.id, r.name or "")
        end
        return table.concat(out, "\n")
      end)
    end
    local RT = require "spil.runtime" -- what spil check runs
    local region = spil.region()
    local ms = spil.municipalities()
    local st = report("status", { region = region, municipalities = ms, programmes = {} })
    for _, run in ipairs(spil.programmes()) do
      local res, err = RT.evaluate(run.programme, nil, S.today)
      st.programmes[#st.programmes + 1] = { programme = run.programme, step = run.step,
        since = run.since, result = res, problem = err }
    end
    getmetatable(st).__tostring = function()
      local names = {}
      for i, m in ipairs(ms) do names[i] = m.name or m.code end
      table.sort(names)
      local out = { string.format("%s (%s)", region.name, region.id),
        wrap(T.t("repl.municipalities", { n = string.format("%d", #ms) }),
          table.concat(names, ", "), WIDTH, "    ") }
      if #st.programmes == 0 then out[#out + 1] = T.t("repl.no_programmes") end
      for _, p in ipairs(st.programmes) do
        local r, state = p.result, nil
        if not r then state = T.t("repl.cannot_check", { problem = tostring(p.problem) })
        elseif r.ready then
          state = T.t("repl.state_ready", { advisory = string.format("%d", r.advisory) })
        else
          state = T.t(r.blocking == 1 and "repl.state_not_ready_one" or "repl.state_not_ready_many",
            { blocking = string.format("%d", r.blocking) })
        end
        local step = tostring(p.step or (r and r.step) or "?")
        out[#out + 1] = string.format("  %-18s %s", p.programme, p.since
          and T.t("repl.programme_since", { step = step, since = p.since, state = state })
          or T.t("repl.programme", { step = step, state = state }))
      end
      return table.concat(out, "\n")
    end
    return st
  end

  function env.check(a, b)
    need_region("check()")
    local RT = require "spil.runtime" -- what spil check runs
    local P = require "spil.programme"
    local runs = programmes()
    local programme, step
    for _, id in ipairs(runs) do
      if id == a then programme, step = a, b end
    end
    if not programme then
      step = a
      if b ~= nil then
        error(string.format("check: '%s' is not a programme of %s (it runs: %s)", tostring(a),
          S.region, table.concat(runs, ", ")), 2)
      end
    end
    if step ~= nil and type(step) ~= "string" then step = tostring(step) end
    local wanted = {}
    if programme then wanted[1] = programme
    elseif #runs == 0 then error(S.region .. " runs no programme", 2)
    elseif step and #runs > 1 then
      for _, id in ipairs(runs) do
        local p = P.get(id)
        if p and p:find(step) then wanted[#wanted + 1] = id end
      end
      if #wanted == 0 then
        error(string.format("check: no programme of %s has a step '%s' (it runs: %s)", S.region,
          step, table.concat(runs, ", ")), 2)
      end
    else
      wanted = runs
    end
    local list, n = {}, 1
    for _, id in ipairs(wanted) do
      local res, err = RT.evaluate(id, step, S.today)
      if not res then error("check: " .. tostring(err), 2) end
      n = number_findings(res, n)
      list[#list + 1] = report("check result", res, result_text, result_summary)
    end
    local all = {}
    for _, r in ipairs(list) do
      for _, f in ipairs(r.findings) do all[#all + 1] = f end
    end
    S.last = all
    if #list == 1 then return list[1] end
    return report("check results", list, results_text)
  end

  --- The row a finding's subject names, looked up in the data.
  local function subject_row(s)
    if type(s) ~= "table" then return nil end
    if s.kind == "region" then return spil.region() end
    local section = SECTION[s.kind]
    if not section or not spil[section] then return nil end
    for _, row in ipairs(spil[section]()) do
      if row.id == s.id or row.code == s.id then return tag(s.kind, row) end
    end
    return nil
  end

  --- The check with this id in the region's programmes: check, the step that declares it
  -- (it holds from there on), programme.
  local function find_check(id)
    local P = require "spil.programme"
    for _, pid in ipairs(programmes()) do
      local p = P.get(pid)
      for _, s in ipairs(p and p:steps() or {}) do
        for _, c in ipairs(s.step.own or s.step.checks or {}) do
          if c.id == id then return c, s.step, p end
        end
      end
    end
    return nil
  end

  local function explain_finding(f)
    local c, st, p = find_check(f.check)
    local out = {}
    out[1] = string.format("finding%s of check %s%s", f.number and " [" .. f.number .. "]" or "",
      tostring(f.check), c and " (" .. tostring(c.name) .. ")" or "")
    if st then
      out[#out + 1] = string.format("  in step %s (%s) of %s", st.id, tostring(st.name), p.id)
    end
    out[#out + 1] = wrap("  missing:  ", tostring(f.missing), WIDTH, "            ")
    local s = f.subject
    if type(s) == "table" then
      out[#out + 1] = string.format("  about:    %s %s (%s)", tostring(s.kind), tostring(s.id),
        tostring(s.name))
    end
    out[#out + 1] = "  severity: " .. tostring(f.severity) .. (f.severity == "blocking"
      and " (the step cannot be left while it stands)" or " (reported, never blocks)")
    if f.remedy then out[#out + 1] = wrap("  do:       ", f.remedy, WIDTH, "            ") end
    if f.source then out[#out + 1] = wrap("  source:   ", f.source, WIDTH, "            ") end
    local row = subject_row(s)
    if row then
      out[#out + 1] = "  the subject in the data:"
      out[#out + 1] = "    " .. render(row, 0, 4, {}, 2)
    end
    return table.concat(out, "\n")
  end

  local function explain_check(id)
    local c, st, p = find_check(id)
    if not c then
      error(string.format("explain: no check '%s' in the programmes of %s", id, S.region), 3)
    end
    local out = { string.format("check %s (%s)", c.id, tostring(c.name)),
      string.format("  in step %s (%s) of %s", st.id, tostring(st.name), p.id),
      "  severity: " .. tostring(c.severity) }
    if c.remedy then out[#out + 1] = wrap("  do:       ", c.remedy, WIDTH, "            ") end
    if c.source then out[#out + 1] = wrap("  source:   ", c.source, WIDTH, "            ") end
    local mine = {}
    for _, f in ipairs(S.last or {}) do
      if f.check == id then mine[#mine + 1] = f end
    end
    if #mine > 0 then
      out[#out + 1] = string.format("  findings in the last check(): %d", #mine)
      for _, f in ipairs(mine) do
        out[#out + 1] = string.format("    [%d] %s", f.number, tostring(f.missing))
      end
    end
    return table.concat(out, "\n")
  end

  function env.explain(x)
    need_region("explain()")
    local f = x
    if math.type(x) == "integer" then
      if not S.last then
        error("explain: run check() first; explain(n) tells about its finding n", 2)
      end
      f = S.last[x]
      if not f then
        error(string.format("explain: the last check() has %d finding%s, not %d", #S.last,
          #S.last == 1 and "" or "s", x), 2)
      end
    elseif type(x) == "string" then
      local text = explain_check(x)
      return report("explanation", { check = x }, function() return text end)
    end
    if type(f) == "table" and f.status and f.findings and f.id then   -- a check's result
      local text = explain_check(f.id)
      return report("explanation", { check = f.id }, function() return text end)
    end
    if type(f) ~= "table" or type(f.missing) ~= "string" then
      error("bad argument #1 to 'explain' (a finding, its number in the last check(), or a " ..
        "check id expected)", 2)
    end
    local text = explain_finding(f)
    return report("explanation", { finding = f }, function() return text end)
  end

  function env.show(v, depth)
    if depth ~= nil and math.type(depth) ~= "integer" then
      error("bad argument #2 to 'show' (a whole number of levels expected)", 2)
    end
    native.print(M.render(v, depth or 10))
  end

  function env.sql(query)
    if type(query) ~= "string" then
      error("bad argument #1 to 'sql' (a query expected, got " .. type(query) .. ")", 2)
    end
    local rows, columns = native.sql(query)
    if not rows then error(columns, 2) end
    return as_rows(rows, columns)
  end

  -- Recording, as the CLI's sign, assign, fund and decide: validated like region.yaml, logged,
  -- inside begin() when one is open. Options are the CLI's, as a table.
  local function text(v)
    if v == nil then return nil end
    return type(v) == "boolean" and (v and "true" or "false") or tostring(v)
  end
  local function row(table_name, fields)
    local r = { table = table_name }
    for k, v in pairs(fields) do r[k] = text(v) end
    return r
  end
  -- The options each recorder takes (the CLI's): any other key is refused, never ignored.
  local OPTIONS = {
    sign = { "status", "date", "signatory", "reason" },
    assign = { "municipality", "hours", "since", "until", "formal", "tasks", "mandate", "focus",
      "reviewed", "reason" },
    fund = { "source", "purpose", "amount", "funder", "theme", "since", "until", "status", "reason" },
    decide = { "body", "organisation", "organ", "topic", "subject", "kind", "outcome", "date",
      "positions", "reason" },
  }
  local function opts_of(o, what)
    if o ~= nil and type(o) ~= "table" then
      error("bad argument to '" .. what .. "' (a table of options expected)", 3)
    end
    for k in pairs(o or {}) do
      local known = false
      for _, name in ipairs(OPTIONS[what]) do known = known or k == name end
      if not known then
        error(string.format("%s: unknown option '%s' (options: %s)", what, tostring(k),
          table.concat(OPTIONS[what], ", ")), 3)
      end
    end
    return o or {}
  end

  function env.sign(agreement, organisation, o)
    o = opts_of(o, "sign")
    -- A new status is dated today unless o.date says otherwise; signing again keeps the date.
    return native.record("sign", { row("agreement_party", { agreement = agreement,
      organisation = organisation, status = o.status or "signed", date = o.date,
      ["default.date"] = S.today, renew = "status", signatory = o.signatory }) }, o.reason)
  end

  function env.assign(person, role, o)
    o = opts_of(o, "assign")
    return native.record("assign", { row("role_assignment", { person = person, role = role,
      municipality = o.municipality, hours = o.hours, since = o.since, ["until"] = o["until"],
      formal_assignment = o.formal, tasks = o.tasks, mandate = o.mandate, focus = o.focus,
      reviewed = o.reviewed }) }, o.reason)
  end

  function env.fund(id, o)
    o = opts_of(o, "fund")
    return native.record("fund", { row("funding", { id = id, source = o.source,
      purpose = o.purpose, amount = o.amount, funder = o.funder, theme = o.theme, since = o.since,
      ["until"] = o["until"], status = o.status }) }, o.reason)
  end

  function env.decide(id, o)
    o = opts_of(o, "decide")
    local rows = { row("decision", { id = id, body = o.body, organisation = o.organisation,
      organ = o.organ, topic = o.topic, subject = o.subject, kind = o.kind, outcome = o.outcome,
      date = o.date, ["default.date"] = S.today }) }
    for org, pos in pairs(o.positions or {}) do
      local position, rest = tostring(pos):match("^(%a*)(.*)$")
      if rest ~= "" and rest ~= "+mandate" then
        error("decide: a position reads 'for' or 'for+mandate', not '" .. tostring(pos) .. "'", 2)
      end
      rows[#rows + 1] = row("decision_position", { decision = id, organisation = org,
        position = position, mandate = rest == "+mandate" })
    end
    return native.record("decide", rows, o.reason)
  end

  env.print, env.begin, env.commit, env.rollback = native.print, native.begin, native.commit,
    native.rollback
  env.use, env.exit = native.use, native.exit
  env.help = function(x) return M.help(env, x) end
  S.env = env
  -- For C only (kept in the registry): nothing typed or run by region code can reach the
  -- session through the module, so the natives stay with what the operator types.
  local private = {
    complete = function(line) return M.complete(S, line) end,
    banner = function() return M.banner(S) end,
  }
  return setmetatable(env, { __index = _G }), private
end

-- ---- help ----

--- help() and help(fn): the text (spil.repl_help writes it) as an object that prints it.
function M.help(env, x)
  local text = help.text(env, x, wrap, WIDTH)
  return report("help", {}, function() return text end)
end

-- ---- completion ----

--- The names in the data, for completing inside quotes: region ids, municipality codes and
-- names, ids of organisations, people, bodies, agreements, themes, decisions; programme, step
-- and check ids. Read once per session.
local function data_names(S)
  if S.names then return S.names end
  local seen, list = {}, {}
  local function add(v)
    if type(v) == "string" and v ~= "" and not seen[v] then
      seen[v] = true
      list[#list + 1] = v
    end
  end
  for _, r in ipairs(S.env.regions()) do add(r.id) end
  if S.region then
    for _, section in ipairs({ "municipalities", "organisations", "people", "bodies",
      "agreements", "themes", "decisions", "meetings", "actions", "indicators" }) do
      if spil[section] then
        for _, row in ipairs(spil[section]()) do
          add(row.id)
          add(row.code)
          if section == "municipalities" or section == "organisations" then add(row.name) end
        end
      end
    end
    local P = require "spil.programme"
    for _, run in ipairs(spil.programmes()) do
      add(run.programme)
      local p = P.get(run.programme)
      for _, s in ipairs(p and p:steps() or {}) do
        add(s.step.id)
        for _, c in ipairs(s.step.checks or {}) do add(c.id) end
      end
    end
  end
  table.sort(list)
  S.names = list
  return list
end

--- Where an unclosed string literal starts in line (the index after its quote), or nil.
local function open_string(line)
  local i, q, start = 1, nil, nil
  while i <= #line do
    local c = line:sub(i, i)
    if q then
      if c == "\\" then i = i + 1
      elseif c == q then q = nil end
    elseif c == '"' or c == "'" then q, start = c, i + 1
    elseif c == "-" and line:sub(i + 1, i + 1) == "-" then return nil
    end
    i = i + 1
  end
  return q and start or nil
end

--- The fields of v that completion offers: string keys of a table and of the tables its
-- __index chain reaches (no metamethod runs), the string library for a string.
local function fields(v, out)
  local seen = {}
  for _ = 1, 10 do
    if type(v) == "string" then v = string end
    if type(v) ~= "table" or seen[v] then return end
    seen[v] = true
    for k, x in next, v do
      if type(k) == "string" and out[k] == nil then out[k] = x end
    end
    local mt = getmetatable(v)
    v = type(mt) == "table" and rawget(mt, "__index") or nil
  end
end

--- Complete the text before the cursor. Returns the candidates (sorted, each the whole word
-- with a "(" after a function) and the byte offset (0-based) where the word starts.
function M.complete(S, line)
  local env = S.env
  local start = open_string(line)
  if start then
    local part = line:sub(start)
    local exact, other, low = {}, {}, part:lower()
    for _, name in ipairs(data_names(S)) do
      if name:sub(1, #part) == part then exact[#exact + 1] = name
      elseif name:lower():sub(1, #low) == low then other[#other + 1] = name end
    end
    return #exact > 0 and exact or other, start - 1
  end
  local word = line:match("[%w_%.:]*$")
  local from = #line - #word
  if word:match("^%d") then return {}, from end
  local base, sep, part = word:match("^(.*)([%.:])([%w_]*)$")
  local pool = {}
  if not base then
    part, base, sep = word, "", ""
    fields(env, pool)
    for _, k in ipairs(KEYWORDS) do
      if pool[k] == nil then pool[k] = true end
    end
  else
    if base == "" or base:find(":", 1, true) or base:find("..", 1, true) then return {}, from end
    local v = env
    for name in base:gmatch("[^.]+") do
      local t = {}
      fields(v, t)
      v = t[name]
      if v == nil then return {}, from end
    end
    fields(v, pool)
  end
  local list = {}
  for k, x in pairs(pool) do
    if k:sub(1, #part) == part then
      if is_keyword[k] then
        if sep == "" then list[#list + 1] = k end
      elseif is_ident(k) and (sep ~= ":" or type(x) == "function") then
        list[#list + 1] = base .. sep .. k .. (type(x) == "function" and "(" or "")
      end
    end
  end
  table.sort(list)
  return list, from
end

--- A line for the start of an interactive session.
function M.banner(S)
  if not S.region then
    local n = #S.env.regions()
    return string.format("No region selected (%d in the database): use(\"id\") selects one, " ..
      "regions() lists them.", n)
  end
  local r = spil.region()
  return string.format("Region %s (%s): %d municipalities.", r.id, r.name,
    #spil.municipalities())
end

return M
