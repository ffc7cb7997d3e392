--- spil.engine: runs a step's readiness checks over the region's data and collects findings.
-- A finding says what is missing, about which subject, how severe, what to do and which
-- guidance it comes from. A check that raises an error is itself a blocking finding that names
-- the file and line; it never passes silently. All findings come at once, never only the first.
local spil = require "spil"
local P = require "spil.programme"

local M = {}

local Ctx = {}
Ctx.__index = Ctx

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
  local list = self.findings
  list[#list + 1] = {
    check = c.id, missing = f.missing, subject = f.subject, severity = sev,
    remedy = f.remedy or c.remedy, source = f.source or c.source,
  }
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
  for _, r in ipairs(ctx:list("programmes")) do
    if r.programme == id then return r end
  end
  return nil
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

--- Run one check; returns { id, name, severity, source,
-- status = "pass"|"fail"|"advisory"|"error",
-- findings = {...} }.
function M.run_check(ctx, check)
  ctx.check, ctx.findings = check, {}
  local ok, err = pcall(check.run, ctx)
  local r = { id = check.id, name = check.name, severity = check.severity, source = check.source,
    findings = ctx.findings }
  if ok then
    -- "fail" when something blocks, "advisory" when every finding is advice.
    r.status = "pass"
    for _, f in ipairs(r.findings) do
      if f.severity == "blocking" then r.status = "fail"; break end
      r.status = "advisory"
    end
  else
    r.status = "error"
    r.findings = { {
      check = check.id, severity = "blocking", source = check.source,
      missing = "the check itself failed: " .. tostring(err),
      remedy = "fix the check's code (this is not a finding about the region's data)",
    } }
  end
  ctx.check, ctx.findings = nil, nil
  return r
end

--- Evaluate a step: every check, every finding. Returns a result { programme, step, name,
-- ready, blocking, advisory, checks = {...} }, or nil and a message. `with` (optional) replaces
-- sections of the region's data for this evaluation only: { decisions = {...} }.
function M.evaluate(programme_id, step_id, today, with)
  local ctx = M.context(today)
  for section, rows in pairs(with or {}) do ctx.cache[section] = rows end
  local p, st = M.resolve(ctx, programme_id, step_id)
  if not p then return nil, st end
  ctx.programme, ctx.step = p, st
  local res = { programme = p.id, step = st.id, name = st.name, checks = {}, blocking = 0,
    advisory = 0 }
  for i, check in ipairs(st.checks) do
    local r = M.run_check(ctx, check)
    res.checks[i] = r
    for _, f in ipairs(r.findings) do
      if f.severity == "blocking" then res.blocking = res.blocking + 1
      else res.advisory = res.advisory + 1 end
    end
  end
  res.ready = res.blocking == 0
  return res
end

--- The step to evaluate, for callers that run its checks one by one (spil check does, so a
-- check that hits a limit cannot take the others with it): { programme, step, name,
-- checks = { id, ... } }, or nil and a message.
-- step_info opens an evaluation: the checks evaluate_check then runs one by one, in the same
-- sandbox, share its reads of the data (each section is read once, not once per check).
local evaluation

function M.step_info(programme_id, step_id, today)
  local ctx = M.context(today)
  evaluation = ctx
  local p, st = M.resolve(ctx, programme_id, step_id)
  if not p then return nil, st end
  local ids = {}
  for i, c in ipairs(st.checks) do ids[i] = c.id end
  return { programme = p.id, step = st.id, name = st.name, checks = ids }
end

--- Run the check check_id of a step on its own: the result of M.run_check.
function M.evaluate_check(programme_id, step_id, check_id, today)
  local ctx = evaluation and evaluation.today == (today or evaluation.today) and evaluation
    or M.context(today)
  local p, st = M.resolve(ctx, programme_id, step_id)
  if not p then return nil, st end
  ctx.programme, ctx.step = p, st
  for _, c in ipairs(st.checks) do
    if c.id == check_id then return M.run_check(ctx, c) end
  end
  return nil, "step " .. st.id .. " has no check " .. tostring(check_id)
end

--- The governance part of advancing, after the checks passed: { allowed, reason, from, to }.
function M.advance_rule(programme_id, person, today)
  local G = require "spil.governance"
  local ctx = M.context(today)
  local p, st = M.resolve(ctx, programme_id, nil)
  if not p then return nil, st end
  ctx.programme, ctx.step = p, st
  local plan = { from = st.id, allowed = false }
  local ok, why = G.rule(p, "may_advance")(ctx, person, p, st)
  local nxt = p:next(st.id)
  if not ok then
    plan.reason = why or (tostring(person) .. " may not advance " .. p.id)
  elseif not nxt then
    plan.reason = string.format("step %s is the last step of %s", st.id, p.id)
  else
    plan.allowed, plan.to = true, nxt.id
  end
  return plan
end

--- Whether `person` may leave the current step of programme_id now: { allowed, reason, from,
-- to, result }, where result is the evaluation of the current step (see M.evaluate). Blocking
-- findings refuse first, then the governance rule may_advance, then the end of the programme.
function M.plan_advance(programme_id, person, today)
  local G = require "spil.governance"
  local ctx = M.context(today)
  local p, st = M.resolve(ctx, programme_id, nil)
  if not p then return nil, st end
  local res = M.evaluate(programme_id, st.id, today)
  local plan = { from = st.id, result = res, allowed = false }
  local nxt = p:next(st.id)
  if not res.ready then
    plan.reason = string.format("step %s has %d blocking finding%s", st.id, res.blocking,
      res.blocking == 1 and "" or "s")
    return plan
  end
  local ok, why = G.rule(p, "may_advance")(ctx, person, p, st)
  if not ok then
    plan.reason = why or (tostring(person) .. " may not advance " .. p.id)
    return plan
  end
  if not nxt then
    plan.reason = string.format("step %s is the last step of %s", st.id, p.id)
    return plan
  end
  plan.allowed, plan.to = true, nxt.id
  return plan
end

return M
