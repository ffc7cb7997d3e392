--- spil.test: what region authors write their rule tests with (run them with `spil test`).
-- A test file registers cases; spil runs each against the file's fixture region, in a
-- transaction that is rolled back afterwards, and reports each failure with file and line.
--
--   --! fixture: ../fixtures/ready        (optional: the region folder to test against)
--   local t = require "spil.test"
--   t.case("blocks step 7 while a gemeente has not signed", function()
--     local r = t.check("kngg", "6")
--     t.expect(not r.ready, "step 6 not ready")
--     t.finding(r, { check = "sov-signed", subject = "gem-dordrecht" })
--   end)
local M = { cases = {}, today = nil }

-- The region runtime's own entries: the very code `spil check` and `spil advance` run (a fresh
-- sandbox per check after a failure, the same counting and texts). spil test provides it.
local function runtime()
  return require "spil.runtime"
end

--- Register a case: a sentence saying what must hold, and a function that checks it.
function M.case(name, fn)
  if type(name) ~= "string" or type(fn) ~= "function" then
    error("case needs a name and a function", 2)
  end
  M.cases[#M.cases + 1] = { name = name, fn = fn }
end

--- Fail unless cond holds.
function M.expect(cond, what)
  if not cond then error("expected " .. (what or "a true value"), 2) end
  return cond
end

--- Fail unless got equals want.
function M.equal(got, want, what)
  if got ~= want then
    error(string.format("%s: expected %s, got %s", what or "value", tostring(want), tostring(got)), 2)
  end
  return got
end

--- Evaluate a step (the current one when step is nil) on opts.today, else M.today, else today,
-- exactly as `spil check` does; opts.with replaces sections of the data for this evaluation:
-- { with = { decisions = {...} } }.
function M.check(programme, step, opts)
  local r, err = runtime().evaluate(programme, step, opts and opts.today or M.today,
    opts and opts.with)
  if not r then error(err, 2) end
  return r
end

--- Whether person may leave the current step now: { allowed, reason, from, to, result }, as
-- `spil advance` decides it. Nothing is written.
function M.advance(programme, person, opts)
  local plan, err = runtime().plan_advance(programme, person, opts and opts.today or M.today)
  if not plan then error(err, 2) end
  return plan
end

local function matches(f, want)
  if want.check and f.check ~= want.check then return false end
  if want.severity and f.severity ~= want.severity then return false end
  if want.subject and not (f.subject and f.subject.id == want.subject) then return false end
  if want.missing and not f.missing:find(want.missing, 1, true) then return false end
  return true
end

--- All findings of a result that match want = { check, subject (an id), severity, missing
-- (a piece of the text) }.
function M.findings(result, want)
  local out = {}
  for _, c in ipairs(result.checks) do
    for _, f in ipairs(c.findings) do
      if matches(f, want or {}) then out[#out + 1] = f end
    end
  end
  return out
end

-- What is wrong with a result against want (nil when right), and the finding it found.
local function finding_problem(result, want)
  local found = M.findings(result, want)[1]
  if found then return nil, found end
  local parts = {}
  for k, v in pairs(want) do parts[#parts + 1] = k .. "=" .. tostring(v) end
  table.sort(parts)
  return "expected a finding with " .. table.concat(parts, ", ")
end

local function no_finding_problem(result, want)
  local found = M.findings(result, want)[1]
  if found then return "expected no finding like: " .. found.missing end
end

local function blocks_problem(result, want, cites)
  if result.ready then return "expected step " .. result.step .. " not ready" end
  want.severity = "blocking"
  local f = M.findings(result, want)[1]
  if not f then return "expected a blocking finding of " .. tostring(want.check) end
  if type(f.remedy) ~= "string" or #f.remedy == 0 then
    return "expected a remedy for " .. tostring(want.check)
  end
  if not (f.source and f.source:find(cites, 1, true)) then
    return "expected " .. tostring(want.check) .. " to cite " .. cites .. ": " .. tostring(f.source)
  end
  return nil, f
end

local function advises_problem(result, want)
  want.severity = "advisory"
  if not M.findings(result, want)[1] then
    return "expected an advisory finding of " .. tostring(want.check)
  end
  if not result.ready then return "expected advice not to block step " .. result.step end
end

local function status_of(result, check_id)
  for _, c in ipairs(result.checks) do
    if c.id == check_id then return c.status end
  end
end

-- An assertion from a function that says what is wrong (nil when right) and what it found:
-- it fails with that text at the caller's line, else returns what was found.
local function asserting(problem_of)
  return function(...)
    local problem, found = problem_of(...)
    if problem then error(problem, 2) end
    return found
  end
end

--- Fail unless the result has a finding matching want; returns it.
M.finding = asserting(finding_problem)

--- Fail unless the step is not ready and has a blocking finding matching want, with a remedy
-- and a source that contains `cites` (the citation the guidance asks for); returns it.
M.blocks = asserting(blocks_problem)

--- Fail unless the result has an advisory finding matching want and the step is still ready.
M.advises = asserting(advises_problem)

--- Fail if the result has a finding matching want.
M.no_finding = asserting(no_finding_problem)

--- The status of one check in a result ("pass", "fail", "advisory", "error", "waiting" or
-- "not_applicable").
function M.status(result, check_id)
  local status = status_of(result, check_id)
  if not status then error("the result has no check '" .. tostring(check_id) .. "'", 2) end
  return status
end

-- The parts of a spec that list wants (as for t.finding), each with what is wrong with a
-- result against one want.
local WANTS = {
  { "finding", finding_problem },
  { "no_finding", no_finding_problem },
  { "blocks", function(result, want) return blocks_problem(result, want, want.cites or "") end },
  { "advises", advises_problem },
}

-- The parts a spec may have (M.holds), and those a case_table entry adds: any other key is a
-- typo that would otherwise assert nothing.
local SPEC_KEYS = { ready = true, blocking = true, pass = true, fail = true, waiting = true,
  not_applicable = true, finding = true, no_finding = true, blocks = true, advises = true }
local ENTRY_KEYS = { [1] = true, step = true, today = true, with = true }

-- What is wrong with a result against spec (nil when all holds); see M.holds.
local function spec_problem(result, spec, extra)
  for k in pairs(spec) do
    if not SPEC_KEYS[k] and not (extra and extra[k]) then
      local names = {}
      for n in pairs(SPEC_KEYS) do names[#names + 1] = n end
      table.sort(names)
      return string.format("the spec has no part '%s' (parts: %s)", tostring(k),
        table.concat(names, ", "))
    end
  end
  local where = "step " .. tostring(result.step) .. ": "
  if spec.ready ~= nil and result.ready ~= spec.ready then
    return where .. (spec.ready and "expected ready" or "expected not ready")
  end
  if spec.blocking and result.blocking ~= spec.blocking then
    return string.format("%sblocking findings: expected %d, got %d", where, spec.blocking,
      result.blocking)
  end
  for _, kind in ipairs({ "pass", "fail", "waiting", "not_applicable" }) do
    for _, id in ipairs(spec[kind] or {}) do
      local status = status_of(result, id)
      if status ~= kind then
        return string.format("%s%s: expected %s, got %s", where, id, kind, tostring(status))
      end
    end
  end
  for _, part in ipairs(WANTS) do
    local name, problem_of = part[1], part[2]
    for i, want in ipairs(spec[name] or {}) do
      local problem = problem_of(result, want)
      if problem then return string.format("%s%s %d: %s", where, name, i, problem) end
    end
  end
end

--- Fail unless everything spec says holds of the result:
--   { ready = true|false, blocking = N, pass = { check ids }, fail = { check ids },
--     waiting = { check ids }, not_applicable = { check ids }, finding = { wants },
--     no_finding = { wants }, blocks = { wants }, advises = { wants } }
-- (a want as for t.finding; one of blocks also says what the source cites: cites = text, as
-- for t.blocks); each part is optional. Returns the result.
function M.holds(result, spec)
  local problem = spec_problem(result, spec)
  if problem then error(problem, 2) end
  return result
end

--- Register one case per entry, table-driven: entry[1] is the case's sentence, entry.step the
-- step to evaluate (the current one when absent), entry.today and entry.with as for t.check,
-- and the rest a spec as for t.holds. A failure names the entry's part and number.
function M.case_table(programme, entries)
  for _, e in ipairs(entries) do
    M.case(e[1], function()
      local problem = spec_problem(M.check(programme, e.step, { today = e.today, with = e.with }),
        e, ENTRY_KEYS)
      if problem then error(problem, 0) end
    end)
  end
end

--- Fail unless every check of every step in steps passes and each step is ready; the checks
-- named in opts.not_applicable (optional, a list of ids) must instead not apply (n/a is never
-- a pass).
function M.all_pass(programme, steps, opts)
  local na = {}
  for _, id in ipairs(opts and opts.not_applicable or {}) do na[id] = true end
  for _, step in ipairs(steps) do
    local r = M.check(programme, step)
    for _, c in ipairs(r.checks) do
      local want = na[c.id] and "not_applicable" or "pass"
      if c.status ~= want then
        error(string.format("step %s, check %s: expected %s, got %s", step, c.id, want,
          tostring(c.status)), 2)
      end
    end
    if not r.ready then error("expected step " .. step .. " ready", 2) end
  end
end

--- Fail unless each step in steps is ready without any finding, blocking or advisory.
function M.no_findings(programme, steps)
  for _, step in ipairs(steps) do
    local r = M.check(programme, step)
    if not r.ready then error("expected step " .. step .. " ready", 2) end
    if r.blocking + r.advisory ~= 0 then
      error(string.format("findings at %s: expected 0, got %d", step, r.blocking + r.advisory), 2)
    end
  end
end

--- Fail unless the programme (a programme table) has exactly these steps, in order ("a b c").
function M.steps_are(programme, ids)
  local got = {}
  for _, s in ipairs(programme:steps()) do got[#got + 1] = s.step.id end
  if table.concat(got, " ") ~= ids then
    error(string.format("steps: expected %s, got %s", ids, table.concat(got, " ")), 2)
  end
end

--- Fail unless every check of every step of the programme (a table) has a source containing
-- text.
function M.cites(programme, text)
  for _, s in ipairs(programme:steps()) do
    for _, c in ipairs(s.step.checks) do
      if not (type(c.source) == "string" and c.source:find(text, 1, true)) then
        error("expected a citation for " .. c.id .. " (" .. text .. ")", 2)
      end
    end
  end
end

--- Fail unless person may leave the current step for step `to`; returns the plan.
function M.may_advance(programme, person, to, opts)
  local plan = M.advance(programme, person, opts)
  if not plan.allowed then
    error(person .. ": expected advance allowed: " .. tostring(plan.reason), 2)
  end
  if plan.to ~= to then
    error(string.format("next step: expected %s, got %s", to, tostring(plan.to)), 2)
  end
  return plan
end

--- Evaluate a step with sections of the data replaced: t.check(programme, step, { with = with }).
function M.check_with(programme, step, with)
  local r, err = runtime().evaluate(programme, step, M.today, with)
  if not r then error(err, 2) end
  return r
end

--- The fixture's rows of a section on M.today, fresh each call (a change does not leak).
function M.rows(section)
  return require("spil.engine").context(M.today):list(section)
end

local function row_of(list, key, value)
  for _, x in ipairs(list) do
    if x[key] == value then return x end
  end
  error("no row with " .. tostring(key) .. " = " .. tostring(value), 3)
end

--- The first row of list with row[key] == value; fails when there is none.
function M.row(list, key, value)
  local x = row_of(list, key, value) -- not a tail call: the failure names the caller's line
  return x
end

--- The fixture's rows of a section (fresh, as t.rows) with fn(row) applied to the first row
-- whose key is value (fails when there is none): a case's one change to the baseline, as
-- t.rows_with("roles", "role", "regiocoordinator", function(r) r.hours = nil end).
function M.rows_with(section, key, value, fn)
  local list = M.rows(section)
  fn(row_of(list, key, value))
  return list
end

--- The rows of list for which pred is false, in order (a new list).
function M.without(list, pred)
  local out = {}
  for _, x in ipairs(list) do
    if not pred(x) then out[#out + 1] = x end
  end
  return out
end

return M
