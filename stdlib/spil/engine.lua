--- spil.engine: runs a step's readiness checks over the region's data and collects findings.
-- A finding says what is missing, about which subject, how severe, what to do and which
-- guidance it comes from. A check that raises an error is itself a blocking finding that names
-- the file and line; it never passes silently. All findings come at once, never only the first.
-- A check the standard programme does not have runs on its own view of the data (own_view).
local spil = require "spil"
local P = require "spil.programme"
local D = require "spil.data"
local T = require "spil.messages"

local M = {}

local Ctx = {}
Ctx.__index = Ctx
Ctx.__metatable = false -- region code may not reach the methods every check relies on

--- A context for checks: the region, its data (each section read once), today's date.
function M.context(today)
  return setmetatable({ region = spil.region(), today = today or os.date("!%Y-%m-%d"),
    cache = {} }, Ctx)
end

-- An indicator the region adopted by its code alone gets the catalogue's fields, and
-- adopted = true, so checks see every agreed indicator whole.
local function complete_indicators(rows)
  local catalogue
  for _, row in ipairs(rows) do
    if row.name == nil and row.source == nil then
      if not catalogue then
        catalogue = {}
        for _, c in ipairs(spil.catalogue()) do catalogue[c.code] = c end
      end
      for k, v in pairs(catalogue[row.code] or {}) do
        if row[k] == nil then row[k] = v end
      end
      row.adopted = true
    end
  end
  return rows
end

--- A section of the region's data ("organisations", "bodies", ...), read once per context.
function Ctx:list(section)
  local rows = self.cache[section]
  if not rows then
    local read = spil[section]
    if type(read) ~= "function" then error("no section '" .. tostring(section) .. "'", 2) end
    rows = read()
    if section == "indicators" then complete_indicators(rows) end
    self.cache[section] = rows
  end
  return rows
end

--- The figures of an indicator for an area of the region (default: the region itself), oldest
-- first: { period, value, numerator, denominator, suppressed, covered, members, left_out },
-- read once. by: "year", "quarter" or "month" (default: the kind with the most figures).
function Ctx:figures(code, area, by)
  area = area or self.region.id
  local key = "figures\0" .. code .. "\0" .. area .. "\0" .. (by or "")
  local rows = self.cache[key]
  if not rows then
    rows = spil.figures(code, area, by)
    self.cache[key] = rows
  end
  return rows
end

--- Report what is missing: { missing = text, subject = subject or nil, remedy = text,
-- severity = "blocking"|"advisory", source = text }; severity, remedy and source default to
-- the check's own.
function Ctx:finding(f)
  if type(f) ~= "table" or type(f.missing) ~= "string" then
    error("finding needs 'missing' (a text saying what is missing)", 2)
  end
  local c = self.check
  local sev = f.severity or c.severity
  if sev ~= "blocking" and sev ~= "advisory" then
    error("finding: severity must be 'blocking' or 'advisory', not '" .. tostring(sev) .. "'", 2)
  end
  local s = f.subject
  if s ~= nil then
    if type(s) ~= "table" or type(s.kind) ~= "string" or type(s.id) ~= "string" then
      error("finding: subject must be { kind = text, id = text, name = text }, as "
        .. "spil.engine.subject.organisation(o) makes", 2)
    end
    s = { kind = s.kind, id = s.id, name = type(s.name) == "string" and s.name or nil }
  end
  local list = self.findings
  list[#list + 1] = {
    check = c.id, missing = f.missing, subject = s, severity = sev,
    remedy = f.remedy or c.remedy, source = f.source or c.source,
  }
end

--- Run fn(ctx) and return the findings it reports, without reporting them; ctx:keep(list)
-- reports them after all. For a check that tries alternatives and speaks only when none is met
-- (any form of regional agreement will do). An error in fn is the check's own, as always.
function Ctx:tried(fn)
  local outer = self.findings
  self.findings = {}
  fn(self)
  local got = self.findings
  self.findings = outer
  return got
end

