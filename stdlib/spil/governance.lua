--- spil.governance: the common governance rules. A rule decides whether an action is valid and
-- says why not. Signatures (a region replaces any of them with programme:rule(name, fn)):
--   may_advance(ctx, person_id, programme, step)  -> ok, reason
--   decision_valid(ctx, decision, opts)           -> ok, reasons, outcome
--   theme_regional(ctx, theme, opts)              -> ok, reasons
-- ctx is an engine context (spil.engine.context): ctx:list("bodies") and so on.
local D = require "spil.data"
local T = require "spil.messages"
local active, index = D.active, D.index

local M = {}

--- Roles that may move a region's programme to its next step.
M.advancing_roles = { regiocoordinator = true, kwartiermaker = true, netwerkregisseur = true }

--- Default: the person exists and holds, in force and with a formal assignment
-- (formal_assignment: true), a region-wide role in M.advancing_roles. The guidance appoints
-- the one who leads "met een formele opdrachtbeschrijving met een duidelijke rol en taak"
-- (Stappenplan, na stap 5); an informal role leads, it does not decide for the region.
-- opts.informal = true: any such role in force will do (a programme whose guidance asks no
-- formal assignment passes it; JZOJP does).
function M.may_advance(ctx, person_id, programme, step, opts)
  local person = index(ctx:list("people"))[person_id]
  if not person then
    return false, T.t("gov.no_person", { person = tostring(person_id), region = ctx.region.id })
  end
  local informal
  for _, r in ipairs(ctx:list("roles")) do
    if r.person == person_id and r.municipality == nil and M.advancing_roles[r.role]
        and active(r, ctx.today) then
      if r.formal_assignment == true or (opts and opts.informal) then return true end
      informal = informal or r.role
    end
  end
  if informal then
    return false, T.t("gov.not_formal", { person = person.name, role = informal,
      programme = programme.id, region = ctx.region.id, id = person_id })
  end
  return false, T.t("gov.may_not_advance", { person = person.name, programme = programme.id,
    step = step.id })
end

--- Options of decision_valid: count = "mandated" (default: a position counts when it is given
-- with a mandate; a position's own `mandate` wins over the seat's) or "members" (every full
-- member's position counts); quorum = the fraction of the counted members that must take a
-- position that counts (default 0.5); unanimous_municipalities = every gemeente member must be
-- for. The counted members are the body's full members with a vote, with or without a mandate:
-- the members without one do not vanish from the quorum, so one mandated member cannot decide
-- for a body of seventeen. Agenda and advisory members never count, nor do members recorded
-- with decides = false; an organisation's own decision (organisation instead of body) is valid
-- as recorded. Returns ok, reasons (a list) and outcome = { counted, present, against, pending,
-- ignored }: pending lists the full members whose position was given without a mandate (with
-- count = "mandated" their say is advice that goes back to their organisation); ignored lists
-- positions of agenda members and of organisations without a seat.
function M.decision_valid(ctx, decision, opts)
  opts = opts or {}
  local count = opts.count or "mandated"
  local quorum = opts.quorum or 0.5
  local outcome = { counted = 0, present = 0, against = 0, pending = {}, ignored = {} }
  -- An organisation's own decision (a collegebesluit) is taken under its own rules, not the
  -- region's: valid as recorded.
  if decision.organisation and not decision.body then return true, {}, outcome end
  local body = index(ctx:list("bodies"))[decision.body]
  if not body then return false, { T.t("gov.no_body", { id = decision.id }) }, outcome end
  local orgs = index(ctx:list("organisations"))
  local positions = index(decision.positions or {}, "organisation")
  local seats = {}
  local reasons = {}
  for _, m in ipairs(body.members) do
    seats[m.organisation] = m
    -- A member recorded with decides: false has a say but no vote in the body (schema 3).
    if m.membership == "member" and m.decides ~= false then
      local pos = positions[m.organisation]
      local mandated = m.mandate == true
      if pos and pos.mandate ~= nil then mandated = pos.mandate end
      outcome.counted = outcome.counted + 1
      if pos and (count == "members" or mandated) then
        outcome.present = outcome.present + 1
        if pos.position == "against" or pos.position == "objection" then
          outcome.against = outcome.against + 1
        end
      elseif pos then
        outcome.pending[#outcome.pending + 1] = m.organisation
      end
      local o = orgs[m.organisation]
      if opts.unanimous_municipalities and o and o.kind == "gemeente"
          and (not pos or pos.position ~= "for") then
        reasons[#reasons + 1] = T.t("gov.not_unanimous", { org = o.name or o.id })
      end
    end
  end
  for _, pos in ipairs(decision.positions or {}) do
    local seat = seats[pos.organisation]
    if not seat or seat.membership ~= "member" or seat.decides == false then
      outcome.ignored[#outcome.ignored + 1] = pos.organisation
    end
  end
  local mandated = count == "mandated"
  if outcome.counted == 0 then
    reasons[#reasons + 1] = T.t("gov.none_counts", { body = body.name })
  elseif outcome.present == 0 then
    reasons[#reasons + 1] = T.t(mandated and "gov.none_mandated" or "gov.none_present",
      { body = body.name })
  elseif outcome.present < quorum * outcome.counted then
    reasons[#reasons + 1] = T.t(mandated and "gov.quorum_mandated" or "gov.quorum_counted",
      { present = string.format("%d", outcome.present), counted = string.format("%d", outcome.counted),
        needed = string.format("%d", math.ceil(quorum * outcome.counted)) })
  end
  local against = outcome.against
  if against > 0 and against * 2 >= outcome.present then
    reasons[#reasons + 1] = T.t(mandated and "gov.against_mandated" or "gov.against_counted",
      { against = string.format("%d", against), present = string.format("%d", outcome.present) })
  end
  return #reasons == 0, reasons, outcome
end

--- Default: a theme is regional when every partner holds it relevant. The partners are
-- opts.partners (organisation ids), else the full members of body opts.body, else every
-- partner that gave a view (then at least one must have).
function M.theme_regional(ctx, theme, opts)
  opts = opts or {}
  local views = index(theme.relevance or {}, "organisation")
  local reasons = {}
  local partners = opts.partners
  if not partners and opts.body then
    local body = index(ctx:list("bodies"))[opts.body]
    if not body then return false, { T.t("gov.unknown_body", { id = tostring(opts.body) }) } end
    partners = {}
    for _, m in ipairs(body.members) do
      if m.membership == "member" then partners[#partners + 1] = m.organisation end
    end
  end
  if not partners then
    partners = {}
    for _, r in ipairs(theme.relevance or {}) do partners[#partners + 1] = r.organisation end
  end
  if #partners == 0 then return false, { T.t("gov.no_views", { theme = theme.name }) } end
  local orgs = index(ctx:list("organisations"))
  for _, id in ipairs(partners) do
    local v = views[id]
    local name = orgs[id] and orgs[id].name or id
    if not v then
      reasons[#reasons + 1] = T.t("gov.no_view", { org = name, theme = theme.name })
    elseif not v.relevant then
      reasons[#reasons + 1] = T.t("gov.not_relevant", { org = name, theme = theme.name })
    end
  end
  return #reasons == 0, reasons
end

--- The rule `name` of programme p: the region's own when set, else the default here.
function M.rule(p, name)
  return (p and p.rules[name]) or M[name]
end

return M
