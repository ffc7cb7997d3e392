--- spil.programme: the workflow DSL. A programme is phases of steps; a step has readiness
-- checks; a check is a named function over the region's data that returns findings.
-- A region extends a standard programme (add, replace or remove steps and checks, change a
-- severity, set a governance rule) with M.extend, and makes it its own with M.use. Each
-- programme is kept as it was made, so spil can say where a region's own asks less
-- (M.departures, M.own_rules) and which checks are the standard's (M.is_standard).
-- See docs/scripting.md.
local D = require "spil.data"
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

local HOLDS = { onward = true, step = true }

--- A check: { id, name, source, severity = "blocking"|"advisory", holds = "onward"|"step",
-- run = function(ctx) }. run reports what is missing with ctx:finding{...}; a check that
-- reports nothing passes. A requirement holds from the step it is declared in on: the check
-- runs at that step and at every later one (holds = "onward", the default); holds = "step"
-- keeps it to its own step.
function M.check(def)
  need(def, "id", "string", "check", 2)
  need(def, "name", "string", "check '" .. def.id .. "'", 2)
  need(def, "run", "function", "check '" .. def.id .. "'", 2)
  local severity = def.severity or "blocking"
  if not SEVERITIES[severity] then
    fail(2, "check '%s': severity must be 'blocking' or 'advisory', not '%s'", def.id,
      tostring(severity))
  end
  local holds = def.holds or "onward"
  if not HOLDS[holds] then
    fail(2, "check '%s': holds must be 'onward' or 'step', not '%s'", def.id, tostring(holds))
  end
  return {
    id = def.id, name = def.name, source = def.source, remedy = def.remedy,
    severity = severity, holds = holds, run = def.run,
  }
end

--- A step: { id, name, aim, source, checks = { check, ... } }. The step keeps the checks
-- declared in it as `own`; its `checks`, what the engine runs, are its own checks plus those
-- that hold onward from earlier steps (Programme:carry computes them).
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
  return { id = def.id, name = def.name, aim = def.aim, source = def.source, own = checks,
    checks = { table.unpack(checks) }, ends = {} }
end

--- A phase: { id, name, steps = { step, ... } }.
function M.phase(def)
  need(def, "id", "string", "phase", 2)
  need(def, "name", "string", "phase '" .. def.id .. "'", 2)
  return { id = def.id, name = def.name, steps = def.steps or {} }
end

local Programme = {}
Programme.__index = Programme
-- getmetatable(p) gives this text, not the methods: region code may not change what every
-- programme does. The programmes are known by is_programme instead.
Programme.__metatable = "spil.programme"
local is_programme = setmetatable({}, { __mode = "k" })

-- What each programme required when it was made, before any region script could change it:
-- per step, each check's severity and run function. Weak keys; out of region code's reach.
local as_made = setmetatable({}, { __mode = "k" })

local function snapshot(p)
  local steps = {}
  for _, ph in ipairs(p.phases) do
    for _, st in ipairs(ph.steps) do
      local checks = {}
      for i, c in ipairs(st.checks) do
        checks[i] = { id = c.id, name = c.name, severity = c.severity, run = c.run }
      end
      steps[st.id] = checks
    end
  end
  local rules, runs = {}, {}
  for name, fn in pairs(p.rules) do rules[name] = fn end
  for _, checks in pairs(steps) do
    for _, c in ipairs(checks) do runs[c.run] = true end
  end
  return { steps = steps, rules = rules, runs = runs }
end

--- A programme: { id, name, source, phases = { phase, ... }, rules = { name = function },
-- params = { name = default } }. params are the thresholds the guidance leaves to the region
-- ("regelmatig", an evaluation period): checks read them with spil.checks.param, a region
-- sets them with p:set_param.
function M.programme(def)
  need(def, "id", "string", "programme", 2)
  need(def, "name", "string", "programme '" .. def.id .. "'", 2)
  local params, defaults = {}, {}
  for k, v in pairs(def.params or {}) do params[k], defaults[k] = v, v end
  local p = setmetatable({ id = def.id, name = def.name, source = def.source, phases = {},
    rules = {}, params = params, defaults = defaults }, Programme)
  is_programme[p] = true
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
  p:carry()
  as_made[p] = snapshot(p)
  return p
