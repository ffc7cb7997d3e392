--- spil.repl: the Lua half of `spil repl` and `spil run` (the C half is core/repl.c), split
-- along its seams: the printer (spil.repl_show), Tab completion (spil.repl_complete), the
-- commands check(), status() and explain() (spil.repl_check), the recorders (spil.repl_record)
-- and the help texts (spil.repl_help).
-- Owns: the session (M.session: its globals, with the trusted natives C passes in: print,
-- sql, begin, commit, rollback, record, regions, use, exit; the functions only C may call),
-- the helpers regions, municipalities, find, show, sql and help, and the banner; M.show is
-- what C prints a value with.
-- Runs in the sandbox like region code, so a runaway printer or helper meets the same limits.
-- Does not: read the terminal, touch the store (the natives do), decide what a check finds
-- (spil.engine does).
local spil = require "spil"
local help = require "spil.repl_help"
local V = require "spil.repl_show"
local repl_complete = require "spil.repl_complete"
local repl_check = require "spil.repl_check"
local repl_record = require "spil.repl_record"

local M = {}

--- The text for the values an expression gave (nil when it gave none); C prints it.
M.show = V.show

--- The session's globals for one sandbox, and the functions C calls on Tab and at the start
-- (complete(line), banner()). native: the C functions (print, sql, begin, commit, rollback,
-- record, regions, use, exit); info: { region = id or nil, mode = "repl"|"run", today, width }.
function M.session(native, info)
  local S = { region = info.region, today = info.today, last = nil, names = nil }
  V.width = info.width or V.width
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
  S.need_region, S.programmes = need_region, programmes

  function env.regions()
    local rows = native.regions()
    for _, r in ipairs(rows) do V.tag("region", r) end
    return rows
  end

  function env.municipalities()
    need_region("municipalities()")
    local rows = spil.municipalities()
    for _, r in ipairs(rows) do V.tag("municipality", r) end
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
        if hit(row) then out[#out + 1] = V.tag(V.KIND[section] or section, row) end
      end
    end
    return out
  end

  function env.show(v, depth)
    if depth ~= nil and math.type(depth) ~= "integer" then
      error("bad argument #2 to 'show' (a whole number of levels expected)", 2)
    end
    native.print(V.render(v, depth or 10))
  end

  function env.sql(query)
    if type(query) ~= "string" then
      error("bad argument #1 to 'sql' (a query expected, got " .. type(query) .. ")", 2)
    end
    local rows, columns = native.sql(query)
    if not rows then error(columns, 2) end
    return V.rows(rows, columns)
  end

  repl_check.install(env, S)
  repl_record.install(env, S, native)
  env.print, env.begin, env.commit, env.rollback = native.print, native.begin, native.commit,
    native.rollback
  env.use, env.exit = native.use, native.exit
  env.help = function(x) return M.help(env, x) end
  S.env = env
  -- For C only (kept in the registry): nothing typed or run by region code can reach the
  -- session through the module, so the natives stay with what the operator types.
  local private = {
    complete = function(line) return repl_complete.complete(S, line) end,
    banner = function() return M.banner(S) end,
  }
  return setmetatable(env, { __index = _G }), private
end

-- ---- help ----

--- help() and help(fn): the text (spil.repl_help writes it) as an object that prints it.
function M.help(env, x)
  local text = help.text(env, x, V.wrap, V.width)
  return V.report("help", {}, function() return text end)
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
