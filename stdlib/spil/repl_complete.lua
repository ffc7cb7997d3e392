--- spil.repl_complete: the candidates of the REPL's Tab completion (core/repl.c asks through
-- the session's private complete(line); repl_input.c shows them).
-- Owns: completing the word before the cursor from the session's globals, the fields of
-- values (through __index chains, no metamethod run) and Lua's keywords; inside an unclosed
-- string, from the names in the data (region ids, codes and names, ids of rows, programme,
-- step and check ids), read once per session.
-- Does not: read the terminal, run what is typed.
local spil = require "spil"
local V = require "spil.repl_show"

local C = {}

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
    for k, x in pairs(v) do -- pairs: a read-only module lists its fields
      if type(k) == "string" and out[k] == nil then out[k] = x end
    end
    local mt = getmetatable(v)
    v = type(mt) == "table" and rawget(mt, "__index") or nil
  end
end

--- Complete the text before the cursor. Returns the candidates (sorted, each the whole word
-- with a "(" after a function) and the byte offset (0-based) where the word starts.
function C.complete(S, line)
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
    for _, k in ipairs(V.KEYWORDS) do
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
      if V.is_keyword[k] then
        if sep == "" then list[#list + 1] = k end
      elseif V.is_ident(k) and (sep ~= ":" or type(x) == "function") then
        list[#list + 1] = base .. sep .. k .. (type(x) == "function" and "(" or "")
      end
    end
  end
  table.sort(list)
  return list, from
end

return C