end

--- Recompute every step's checks: the checks that hold onward from the earlier steps, in
-- their order, then the step's own. An own check with the id of a carried one takes its place
-- (from this step on); an id in the step's `ends` is dropped (from this step on).
function Programme:carry()
  local carried = {}
  for _, ph in ipairs(self.phases) do
    for _, st in ipairs(ph.steps) do
      st.own, st.ends = st.own or st.checks, st.ends or {}
      local list, at = {}, {}
      for _, c in ipairs(carried) do
        if not st.ends[c.id] then list[#list + 1] = c; at[c.id] = #list end
      end
      for _, c in ipairs(st.own) do
        if at[c.id] then list[at[c.id]] = c else list[#list + 1] = c; at[c.id] = #list end
      end
      st.checks, carried = list, {}
      for _, c in ipairs(list) do
        if c.holds ~= "step" then carried[#carried + 1] = c end
      end
    end
  end
  return self
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

local function own_index(st, check_id)
  for i, c in ipairs(st.own) do
    if c.id == check_id then return i end
  end
  return nil
end

-- Every change below applies from the step it names on: a check carried into that step from
-- an earlier one is shadowed (replaced, severity) or ended (removed) there, not changed at
-- the step that declared it.

--- Add a check to a step (at the end); it holds from this step on.
function Programme:add_check(step_id, check)
  local st = step_or_fail(self, step_id)
  for _, c in ipairs(st.checks) do
    if c.id == check.id then
      fail(2, "step '%s' already has a check '%s'; use replace_check", step_id, check.id)
    end
  end
  st.own[#st.own + 1] = check
  return self:carry()
end

--- Replace the check check_id of a step (and of the later steps it holds in) by another.
function Programme:replace_check(step_id, check_id, check)
  local st = step_or_fail(self, step_id)
  check_index(self, st, check_id)
  local i = own_index(st, check_id)
  if i then
    st.own[i] = check
  else
    st.own[#st.own + 1] = check
  end
  if check.id ~= check_id then st.ends[check_id] = true end
  return self:carry()
end

--- Add a check to a step, or replace the one with its id: what a region script uses when it
-- may run after (or again over) another script that registered the same programme.
function Programme:put_check(step_id, check)
  local st = step_or_fail(self, step_id)
  for _, c in ipairs(st.checks) do
    if c.id == check.id then return self:replace_check(step_id, check.id, check) end
  end
  return self:add_check(step_id, check)
end

--- Remove the check check_id from a step and the later steps.
function Programme:remove_check(step_id, check_id)
  local st = step_or_fail(self, step_id)
  check_index(self, st, check_id)
  local i = own_index(st, check_id)
  if i then table.remove(st.own, i) end
  st.ends[check_id] = true
  return self:carry()
end

--- Change the severity of a check: "blocking" or "advisory", from this step on.
function Programme:set_severity(step_id, check_id, severity)
  if not SEVERITIES[severity] then
    fail(2, "severity must be 'blocking' or 'advisory', not '%s'", tostring(severity))
  end
  local st = step_or_fail(self, step_id)
  local c = {}
  for k, v in pairs(st.checks[check_index(self, st, check_id)]) do c[k] = v end
  c.severity = severity
  local i = own_index(st, check_id)
  if i then st.own[i] = c else st.own[#st.own + 1] = c end
  return self:carry()
end

--- Add a step after the step `after` (in the same phase).
function Programme:add_step(after, step)
  if self:find(step.id) then fail(2, "programme '%s' already has a step '%s'", self.id, step.id) end
  step_or_fail(self, after)
  for _, ph in ipairs(self.phases) do
    for i, st in ipairs(ph.steps) do
      if st.id == after then
        table.insert(ph.steps, i + 1, step)
        return self:carry()
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
  return self:carry()
end

--- Remove a step.
function Programme:remove_step(step_id)
  step_or_fail(self, step_id)
  for _, ph in ipairs(self.phases) do
    for i, st in ipairs(ph.steps) do
      if st.id == step_id then
        table.remove(ph.steps, i)
        return self:carry()
      end
    end
  end
end

--- Set a named parameter of the programme (a number of months, say) to a positive integer.
-- Only the parameters the programme declares exist; any other name is refused.
function Programme:set_param(name, value)
  if self.params[name] == nil then
    local names = {}
    for k in pairs(self.params) do names[#names + 1] = k end
    table.sort(names)
    fail(2, "programme '%s' has no parameter '%s' (parameters: %s)", self.id, tostring(name),
      #names > 0 and table.concat(names, ", ") or "none")
  end
  if math.type(value) ~= "integer" or value < 1 then
    fail(2, "parameter '%s' must be a whole number of at least 1, not %s", name, tostring(value))
  end
  self.params[name] = value
  return self
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


--- A copy of a programme for a region to change without touching the original.
function M.extend(base)
  if not is_programme[base] then fail(2, "extend needs a programme") end
  local out, seen = {}, {} -- one seen: a step's own and carried checks stay the same tables
  for k, v in pairs(base) do out[k] = D.copy(v, seen) end
  is_programme[out] = true
  return setmetatable(out, Programme)
end

local used = {}

-- The stdlib module of programme id ("kansrijke-start": programmes.kansrijke_start).
local function module_name(id)
  return "programmes." .. (tostring(id):gsub("-", "_"))
end

-- What the standard programme id required as it was made (as_made), or nil when the stdlib
-- has no such programme (a region's own).
local function standard(id)
  local ok, std = pcall(require, module_name(id))
  return ok and as_made[std] or nil
end

--- Make p the programme this region runs under its id (replacing the standard one).
function M.use(p)
  if not is_programme[p] then fail(2, "use needs a programme") end
  used[p.id] = p
  return p
end

--- The programme this region runs for id: its own (M.use) or the stdlib's; nil, message if none.
function M.get(id)
  if used[id] then return used[id] end
  local name = module_name(id)
  local ok, p = pcall(require, name)
  if not ok then return nil, p end
  if not is_programme[p] then
    return nil, "module '" .. name .. "' does not return a programme"
  end
  return p
end

--- Where the programme a region runs for id asks less at step step_id than the standard one
-- (programmes/<id>.lua, as it was made): each blocking check of the standard step that the
-- region removed, made advisory or replaced by a check of its own, as { check, name, change =
-- "removed"|"advisory"|"replaced" }, in the standard order; { { change = "step" } } when the
-- standard programme has no such step (the region's own); an empty list when nothing departs
-- or the programme is the region's own (there is no standard to compare with).
function M.departures(id, step_id)
  local mine, made = M.get(id), standard(id)
  if not mine or not made then return {} end
  local base = made.steps[step_id]
  if not base then return { { change = "step" } } end
  local now = mine:find(step_id)
  local have = {}
  for _, c in ipairs(now and now.checks or {}) do have[c.id] = c end
  local out = {}
  for _, c in ipairs(base) do
    if c.severity == "blocking" then
      local h = have[c.id]
      local change = not h and "removed" or h.severity ~= "blocking" and "advisory"
        or h.run ~= c.run and "replaced" or nil
      if change then out[#out + 1] = { check = c.id, name = c.name, change = change } end
    end
  end
  return out
end

--- Whether fn is the run function of a check of the standard programme id as it was made (any
-- step): the engine runs every other check, a region's own, on its own view of the data.
function M.is_standard(id, fn)
  local made = standard(id)
  return made ~= nil and made.runs[fn] == true
end

--- The governance rules (may_advance, decision_valid, theme_regional) the programme a region
-- runs for id sets differently from the standard one as it was made: a sorted list of names;
-- empty for a programme of the region's own.
function M.own_rules(id)
  local mine, made = M.get(id), standard(id)
  if not mine or not made then return {} end
  local out = {}
  for name in pairs(RULES) do
    if mine.rules[name] ~= made.rules[name] then out[#out + 1] = name end
  end
  table.sort(out)
  return out
end

M.Programme = Programme
return M
