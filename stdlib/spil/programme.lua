--- spil.programme: the workflow DSL. A programme is phases of steps; a step has readiness
-- checks; a check is a named function over the region's data that returns findings.
-- A region extends a standard programme (add, replace or remove steps and checks, change a
-- severity, set a governance rule) with M.extend, and makes it its own with M.use.
-- See docs/scripting.md.
local M = {}

local SEVERITIES = { blocking = true, advisory = true }
local RULES = { may_advance = true, decision_valid = true, theme_regional = true }

local function fail(level, fmt, ...)
  error(string.format(fmt, ...), level + 1)
end

local function need(def, field, kind, what, level)
  local v = def[field]
  if type(v) ~= kind then
    fail(level + 1, "%s needs '%s' (a %s), got %s", what, field, kind, type(v))
  end
  return v
end

--- A check: { id, name, source, severity = "blocking"|"advisory", run = function(ctx) }.
-- run reports what is missing with ctx:finding{...}; a check that reports nothing passes.
function M.check(def)
  need(def, "id", "string", "check", 2)
  need(def, "name", "string", "check '" .. def.id .. "'", 2)
  need(def, "run", "function", "check '" .. def.id .. "'", 2)
  local severity = def.severity or "blocking"
  if not SEVERITIES[severity] then
    fail(2, "check '%s': severity must be 'blocking' or 'advisory', not '%s'", def.id,
      tostring(severity))
  end
  return {
    id = def.id, name = def.name, source = def.source, remedy = def.remedy,
    severity = severity, run = def.run,
  }
end

--- A step: { id, name, aim, source, checks = { check, ... } }.
function M.step(def)
  need(def, "id", "string", "step", 2)
  need(def, "name", "string", "step '" .. def.id .. "'", 2)
  local checks = {}
  for i, c in ipairs(def.checks or {}) do
    if type(c) ~= "table" or type(c.run) ~= "function" then
      fail(2, "step '%s': check #%d is not a check (make it with spil.programme.check)", def.id, i)
    end
    checks[i] = c
  end
  return { id = def.id, name = def.name, aim = def.aim, source = def.source, checks = checks }
end

--- A phase: { id, name, steps = { step, ... } }.
function M.phase(def)
  need(def, "id", "string", "phase", 2)
  need(def, "name", "string", "phase '" .. def.id .. "'", 2)
  return { id = def.id, name = def.name, steps = def.steps or {} }
end

local Programme = {}
Programme.__index = Programme

