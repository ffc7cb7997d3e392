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

--- Fail unless the result has a finding matching want; returns it.
function M.finding(result, want)
  local found = M.findings(result, want)[1]
  if not found then
    local parts = {}
    for k, v in pairs(want) do parts[#parts + 1] = k .. "=" .. tostring(v) end
    table.sort(parts)
    error("expected a finding with " .. table.concat(parts, ", "), 2)
  end
  return found
end

--- Fail unless the step is not ready and has a blocking finding matching want, with a remedy
-- and a source that contains `cites` (the citation the guidance asks for); returns it.
function M.blocks(result, want, cites)
  if result.ready then error("expected step " .. result.step .. " not ready", 2) end
  want.severity = "blocking"
  local f = M.findings(result, want)[1]
  if not f then error("expected a blocking finding of " .. tostring(want.check), 2) end
  if type(f.remedy) ~= "string" or #f.remedy == 0 then
    error("expected a remedy for " .. tostring(want.check), 2)
  end
  if not (f.source and f.source:find(cites, 1, true)) then
    error("expected " .. tostring(want.check) .. " to cite " .. cites .. ": " .. tostring(f.source), 2)
  end
  return f
end

--- Fail unless the result has an advisory finding matching want and the step is still ready.
function M.advises(result, want)
  want.severity = "advisory"
  if not M.findings(result, want)[1] then
    error("expected an advisory finding of " .. tostring(want.check), 2)
  end
  if not result.ready then error("expected advice not to block step " .. result.step, 2) end
end

--- Fail if the result has a finding matching want.
function M.no_finding(result, want)
  local found = M.findings(result, want)[1]
  if found then error("expected no finding like: " .. found.missing, 2) end
end

--- The status of one check in a result ("pass", "fail" or "error").
function M.status(result, check_id)
  for _, c in ipairs(result.checks) do
    if c.id == check_id then return c.status end
  end
  error("the result has no check '" .. tostring(check_id) .. "'", 2)
end

return M
