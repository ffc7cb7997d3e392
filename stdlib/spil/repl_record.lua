--- spil.repl_record: the REPL's recorders sign(), assign(), fund() and decide(), as the CLI's
-- commands of those names: their arguments and options (the CLI's, as a table; any other key
-- is refused, never ignored) to rows for the native record (core/repl_natives.c, which
-- validates them like region.yaml and logs them, inside begin() when one is open).
-- Does not: validate or write the rows (core/repl_natives.c and core/record.c do).
local R = {}

-- A value as the text a row's field holds (booleans as true/false).
local function text(v)
  if v == nil then return nil end
  return type(v) == "boolean" and (v and "true" or "false") or tostring(v)
end

local function row(table_name, fields)
  local r = { table = table_name }
  for k, v in pairs(fields) do r[k] = text(v) end
  return r
end

-- The options each recorder takes (the CLI's): any other key is refused, never ignored.
local OPTIONS = {
  sign = { "status", "date", "signatory", "reason" },
  assign = { "municipality", "hours", "since", "until", "formal", "tasks", "mandate", "focus",
    "reviewed", "reason" },
  fund = { "source", "purpose", "amount", "funder", "theme", "since", "until", "status", "reason" },
  decide = { "body", "organisation", "organ", "topic", "subject", "kind", "outcome", "date",
    "positions", "reason" },
}

-- o (nil or a table of options) checked against what's options; the caller's caller is blamed.
local function opts_of(o, what)
  if o ~= nil and type(o) ~= "table" then
    error("bad argument to '" .. what .. "' (a table of options expected)", 3)
  end
  for k in pairs(o or {}) do
    local known = false
    for _, name in ipairs(OPTIONS[what]) do known = known or k == name end
    if not known then
      error(string.format("%s: unknown option '%s' (options: %s)", what, tostring(k),
        table.concat(OPTIONS[what], ", ")), 3)
    end
  end
  return o or {}
end

--- Put the recorders into the session's globals env; native.record writes, S.today dates.
function R.install(env, S, native)
  function env.sign(agreement, organisation, o)
    o = opts_of(o, "sign")
    -- A new status is dated today unless o.date says otherwise; signing again keeps the date.
    return native.record("sign", { row("agreement_party", { agreement = agreement,
      organisation = organisation, status = o.status or "signed", date = o.date,
      ["default.date"] = S.today, renew = "status", signatory = o.signatory }) }, o.reason)
  end

  function env.assign(person, role, o)
    o = opts_of(o, "assign")
    return native.record("assign", { row("role_assignment", { person = person, role = role,
      municipality = o.municipality, hours = o.hours, since = o.since, ["until"] = o["until"],
      formal_assignment = o.formal, tasks = o.tasks, mandate = o.mandate, focus = o.focus,
      reviewed = o.reviewed }) }, o.reason)
  end

  function env.fund(id, o)
    o = opts_of(o, "fund")
    return native.record("fund", { row("funding", { id = id, source = o.source,
      purpose = o.purpose, amount = o.amount, funder = o.funder, theme = o.theme, since = o.since,
      ["until"] = o["until"], status = o.status }) }, o.reason)
  end

  function env.decide(id, o)
    o = opts_of(o, "decide")
    local rows = { row("decision", { id = id, body = o.body, organisation = o.organisation,
      organ = o.organ, topic = o.topic, subject = o.subject, kind = o.kind, outcome = o.outcome,
      date = o.date, ["default.date"] = S.today }) }
    for org, pos in pairs(o.positions or {}) do
      local position, rest = tostring(pos):match("^([^+]*)(.*)$")
      local ok, mandate = pcall(native.mandate, rest)
      if not ok then error(mandate, 2) end
      rows[#rows + 1] = row("decision_position", { decision = id, organisation = org,
        position = position, mandate = mandate })
    end
    return native.record("decide", rows, o.reason)
  end
end

return R