--- A programme: { id, name, source, phases = { phase, ... }, rules = { name = function } }.
function M.programme(def)
  need(def, "id", "string", "programme", 2)
  need(def, "name", "string", "programme '" .. def.id .. "'", 2)
  local p = setmetatable({ id = def.id, name = def.name, source = def.source, phases = {},
    rules = {} }, Programme)
  local seen = {}
  for _, ph in ipairs(def.phases or {}) do
    local phase = { id = ph.id, name = ph.name, steps = {} }
    for _, st in ipairs(ph.steps) do
      if seen[st.id] then fail(2, "programme '%s': step '%s' appears twice", def.id, st.id) end
      seen[st.id] = true
      phase.steps[#phase.steps + 1] = st
    end
    p.phases[#p.phases + 1] = phase
  end
  for name, fn in pairs(def.rules or {}) do p:rule(name, fn) end
  return p
end

--- The steps in order, each with its phase: { {step =, phase =}, ... }.
function Programme:steps()
  local out = {}
  for _, ph in ipairs(self.phases) do
    for _, st in ipairs(ph.steps) do out[#out + 1] = { step = st, phase = ph } end
  end
  return out
end

--- The step with this id, its phase and its position; nil when there is none.
function Programme:find(step_id)
  for i, s in ipairs(self:steps()) do
    if s.step.id == step_id then return s.step, s.phase, i end
  end
  return nil
end

--- The step after step_id, or nil when it is the last.
function Programme:next(step_id)
  local _, _, i = self:find(step_id)
  local all = self:steps()
  return i and all[i + 1] and all[i + 1].step or nil
end

local function step_or_fail(p, step_id)
  local st = p:find(step_id)
  if not st then
    local ids = {}
    for _, s in ipairs(p:steps()) do ids[#ids + 1] = s.step.id end
    fail(3, "programme '%s' has no step '%s' (steps: %s)", p.id, tostring(step_id),
      table.concat(ids, ", "))
  end
  return st
end

local function check_index(p, st, check_id)
  for i, c in ipairs(st.checks) do
    if c.id == check_id then return i end
  end
  fail(3, "step '%s' of programme '%s' has no check '%s'", st.id, p.id, tostring(check_id))
end

--- Add a check to a step (at the end).
function Programme:add_check(step_id, check)
  local st = step_or_fail(self, step_id)
  for _, c in ipairs(st.checks) do
    if c.id == check.id then
      fail(2, "step '%s' already has a check '%s'; use replace_check", step_id, check.id)
    end
  end
  st.checks[#st.checks + 1] = check
  return self
end

--- Replace the check check_id of a step by another.
function Programme:replace_check(step_id, check_id, check)
  local st = step_or_fail(self, step_id)
  st.checks[check_index(self, st, check_id)] = check
  return self
end

--- Remove the check check_id from a step.
function Programme:remove_check(step_id, check_id)
  local st = step_or_fail(self, step_id)
  table.remove(st.checks, check_index(self, st, check_id))
  return self
end

--- Change the severity of a check: "blocking" or "advisory".
function Programme:set_severity(step_id, check_id, severity)
  if not SEVERITIES[severity] then
    fail(2, "severity must be 'blocking' or 'advisory', not '%s'", tostring(severity))
  end
  local st = step_or_fail(self, step_id)
  local i = check_index(self, st, check_id)
  local c = {}
  for k, v in pairs(st.checks[i]) do c[k] = v end
  c.severity = severity
  st.checks[i] = c
  return self
end

--- Add a step after the step `after` (in the same phase).
function Programme:add_step(after, step)
  if self:find(step.id) then fail(2, "programme '%s' already has a step '%s'", self.id, step.id) end
  step_or_fail(self, after)
  for _, ph in ipairs(self.phases) do
    for i, st in ipairs(ph.steps) do
      if st.id == after then
        table.insert(ph.steps, i + 1, step)
        return self
      end
    end
  end
end

--- Replace a step by another (its checks go with it).
function Programme:replace_step(step_id, step)
  step_or_fail(self, step_id)
  for _, ph in ipairs(self.phases) do
    for i, st in ipairs(ph.steps) do
      if st.id == step_id then ph.steps[i] = step end
    end
  end
  return self
end

--- Remove a step.
function Programme:remove_step(step_id)
  step_or_fail(self, step_id)
  for _, ph in ipairs(self.phases) do
    for i, st in ipairs(ph.steps) do
      if st.id == step_id then
        table.remove(ph.steps, i)
        return self
      end
    end
  end
end

--- Set a governance rule: may_advance, decision_valid or theme_regional (see spil.governance).
function Programme:rule(name, fn)
  if not RULES[name] then
    fail(2, "unknown rule '%s' (rules: decision_valid, may_advance, theme_regional)", tostring(name))
  end
  if type(fn) ~= "function" then fail(2, "rule '%s' must be a function", name) end
  self.rules[name] = fn
  return self
end

local function copy(v, seen)
  if type(v) ~= "table" then return v end
  if seen[v] then return seen[v] end
  local out = {}
  seen[v] = out
  for k, x in pairs(v) do out[k] = copy(x, seen) end
  return setmetatable(out, getmetatable(v))
end

--- A copy of a programme for a region to change without touching the original.
function M.extend(base)
  if getmetatable(base) ~= Programme then fail(2, "extend needs a programme") end
  return copy(base, {})
end

local used = {}

--- Make p the programme this region runs under its id (replacing the standard one).
function M.use(p)
  if getmetatable(p) ~= Programme then fail(2, "use needs a programme") end
  used[p.id] = p
  return p
end

--- The programme this region runs for id: its own (M.use) or the stdlib's; nil, message if none.
function M.get(id)
  if used[id] then return used[id] end
  local name = "programmes." .. id:gsub("-", "_")
  local ok, p = pcall(require, name)
  if not ok then return nil, p end
  if getmetatable(p) ~= Programme then
    return nil, "module '" .. name .. "' does not return a programme"
  end
  return p
end

M.Programme = Programme
return M
