--- spil.checks: reusable readiness checks, one per common shape of precondition, so that a
-- region's rules read like the guidance itself. Each helper takes a table with at least
-- id, name and source (plus remedy and severity, optional) and returns a check for
-- spil.programme. Their findings name the subject (which municipality, which organisation)
-- and what to do. See docs/scripting.md for each helper with an example.
local P = require "spil.programme"
local E = require "spil.engine"
local D = require "spil.data"
local T = require "spil.messages"

local M = {}
local S = E.subject

-- ---- helpers over the data --------------------------------------------------------------

local active, index = D.active, D.index
M.active = active

--- The municipalities that take part (status member, or no status), in force today.
function M.members(ctx)
  local out = {}
  for _, m in ipairs(ctx:list("municipalities")) do
    if (m.status == nil or m.status == "member") and active(m, ctx.today) then out[#out + 1] = m end
  end
  return out
end

--- The gemeente organisation of municipality code, or nil.
function M.gemeente_of(ctx, code)
  return D.first(ctx:list("organisations"),
    function(o) return o.kind == "gemeente" and o.municipality == code end)
end

--- The ids of the organisations that sit in any of `bodies` (a list), as a set: with
-- `membership` ("member", "agenda", "advisory") only those seated so, else in any membership.
function M.seated(bodies, membership)
  local out = {}
  for _, b in ipairs(bodies) do
    for _, m in ipairs(b.members) do
      if not membership or m.membership == membership then out[m.organisation] = true end
    end
  end
  return out
end

--- Call fn(m, g) for each municipality m of `municipalities` (default: the members) whose
-- gemeente organisation g is not among `ids` (a set of organisation ids); g is nil when the
-- municipality has none.
function M.each_gemeente_outside(ctx, ids, fn, municipalities)
  for _, m in ipairs(municipalities or M.members(ctx)) do
    local g = M.gemeente_of(ctx, m.code)
    if not (g and ids[g.id]) then fn(m, g) end
  end
end

--- The first body of kind in the region, or nil (the one body_exists checks).
function M.body(ctx, kind)
  return D.first(ctx:list("bodies"), function(b) return b.kind == kind end)
end

--- The date `months` months before date (YYYY-MM-DD), clamped to the month's last day.
function M.months_before(date, months)
  local y, m, d = date:match("^(%d+)-(%d+)-(%d+)$")
  y, m, d = tonumber(y), tonumber(m) - months, tonumber(d)
  while m < 1 do m, y = m + 12, y - 1 end
  local last = os.date("*t", os.time { year = y, month = m + 1, day = 0, hour = 12 }).day
  return string.format("%04d-%02d-%02d", y, m, math.min(d, last))
end

local function list_of(v)
  if type(v) == "table" then return v end
  return { v }
end


-- An agreement being made: in draft or in consultation, within its dates.
local BEING_MADE = { draft = true, consultation = true }
local function being_made(a, today)
  return BEING_MADE[a.status] and active({ since = a.since, ["until"] = a["until"] }, today)
end

-- The agreements of kind in force (with drafts: also those being made, after those in force).
local function agreements_of_kind(ctx, kind, drafts)
  local out, later = {}, {}
  for _, a in ipairs(ctx:list("agreements")) do
    if a.kind == kind and active(a, ctx.today) then out[#out + 1] = a end
    if a.kind == kind and drafts and being_made(a, ctx.today) then later[#later + 1] = a end
  end
  for _, a in ipairs(later) do out[#out + 1] = a end
  return out
end

local function one_agreement(ctx, kind, remedy, drafts)
  local found = agreements_of_kind(ctx, kind, drafts)
  if #found > 0 then return found[1] end
  -- Say why: none at all, or none in force (a draft, ended, or not started yet).
  for _, a in ipairs(ctx:list("agreements")) do
    if a.kind == kind then
      local ended = a["until"] and a["until"] < ctx.today
      local vars = { agreement = a.title, ["until"] = a["until"], since = tostring(a.since),
        status = a.status and T.word("agreement.status", a.status) }
      local dated = ended or (a.since and a.since > ctx.today)
      ctx:finding { subject = S.agreement(a),
        missing = ended and T.t("checks.not_in_force_ended", vars)
          or dated and T.t("checks.not_in_force_starts", vars)
          or T.t("checks.not_in_force_status", vars),
        remedy = remedy or T.t(dated and "checks.renew" or "checks.not_in_force_status.do", vars) }
      return nil
    end
  end
  ctx:finding { missing = T.t("checks.no_agreement", { kind = kind }), subject = S.region(ctx.region),
    remedy = remedy or T.t("checks.no_agreement.do", { kind = kind }) }
  return nil
end

local function make(def, run)
  return P.check { id = def.id, name = def.name, source = def.source, remedy = def.remedy,
    severity = def.severity, holds = def.holds, run = run }
end

-- A check about the one agreement of def.kind in force (with drafts: or being made, which then
-- is a finding itself): run(ctx, a) with it, else the finding that says why there is none.
local function about_agreement(def, run, drafts)
  return make(def, function(ctx)
    local a = one_agreement(ctx, def.kind, def.remedy, drafts)
    if a and BEING_MADE[a.status] then
      local vars = { agreement = a.title, status = T.word("agreement.status", a.status) }
      ctx:finding { subject = S.agreement(a), missing = T.t("checks.still_draft", vars),
        remedy = T.t("checks.still_draft.do", vars) }
    end
    if a then run(ctx, a) end
  end)
end

-- ---- the helpers ------------------------------------------------------------------------

--- Every municipality of the region has a person in one of `roles` (or `role`) for it.
-- { id, name, source, role = "projectleider" | roles = {...} }
function M.role_per_municipality(def)
  local roles = list_of(def.roles or def.role)
  return make(def, function(ctx)
    local held = {}
    for _, r in ipairs(ctx:list("roles")) do
      if r.municipality and active(r, ctx.today) then
        for _, want in ipairs(roles) do
          if r.role == want then held[r.municipality] = true end
        end
      end
    end
    for _, m in ipairs(M.members(ctx)) do
      if not held[m.code] then
        ctx:finding { subject = S.municipality(m),
          missing = T.t("checks.no_role_for", { municipality = m.name, roles = T.list(roles) }),
          remedy = def.remedy or T.t("checks.no_role_for.do",
            { role = roles[1], municipality = m.name, code = m.code }) }
      end
    end
  end)
end

--- An agreement of `kind` is signed by every party the region invited, by every municipality
-- (when municipalities = true) and by at least one organisation of each of `kinds`.
-- A withdrawn signature undoes it. { id, name, source, kind, municipalities, kinds = {...} }
function M.agreement_signed(def)
  return about_agreement(def, function(ctx, a)
    if #a.parties == 0 then
      ctx:finding { subject = S.agreement(a), missing = T.t("checks.no_parties", { agreement = a.title }),
        remedy = T.t("checks.no_parties.do", { id = a.id }) }
    end
    local orgs = index(ctx:list("organisations"))
    -- A gemeente of a candidate municipality is not yet asked to sign.
    local candidate = {}
    for _, m in ipairs(ctx:list("municipalities")) do
      if m.status == "candidate" then candidate[m.code] = true end
    end
    local status = {}
    for _, party in ipairs(a.parties) do
      -- A signature dated after today is not there yet (recorded ahead, or a typo in the year).
      local later = party.status == "signed" and party.date and party.date > ctx.today
      status[party.organisation] = not later and party.status or nil
      local o = orgs[party.organisation]
      local waiting = o and o.kind == "gemeente" and candidate[o.municipality]
      if later then
        local o = o or { id = party.organisation }
        local vars = { org = o.name or o.id, agreement = a.title, date = party.date }
        ctx:finding { subject = S.organisation(o), missing = T.t("checks.signed_later", vars),
          remedy = def.remedy or T.t("checks.signed_later.do", vars) }
      elseif party.status ~= "signed" and not waiting then
        local o = orgs[party.organisation] or { id = party.organisation }
        local vars = { org = o.name or o.id, agreement = a.title,
          status = T.word("agreement_party.status", party.status) }
        local key = party.status == "withdrawn" and "checks.withdrew"
          or party.status == "declined" and "checks.declined" or "checks.not_signed"
        ctx:finding { subject = S.organisation(o), missing = T.t(key, vars),
          remedy = def.remedy or T.t("checks.not_signed.do", vars) }
      end
    end
    if def.municipalities and #M.members(ctx) == 0 then
      -- "every gemeente signed" must not hold of none: the agreement is one with the gemeenten.
      ctx:finding { subject = S.agreement(a),
        missing = T.t("checks.no_member_gemeente", { agreement = a.title }),
        remedy = T.t("checks.no_member_gemeente.do", { agreement = a.title }) }
    elseif def.municipalities then
      M.each_gemeente_outside(ctx, status, function(m, g)
        ctx:finding { subject = S.municipality(m),
          missing = T.t("checks.not_a_party", { municipality = m.name, agreement = a.title }),
          remedy = g and T.t("checks.invite.do", { gemeente = g.name, id = a.id })
            or T.t("checks.no_gemeente.do", { code = m.code }) }
      end)
    end
    for _, kind in ipairs(def.kinds or {}) do
      local any = false
      for id, st in pairs(status) do
        if st == "signed" and orgs[id] and orgs[id].kind == kind then any = true end
      end
      if not any then
        ctx:finding { subject = S.agreement(a),
          missing = T.t("checks.no_kind_signed", { kind = kind, agreement = a.title }),
          remedy = T.t("checks.no_kind_signed.do", { kind = kind }) }
      end
    end
  end, true)
end

--- An agreement of `kind` covers every one of `topics`. { id, name, source, kind, topics }
function M.agreement_covers(def)
  return about_agreement(def, function(ctx, a)
    local has = {}
    for _, t in ipairs(a.topics) do has[t] = true end
    for _, t in ipairs(def.topics) do
      if not has[t] then
        ctx:finding { subject = S.agreement(a),
          missing = T.t("checks.not_covered", { agreement = a.title, topic = t }),
          remedy = def.remedy or T.t("checks.not_covered.do", { topic = t, id = a.id }) }
      end
    end
  end)
end

--- A body of `kind` exists with full members of each of `member_kinds` and, when chair is
-- true, a chair. { id, name, source, kind, member_kinds = {...}, chair = true }
function M.body_exists(def)
  return make(def, function(ctx)
    local body = M.body(ctx, def.kind)
    if not body then
      ctx:finding { subject = S.region(ctx.region), missing = T.t("checks.no_body", { kind = def.kind }),
        remedy = def.remedy or T.t("checks.no_body.do", { kind = def.kind }) }
      return
    end
    local orgs = index(ctx:list("organisations"))
    local kinds, chair = {}, false
    for _, m in ipairs(body.members) do
      local o = orgs[m.organisation]
      if m.membership == "member" and o then kinds[o.kind] = true end
      if m["function"] == "chair" then chair = true end
    end
    local missing = {}
    for _, k in ipairs(def.member_kinds or {}) do
      if not kinds[k] then missing[#missing + 1] = k end
    end
    for _, k in ipairs(missing) do
      ctx:finding { subject = S.body(body),
        missing = T.t("checks.no_member_of_kind", { body = body.name, kind = k }),
        remedy = T.t("checks.no_member_of_kind.do", { kind = k, id = body.id }) }
    end
    if def.chair and not chair then
      ctx:finding { subject = S.body(body), missing = T.t("checks.no_chair", { body = body.name }),
        remedy = T.t("checks.no_chair.do", { id = body.id }) }
    end
  end)
end

--- Funding is agreed (status agreed or granted, in force) for every one of `purposes`.
-- { id, name, source, purposes = {...} }
function M.funding_agreed(def)
  local ok = { agreed = true, granted = true }
  return make(def, function(ctx)
    local covered = {}
    for _, f in ipairs(ctx:list("funding")) do
      -- an amount of 0 is no funding; an unrecorded amount is taken as given
      if ok[f.status] and active(f, ctx.today) and (f.amount == nil or f.amount > 0) then
        covered[f.purpose] = true
      end
    end
    for _, p in ipairs(def.purposes) do
      if not covered[p] then
        ctx:finding { subject = S.region(ctx.region),
          missing = T.t("checks.no_funding", { purpose = p }),
          remedy = def.remedy or T.t("checks.no_funding.do", { purpose = p }) }
      end
    end
  end)
end

--- Someone holds `role` for the region, in force; with formal = true every one who holds it
-- has a formal assignment (the role may be split over several people, each formally
-- assigned); with min_hours, they have at least min_hours hours a week between them.
-- { id, name, source, role, formal, min_hours }
function M.role_assigned(def)
  return make(def, function(ctx)
    local people = index(ctx:list("people"))
    local held, hours = {}, 0
    for _, r in ipairs(ctx:list("roles")) do
      if r.role == def.role and r.municipality == nil and active(r, ctx.today) then
        held[#held + 1] = r
        hours = hours + (r.hours or 0)
      end
    end
    if #held == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("checks.no_role", { role = def.role }),
        remedy = def.remedy or T.t("checks.no_role.do", { role = def.role }) }
      return
    end
    for _, r in ipairs(held) do
      local who = people[r.person] or { id = r.person }
      local vars = { person = who.name or who.id, role = def.role, region = ctx.region.id,
        id = who.id }
      if def.tasks and r.formal_assignment and not r.tasks
          and not M.assignment_document(ctx, r.person) then
        ctx:finding { subject = S.person(who), missing = T.t("checks.no_tasks", vars),
          remedy = T.t("checks.no_tasks.do", vars) }
      end
      if def.formal and not r.formal_assignment then
        ctx:finding { subject = S.person(who), missing = T.t("checks.not_formal", vars),
          remedy = T.t("checks.not_formal.do", vars) }
      end
    end
    if def.min_hours and hours < def.min_hours then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("checks.too_few_hours", { role = def.role, hours = tostring(hours),
          min = string.format("%d", def.min_hours) }),
        remedy = T.t("checks.too_few_hours.do", { role = def.role }) }
    end
  end)
end

--- The assignment document of a person: a document of kind
-- opdrachtbeschrijving naming them that is not a draft and not withdrawn, or nil.
function M.assignment_document(ctx, person)
  for _, d in ipairs(ctx:list("documents")) do
    if d.kind == "opdrachtbeschrijving" and d.person == person and d.status ~= "draft"
        and d.status ~= "withdrawn" then
      return d
    end
  end
  return nil
end

--- The region is linked to a collaboration, programme, policy or network of one of `kinds`,
-- in force today; with `role`, someone holding that role takes part in it.
-- { id, name, source, kinds = {...}, role, missing, remedy }
function M.linked(def)
  return make(def, function(ctx)
    local holders = {}
    for _, r in ipairs(ctx:list("roles")) do
      if r.role == def.role and active(r, ctx.today) then holders[r.person] = true end
    end
    for _, l in ipairs(ctx:list("links")) do
      for _, k in ipairs(def.kinds) do
        if l.kind == k and active(l, ctx.today) and (not def.role or holders[l.person]) then
          return
        end
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = def.missing or T.t(def.role and "checks.no_link_role" or "checks.no_link",
        { kinds = T.list(def.kinds), role = def.role }),
      remedy = def.remedy or T.t(def.role and "checks.no_link_role.do" or "checks.no_link.do",
        { kind = def.kinds[1], role = def.role }) }
  end)
end

--- A document of `kind` that is not withdrawn (with adopted = true: adopted) is recorded.
-- { id, name, source, kind, adopted, remedy }
function M.document_exists(def)
  return make(def, function(ctx)
    local draft
    for _, d in ipairs(ctx:list("documents")) do
      if d.kind == def.kind and d.status ~= "withdrawn" then
        if not def.adopted or d.status == "adopted" then return end
        draft = d
      end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = draft and T.t("checks.not_adopted", { title = draft.title,
          status = tostring(T.word("documents.status", draft.status)) })
        or T.t("checks.no_document", { kind = def.kind }),
      remedy = def.remedy or T.t(def.adopted and "checks.no_document_adopted.do"
        or "checks.no_document.do", { kind = def.kind }) }
  end)
end

--- Responsibilities are recorded for every one of `tasks` at `level` ("strategic",
-- "operational" or "both"). { id, name, source, tasks = {...}, level }
function M.responsibilities(def)
  local levels = def.level == "both" and { "strategic", "operational" } or { def.level }
  return make(def, function(ctx)
    local have = {}
    for _, r in ipairs(ctx:list("responsibilities")) do
      have[r.task:lower() .. "\0" .. r.level] = true
    end
    for _, task in ipairs(def.tasks) do
      for _, lvl in ipairs(levels) do
        if not have[task:lower() .. "\0" .. lvl] then
          ctx:finding { subject = S.region(ctx.region),
            missing = T.t("checks.no_responsible",
              { task = task, level = T.word("responsibilities.level", lvl) }),
            remedy = def.remedy or T.t("checks.no_responsible.do",
              { task = task, level = T.word("responsibilities.level", lvl) }) }
        end
      end
    end
  end)
end

--- The value of a named parameter of the programme being checked (a region sets it with
-- p:set_param in Lua or under programmes[].parameters in region.yaml), else `default`.
function M.param(ctx, name, default)
  local params = ctx.params or (ctx.programme and ctx.programme.params)
  local v = params and params[name]
  if v == nil then return default end
  return v
end

--- An evaluation of the collaboration took place within the last `months` months; with
-- `param`, the programme's parameter of that name gives the months (def.months the default).
-- { id, name, source, months = 12, param }
function M.evaluated_within(def)
  return make(def, function(ctx)
    local months = def.param and M.param(ctx, def.param, def.months) or def.months
    local since = M.months_before(ctx.today, months)
    for _, e in ipairs(ctx:list("evaluations")) do
      if e.date >= since and e.date <= ctx.today then return end
    end
    ctx:finding { subject = S.region(ctx.region),
      missing = T.t("checks.no_evaluation", { since = since }),
      remedy = def.remedy or T.t("checks.no_evaluation.do") }
  end)
end

-- The last day of a period: 2024 -> 2024-12-31, 2024Q3 -> 2024-09-30, 2024-07 -> 2024-07-31.
local function period_end(p)
  local y, q = p:match("^(%d%d%d%d)Q(%d)$")
  local m = q and tonumber(q) * 3
  if not y then y, m = p:match("^(%d%d%d%d)%-(%d%d)$") end
  if not y then return p:sub(1, 4) .. "-12-31" end
  m = tonumber(m)
  local last = os.date("*t", os.time { year = tonumber(y), month = m + 1, day = 0, hour = 12 }).day
  return string.format("%s-%02d-%02d", y, m, last)
end
M.period_end = period_end

--- Every indicator the region agreed (its 'indicators', adopted ones included) has a figure
-- for the region, its own or summed from its municipalities, for a period that ended in the
-- last `months` months. A suppressed figure counts: it was measured.
-- { id, name, source, months, param }
function M.measured_within(def)
  return make(def, function(ctx)
    local months = def.param and M.param(ctx, def.param, def.months) or def.months
    local since = M.months_before(ctx.today, months)
    local agreed = ctx:list("indicators")
    if #agreed == 0 then
      ctx:finding { subject = S.region(ctx.region),
        missing = T.t("checks.no_indicators"), remedy = T.t("checks.no_indicators.do") }
    end
    for _, i in ipairs(agreed) do
      -- The latest figure of any kind: a yearly figure counts as much as a quarterly one.
      local latest, latest_end
      for _, by in ipairs({ "year", "quarter", "month" }) do
        for _, f in ipairs(ctx:figures(i.code, nil, by)) do
          if (f.value ~= nil or f.suppressed) and (not latest_end or period_end(f.period) > latest_end) then
            latest, latest_end = f.period, period_end(f.period)
          end
        end
      end
      if not latest or latest_end < since then
        ctx:finding { subject = S.region(ctx.region),
          missing = T.t(latest and "checks.no_figures_after" or "checks.no_figures",
            { code = i.code, name = i.name or T.t("checks.unnamed_indicator"), latest = latest }),
          remedy = def.remedy or T.t("checks.no_figures.do", { months = string.format("%d", months) }) }
      end
    end
  end)
end

--- Names of the helpers, for documentation and the REPL.
M.helpers = { "role_per_municipality", "agreement_signed", "agreement_covers", "body_exists",
  "funding_agreed", "role_assigned", "responsibilities", "evaluated_within", "measured_within",
  "linked", "document_exists" }

return M