function Ctx:keep(list)
  for _, f in ipairs(list) do self.findings[#self.findings + 1] = f end
end

--- Say that this check cannot be judged yet because check_id, another check of the same step,
-- reports what it needs (there is no kartrekker, so no kartrekker's hours to check). Call it
-- where the check would otherwise return having found nothing, and return: the check's status
-- is "waiting" ("nog niet te beoordelen: eerst <check>"). A waiting check adds no finding of its
-- own, so the region runtime holds it to this (eval_finish): check_id must report something
-- missing, and for a blocking check a blocking finding; else the waiting check reports, at its
-- own severity, that it cannot be judged (ready must mean ready). docs/scripting.md.
-- (Its errors name the check, not a line: `return ctx:waits_for(...)` is a tail call, which
-- leaves no caller's line to name.)
function Ctx:waits_for(check_id)
  if not self.check then error("waits_for is for a check's run (ctx:waits_for inside run)", 2) end
  local me = "check '" .. self.check.id .. "': waits_for"
  if type(check_id) ~= "string" then
    error(me .. " needs the id of a check of the same step (a text)", 0)
  end
  if check_id == self.check.id then error(me .. ": a check cannot wait for itself", 0) end
  local known
  for _, c in ipairs(self.step and self.step.checks or {}) do
    if c.id == check_id then known = true end
  end
  if not known then error(me .. ": step " .. self.step.id .. " has no check '" .. check_id .. "'", 0) end
  self.waits = check_id
end

--- Say that this check does not apply to the region, and why: its requirement holds only under
-- a condition the region does not meet (the guidance's "indien aangesteld": there are no local
-- projectleiders to agree with). Call it where the check would otherwise return having found
-- nothing, and return: the check's status is "not_applicable" ("n.v.t.: <reason>"), neither
-- passed nor failed; it never blocks. Only for a requirement the guidance itself makes
-- conditional: a check that must fail when something is absent reports a finding (ready must
-- mean ready). An n/a check adds no finding and does not wait. docs/scripting.md.
function Ctx:not_applicable(reason)
  if not self.check then
    error("not_applicable is for a check's run (ctx:not_applicable inside run)", 2)
  end
  if type(reason) ~= "string" or not reason:find("%S") then
    error("check '" .. self.check.id .. "': not_applicable needs the reason (a text saying "
      .. "why the requirement does not apply)", 0)
  end
  self.not_applicable_reason = reason
end

--- Subjects: what a finding is about, as { kind, id, name }.
M.subject = {}
function M.subject.municipality(m)
  return { kind = "municipality", id = m.code, name = m.name or m.code }
end
function M.subject.organisation(o)
  return { kind = "organisation", id = o.id, name = o.name or o.id }
end
function M.subject.person(p)
  return { kind = "person", id = p.id, name = p.name or p.id }
end
function M.subject.body(b) return { kind = "body", id = b.id, name = b.name or b.id } end
function M.subject.agreement(a) return { kind = "agreement", id = a.id, name = a.title or a.id } end
function M.subject.theme(t) return { kind = "theme", id = t.id, name = t.name or t.id } end
function M.subject.decision(d)
  return { kind = "decision", id = d.id, name = d.subject or d.id }
end
function M.subject.region(r) return { kind = "region", id = r.id, name = r.name or r.id } end

--- The region's run of programme id: { programme, step, since, history }, or nil.
function M.run_of(ctx, id)
  return D.first(ctx:list("programmes"), function(r) return r.programme == id end)
end

--- The programme, the step to check (step_id, else the region's current step, else the first)
-- and the region's run; or nil and a message.
function M.resolve(ctx, programme_id, step_id)
  local p, err = P.get(programme_id)
  if not p then return nil, err end
  local run = M.run_of(ctx, programme_id)
  local id = step_id or (run and run.step)
  if not id then
    local first = p:steps()[1]
    id = first and first.step.id
  end
  local st = id and p:find(id)
  if not st then
    local ids = {}
    for _, s in ipairs(p:steps()) do ids[#ids + 1] = s.step.id end
    return nil, string.format("programme '%s' has no step '%s' (steps: %s)", p.id, tostring(id),
      table.concat(ids, ", "))
  end
  return p, st, run
end

--- The parameters a step is checked with: the programme's defaults, then what the region's Lua
-- set (p:set_param), then what its region.yaml sets under programmes[].parameters, which wins.
-- Returns params, overrides (a list of { name, value, default, by = "lua"|"region.yaml" }, sorted
-- by name) or nil and a message naming an unknown parameter.
function M.parameters(ctx, p)
  local params, by = {}, {}
  for k, v in pairs(p.params) do
    params[k] = v
    if v ~= p.defaults[k] then by[k] = "lua" end
  end
  local run = M.run_of(ctx, p.id)
  for _, row in ipairs(run and run.parameters or {}) do
    if p.params[row.name] == nil then
      local names = {}
      for k in pairs(p.params) do names[#names + 1] = k end
      table.sort(names)
      return nil, string.format("programme '%s' has no parameter '%s' (parameters: %s)",
        p.id, row.name, #names > 0 and table.concat(names, ", ") or "none"), row.name
    end
    if row.value < 1 then
      return nil, string.format("parameter '%s' of '%s' must be at least 1, not %d",
        row.name, p.id, row.value), row.name
    end
    params[row.name], by[row.name] = row.value, "region.yaml"
  end
  local overrides = {}
  for k, how in pairs(by) do
    if params[k] ~= p.defaults[k] then
      overrides[#overrides + 1] = { name = k, value = params[k], default = p.defaults[k], by = how }
    end
  end
  table.sort(overrides, function(a, b) return a.name < b.name end)
  return params, overrides
end

-- What fn(ctx, run, p) first returns (its first value not nil) over the region's runs whose
-- programme p is known; nil when it returns nothing for every one. The checks at load use it.
local function first_of_runs(fn)
  local ctx = M.context()
  for _, run in ipairs(ctx:list("programmes")) do
    local p = P.get(run.programme)
    if p then
      local found = table.pack(fn(ctx, run, p))
      if found[1] ~= nil then return table.unpack(found, 1, found.n) end
    end
  end
  return nil
end

--- At load: the first parameter of region.yaml that a programme does not declare, as message,
-- programme and parameter name; nil when all are known.
function M.check_parameters()
  return first_of_runs(function(ctx, run, p)
    local ok, why, name = M.parameters(ctx, p)
    if not ok then return why, run.programme, name end
  end)
end

--- At load: the nth (default the first) step of region.yaml (a run's current step, or one of
-- its history) that its programme, as the region's Lua leaves it, does not have: the
-- programme, the step, the programme's step ids (a list) and where ("step" or "history"); nil
-- when there are fewer. The loader asks for the first, the second, ... so it names them all.
function M.check_steps(nth)
  nth = tonumber(nth) or 1
  local ctx = M.context()
  for _, run in ipairs(ctx:list("programmes")) do
    local p = P.get(run.programme)
    if p then
      local ids
      local function wrong(step, where)
        nth = nth - 1
        if nth > 0 then return nil end
        ids = {}
        for _, s in ipairs(p:steps()) do ids[#ids + 1] = s.step.id end
        return run.programme, step, ids, where
      end
      if run.step and not p:find(run.step) then
        local a, b, c, d = wrong(run.step, "step")
        if a then return a, b, c, d end
      end
      for _, h in ipairs(run.history or {}) do
        if not p:find(h.step) then
          local a, b, c, d = wrong(h.step, "history")
          if a then return a, b, c, d end
        end
      end
    end
  end
  return nil
end

-- The context a region's own check runs on: the same region, day, programme, step and
-- parameters, but its own copies of them and of the data (read afresh, or copied from the
-- sections `with` replaced). What such a check does to the rows it reads stays with it: the
-- standard checks that run after it see the region's data as it is.
local function own_view(ctx)
  local v = setmetatable({ region = D.copy(ctx.region), today = ctx.today, cache = {},
    programme = ctx.programme, step = ctx.step, params = D.copy(ctx.params),
    with = ctx.with }, Ctx)
  for section, rows in pairs(ctx.with or {}) do v.cache[section] = D.copy(rows) end
  return v
end

--- Run one check: { id, name, severity, source, status = "pass"|"fail"|"advisory"|"waiting"|
-- "not_applicable", waits_for = check id (when waiting), reason = text (when not applicable),
-- findings = {...} }. An error in the check is not caught
-- here: the region runtime (C) turns it into the one blocking finding "the check itself failed:
-- file:line: ..." and runs the next check in a fresh sandbox.
function M.run_check(ctx, check)
  local shared = ctx
  if ctx.programme and not P.is_standard(ctx.programme.id, check.run) then ctx = own_view(ctx) end
  ctx.check, ctx.findings, ctx.waits, ctx.not_applicable_reason = check, {}, nil, nil
  check.run(ctx)
  local r = { id = check.id, name = check.name, severity = check.severity, source = check.source,
    findings = ctx.findings, status = "pass" }
  -- "fail" when something blocks, "advisory" when every finding is advice.
  for _, f in ipairs(r.findings) do
    if f.severity == "blocking" then r.status = "fail"; break end
    r.status = "advisory"
  end
  if ctx.waits then
    if #r.findings > 0 then
      error("check '" .. check.id .. "' waits for '" .. ctx.waits .. "' and adds findings: "
        .. "a waiting check adds none", 0)
    end
    r.status, r.waits_for = "waiting", ctx.waits
  end
  local na = ctx.not_applicable_reason
  if na then
    if #r.findings > 0 or ctx.waits then
      error("check '" .. check.id .. "' does not apply and "
        .. (ctx.waits and "waits for '" .. ctx.waits .. "'" or "adds findings")
        .. ": a check that does not apply does neither", 0)
    end
    r.status, r.reason = "not_applicable", na
  end
  ctx.check, ctx.findings, ctx.waits, ctx.not_applicable_reason = nil, nil, nil, nil
  shared.check, shared.findings, shared.waits, shared.not_applicable_reason = nil, nil, nil, nil
  return r
end

-- A context on the programme's step (the current one when step_id is nil) with its parameters:
-- ctx and the parameters the region set in place of the defaults; or nil and a message.
local function on_step(programme_id, step_id, today, with)
  local ctx = M.context(today)
  ctx.with = with
  for section, rows in pairs(with or {}) do ctx.cache[section] = rows end
  local p, st = M.resolve(ctx, programme_id, step_id)
  if not p then return nil, st end
  ctx.programme, ctx.step = p, st
  local params, overrides = M.parameters(ctx, p)
  if not params then return nil, overrides end
  ctx.params = params
  return ctx, overrides
end

--- Open the evaluation of a step: the context its checks share (each section of the data is
-- read once, whichever check asks first) and what to run: ctx, { programme, step, name,
-- checks = { { id, name, source }, ... } }; or nil and a message. `with` (optional) replaces sections of the
-- region's data for this evaluation only: { decisions = {...} }. The region runtime (C) runs
-- the checks one by one with M.run, so a check that hits a limit cannot take the others with it.
function M.open(programme_id, step_id, today, with)
  local ctx, why = on_step(programme_id, step_id, today, with)
  if not ctx then return nil, why end
  local p, st = ctx.programme, ctx.step
  local ids = {}
  -- The checks as they are now, before any runs: a check cannot change what runs after it.
  ctx.runs = {}
  for i, c in ipairs(st.checks) do
    ids[i] = { id = c.id, name = c.name, source = c.source }
    ctx.runs[c.id] = { id = c.id, name = c.name, source = c.source, remedy = c.remedy,
      severity = c.severity, holds = c.holds, run = c.run }
  end
  return ctx, { programme = p.id, step = st.id, name = st.name, checks = ids,
    departures = P.departures(p.id, st.id) }
end

--- Run the check check_id of the step ctx was opened on: the result of M.run_check.
function M.run(ctx, check_id)
  local c = ctx.runs and ctx.runs[check_id]
  if c then return M.run_check(ctx, c) end
  error("step " .. ctx.step.id .. " has no check " .. tostring(check_id))
end

--- The governance verdict on decision `id` under the decision_valid rule of each programme the
-- region runs (its own rule where it set one): a list of { programme, valid, reasons, counted,
-- present, pending }, or nil and a message. spil decide prints it after recording.
function M.decision_verdict(id, today)
  local G = require "spil.governance"
  local ctx = M.context(today)
  local decision
  for _, d in ipairs(ctx:list("decisions")) do
    if d.id == id then decision = d end
  end
  if not decision then return nil, "no decision '" .. tostring(id) .. "'" end
  local out = {}
  for _, run in ipairs(ctx:list("programmes")) do
    local p = P.get(run.programme)
    if p then
      ctx.programme = p
      local ok, reasons, outcome = G.rule(p, "decision_valid")(ctx, decision)
      outcome = outcome or {}
      local own = decision.organisation ~= nil and decision.body == nil
      out[#out + 1] = { programme = p.id, valid = ok == true,
        reasons = reasons or {}, own = own,
        counted = not own and outcome.counted or nil, present = not own and outcome.present or nil,
        pending = outcome.pending or {} }
    end
  end
  return out
end

--- The governance part of advancing, after the checks passed: { allowed, reason, from, to }.
-- The region runtime (C) calls it; the checks themselves it runs as spil check does.
function M.advance_rule(programme_id, person, today)
  local G = require "spil.governance"
  local ctx, overrides = on_step(programme_id, nil, today)
  if not ctx then return nil, overrides end
  local p, st = ctx.programme, ctx.step
  -- What the region decided in place of the guidance's defaults, for the advance's event.
  local plan = { from = st.id, allowed = false, parameters = overrides,
    rules = P.own_rules(p.id) }
  local ok, why = G.rule(p, "may_advance")(ctx, person, p, st)
  local nxt = p:next(st.id)
  if ok ~= true then -- only a literal true allows: "nee", 1 or a table from a rule is no yes
    plan.reason = why or T.t("engine.may_not_advance", { person = tostring(person), programme = p.id })
  elseif not nxt then
    plan.reason = T.t("engine.last_step", { step = st.id, programme = p.id })
  else
    plan.allowed, plan.to = true, nxt.id
  end
  return plan
end

return M
