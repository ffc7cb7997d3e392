--- spil.repl_show: how the REPL shows a value (spil.repl's printer; core/repl.c prints what
-- V.show returns).
-- Owns: values as text (nested tables with sorted keys, depth-limited, cycles marked, long
-- tables broken over lines to the width; data rows as one line with kind, id and name), query
-- results as columns (V.rows), the kinds of rows (V.tag; V.KIND and V.SECTION between a
-- section of the data and the kind of its rows), objects that print as a text (V.report), the
-- line wrapping of texts (V.wrap) and the width they fill (V.width, the terminal's), and what
-- a Lua identifier is (V.KEYWORDS, V.is_keyword, V.is_ident: completion offers those).
-- Does not: print (C does), read the data, know the helpers.
local V = {}

V.width = 100         -- columns the printer fills before it breaks a table over lines
local DEPTH = 3       -- nesting shown by default; show(v, depth) for more
local ITEMS = 100     -- entries shown per table
local STRING = 300    -- bytes of a nested string shown

V.KEYWORDS = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
}
local is_keyword = {}
for _, k in ipairs(V.KEYWORDS) do is_keyword[k] = true end
V.is_keyword = is_keyword

-- ---- the printer ----

local function is_ident(k)
  return type(k) == "string" and k:match("^[%a_][%w_]*$") ~= nil and not is_keyword[k]
end
V.is_ident = is_ident

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
  if indent + #line <= V.width and not line:find("\n", 1, true) then return line end
  local pad = string.rep(" ", indent + 2)
  if #keys == 0 then   -- a list of short values: as many on a line as fit
    local lines, cur, short = {}, nil, true
    for _, it in ipairs(items) do
      if #it > 24 or it:find("\n", 1, true) then short = false end
    end
    if short then
      for _, it in ipairs(items) do
        if cur and #pad + #cur + 2 + #it <= V.width then cur = cur .. ", " .. it
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

--- A value as the REPL shows it: a string as it is, anything else as render makes it, to
-- max levels (default 3), its lines after the first indented by indent columns.
function V.render(v, max, indent)
  if type(v) == "string" then return v end
  return render(v, 0, indent or 0, {}, max or DEPTH)
end

--- The text for the values an expression gave (nil when it gave none); C prints it.
function V.show(...)
  local n = select("#", ...)
  if n == 0 then return nil end
  local parts = {}
  for i = 1, n do parts[i] = V.render((select(i, ...))) end
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
function V.rows(rows, columns)
  local mt = {}
  for k, v in pairs(Rows) do mt[k] = v end
  mt.columns = columns
  return setmetatable(rows, mt)
end

-- ---- kinds of rows, texts ----

--- Kinds of rows, per section of the data (rows the helpers return carry their kind), and the
-- section of a kind.
V.KIND = {
  municipalities = "municipality", organisations = "organisation", people = "person",
  roles = "role", programmes = "programme", bodies = "body", agreements = "agreement",
  decisions = "decision", funding = "funding", responsibilities = "responsibility",
  themes = "theme", meetings = "meeting", actions = "action", evaluations = "evaluation",
  indicators = "indicator",
}
V.SECTION = {}
for section, kind in pairs(V.KIND) do V.SECTION[kind] = section end

--- row, marked as a row of kind (it prints as <kind id: name>).
local kind_mt = {}
function V.tag(kind, row)
  local mt = kind_mt[kind]
  if not mt then
    mt = { __name = kind }
    kind_mt[kind] = mt
  end
  return setmetatable(row, mt)
end

--- prefix .. text, broken at spaces before width columns; later lines start with indent.
function V.wrap(prefix, text, width, indent)
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
function V.report(kind, fields, text, summary)
  return setmetatable(fields, { __name = kind, __tostring = text, __summary = summary })
end

return V
