--- spil.repl_check: the REPL's check(), status() and explain(): what `spil check` and `spil
-- status` say, as objects that print it (spil.runtime evaluates, as the commands do).
-- Owns: their texts in Dutch and English (spil.messages), which programmes and step check()
-- asks for, the findings numbered in the order printed (S.last keeps them for explain(n)),
-- the status of every programme a region runs (or the regions, without one), and explaining a
-- finding or a check (its step, severity, remedy, source; the subject's row from the data).
-- Does not: decide what a check finds (spil.engine does), print (C does).
local spil = require "spil"
local T = require "spil.messages"
local V = require "spil.repl_show"

local K = {}

-- What check() and status() print, in Dutch and English (spil.messages), as spil check and
-- spil status do.
T.define {
  nl = {
    ["repl.result"] = "{programme}, stap {step} ({name})",
    ["repl.mark.ok"] = "ok     ", ["repl.mark.fail"] = "NIET OK", ["repl.mark.warn"] = "LET OP ",
    ["repl.mark.waiting"] = "WACHT  ", ["repl.mark.not_applicable"] = "NVT    ",
    ["repl.check_failed"] = " (de controle zelf faalde)",
    ["repl.not_applicable"] = " (n.v.t.: {reason})",
    ["repl.not_applicable_one"] = "{n} controle is niet van toepassing op de regio (n.v.t.: de reden staat erbij).",
    ["repl.not_applicable_many"] = "{n} controles zijn niet van toepassing op de regio (n.v.t.: de reden staat erbij).",
    ["repl.waits_for"] = " (nog niet te beoordelen: eerst '{check}')",
    ["repl.waiting_one"] = "{n} controle is nog niet te beoordelen: eerst moet de controle waar ze op wacht voldaan zijn.",
    ["repl.waiting_many"] = "{n} controles zijn nog niet te beoordelen: eerst moeten de controles waar ze op wachten voldaan zijn.",
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
    ["repl.mark.waiting"] = "wait", ["repl.mark.not_applicable"] = "n/a ",
    ["repl.check_failed"] = " (the check failed)",
    ["repl.not_applicable"] = " (n/a: {reason})",
    ["repl.not_applicable_one"] = "{n} check does not apply to the region (n/a: the reason is beside it).",
    ["repl.not_applicable_many"] = "{n} checks do not apply to the region (n/a: the reason is beside each).",
    ["repl.waits_for"] = " (cannot be judged yet: first '{check}')",
    ["repl.waiting_one"] = "{n} check cannot be judged until the check it waits for is met.",
    ["repl.waiting_many"] = "{n} checks cannot be judged until the checks they wait for are met.",
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

local function result_summary(r)
  return string.format("<check %s/%s: %s>", r.programme, r.step,
    r.ready and "ready" or r.blocking .. " blocking")
end

--- A check result (spil.engine.evaluate) as `spil check` prints it, findings numbered from
-- `first` in the order printed; res.findings lists them in that order.
-- 1 blocking, 2 advisory, 3 waiting for another check, 4 passed, 5 not applicable: the order
-- printed.
local function rank(c)
  if c.status == "not_applicable" then return 5 end
  if c.status == "pass" then return 4 end
  if c.status == "waiting" then return 3 end
  for _, f in ipairs(c.findings) do
    if f.severity == "blocking" then return 1 end
  end
  return 2
end
local MARKS = { "repl.mark.fail", "repl.mark.warn", "repl.mark.waiting", "repl.mark.ok",
  "repl.mark.not_applicable" }

local function number_findings(res, first)
  res.findings = {}
  local n = first
  for r = 1, #MARKS do
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
  for r = 1, #MARKS do
    for _, c in ipairs(res.checks) do
      if rank(c) == r then
        out[#out + 1] = string.format("%s %s  %s%s", T.t(MARKS[r]), c.id, c.name or "",
          c.status == "error" and T.t("repl.check_failed")
            or c.status == "waiting"
              and T.t("repl.waits_for", { check = c.waits_for_name or c.waits_for })
            or c.status == "not_applicable"
              and T.t("repl.not_applicable", { reason = tostring(c.reason) }) or "")
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
  -- How many wait or do not apply, then the verdict, last (as spil check).
  if (res.waiting or 0) > 0 then
    out[#out + 1] = T.t(res.waiting == 1 and "repl.waiting_one" or "repl.waiting_many",
      { n = string.format("%d", res.waiting) })
  end
  if (res.not_applicable or 0) > 0 then
    out[#out + 1] = T.t(res.not_applicable == 1 and "repl.not_applicable_one"
      or "repl.not_applicable_many", { n = string.format("%d", res.not_applicable) })
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

--- Put check(), status() and explain() into the session's globals env. S: the session (its
-- region, today, last findings, need_region(what) and programmes()).
function K.install(env, S)
  function env.status()
    if not S.region then
      local rows = env.regions()
      return V.report("regions", { regions = rows }, function()
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
    local st = V.report("status", { region = region, municipalities = ms, programmes = {} })
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
        V.wrap(T.t("repl.municipalities", { n = string.format("%d", #ms) }),
          table.concat(names, ", "), V.width, "    ") }
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
    S.need_region("check()")
    local RT = require "spil.runtime" -- what spil check runs
    local P = require "spil.programme"
    local runs = S.programmes()
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
      list[#list + 1] = V.report("check result", res, result_text, result_summary)
    end
    local all = {}
    for _, r in ipairs(list) do
      for _, f in ipairs(r.findings) do all[#all + 1] = f end
    end
    S.last = all
    if #list == 1 then return list[1] end
    return V.report("check results", list, results_text)
  end

  --- The row a finding's subject names, looked up in the data.
  local function subject_row(s)
    if type(s) ~= "table" then return nil end
    if s.kind == "region" then return spil.region() end
    local section = V.SECTION[s.kind]
    if not section or not spil[section] then return nil end
    for _, row in ipairs(spil[section]()) do
      if row.id == s.id or row.code == s.id then return V.tag(s.kind, row) end
    end
    return nil
  end

  --- The check with this id in the region's programmes: check, the step that declares it
  -- (it holds from there on), programme.
  local function find_check(id)
    local P = require "spil.programme"
    for _, pid in ipairs(S.programmes()) do
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
    out[#out + 1] = V.wrap("  missing:  ", tostring(f.missing), V.width, "            ")
    local s = f.subject
    if type(s) == "table" then
      out[#out + 1] = string.format("  about:    %s %s (%s)", tostring(s.kind), tostring(s.id),
        tostring(s.name))
    end
    out[#out + 1] = "  severity: " .. tostring(f.severity) .. (f.severity == "blocking"
      and " (the step cannot be left while it stands)" or " (reported, never blocks)")
    if f.remedy then out[#out + 1] = V.wrap("  do:       ", f.remedy, V.width, "            ") end
    if f.source then out[#out + 1] = V.wrap("  source:   ", f.source, V.width, "            ") end
    local row = subject_row(s)
    if row then
      out[#out + 1] = "  the subject in the data:"
      out[#out + 1] = "    " .. V.render(row, 2, 4)
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
    if c.remedy then out[#out + 1] = V.wrap("  do:       ", c.remedy, V.width, "            ") end
    if c.source then out[#out + 1] = V.wrap("  source:   ", c.source, V.width, "            ") end
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
    S.need_region("explain()")
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
      return V.report("explanation", { check = x }, function() return text end)
    end
    if type(f) == "table" and f.status and f.findings and f.id then   -- a check's result
      local text = explain_check(f.id)
      return V.report("explanation", { check = f.id }, function() return text end)
    end
    if type(f) ~= "table" or type(f.missing) ~= "string" then
      error("bad argument #1 to 'explain' (a finding, its number in the last check(), or a " ..
        "check id expected)", 2)
    end
    local text = explain_finding(f)
    return V.report("explanation", { finding = f }, function() return text end)
  end
end

return K
