--- Governance helpers for Zuid-Holland Zuid (Kansrijke Start coalitie).
-- In the coalitie sit "mensen van de inhoud" who mostly cannot decide on the spot:
-- their say is advice until their own organisation decides. Only members with a
-- mandate count for a decision; agendaleden never do.
local spil = require "spil"
local data = require "spil.data"

local M = {}

--- The members of body `body_id` whose say counts for a decision: full members
-- (membership "member") whose representative holds a mandate.
-- Returns a list of member tables (organisation, person, membership, function,
-- mandate), or nil and a message when the region has no such body.
function M.decision_members(body_id)
  local body = data.index(spil.bodies())[body_id]
  if not body then
    return nil, "no body '" .. tostring(body_id) .. "' in this region"
  end
  return data.where(body.members, { membership = "member", mandate = true })
end

return M
