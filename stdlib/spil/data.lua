--- spil.data: small helpers for reading a region's data in checks and rules.
-- The lists come from the `spil` module (spil.organisations(), spil.bodies(), ...): plain
-- tables, one per row, with the fields of docs/region-format.md.
local M = {}

-- The statuses of a row that is not (or not yet, or no longer) in force: an agreement in draft
-- or in consultation, an agreement or funding that ended.
local NOT_IN_FORCE = { draft = true, consultation = true, ended = true }

--- Whether a row with since/until is in force on date (YYYY-MM-DD; absent bounds are open), and
-- its status, where it has one, does not say otherwise (a draft agreement, an ended one).
function M.active(row, date)
  return (row.since == nil or row.since <= date) and (row["until"] == nil or row["until"] >= date)
    and not NOT_IN_FORCE[row.status]
end

--- A deep copy of v: its plain tables copied (a table met twice is copied once, so the copy
-- shares what v shared), a table with a metatable and every other value kept as it is.
-- seen (optional) carries that sharing over several calls.
function M.copy(v, seen)
  if type(v) ~= "table" or getmetatable(v) ~= nil then return v end
  seen = seen or {}
  if seen[v] then return seen[v] end
  local out = {}
  seen[v] = out
  for k, x in pairs(v) do out[k] = M.copy(x, seen) end
  return out
end

--- Index a list of rows by a field (default "id"): { [id] = row }.
function M.index(list, field)
  field = field or "id"
  local out = {}
  for _, row in ipairs(list) do
    local k = row[field]
    if k ~= nil then out[k] = row end
  end
  return out
end

--- The rows for which pred(row) is true; pred may also be a table of field = value pairs.
function M.where(list, pred)
  if type(pred) == "table" then
    local want = pred
    pred = function(row)
      for k, v in pairs(want) do
        if row[k] ~= v then return false end
      end
      return true
    end
  end
  local out = {}
  for _, row in ipairs(list) do
    if pred(row) then out[#out + 1] = row end
  end
  return out
end

--- The first row for which pred(row) is true (pred as in where), or nil.
function M.first(list, pred)
  return M.where(list, pred)[1]
end

--- The values of one field, in list order, skipping rows without it.
function M.pluck(list, field)
  local out = {}
  for _, row in ipairs(list) do
    if row[field] ~= nil then out[#out + 1] = row[field] end
  end
  return out
end

return M
