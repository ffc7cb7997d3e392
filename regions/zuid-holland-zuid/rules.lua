--- Governance helpers for Zuid-Holland Zuid (Kansrijke Start coalitie).
-- In the coalitie sit "mensen van de inhoud" who mostly cannot decide on the spot:
-- their say is advice until their own organisation decides. Only members with a
-- mandate count for a decision; agendaleden never do.
local spil = require "spil"

local M = {}

--- The members of body `body_id` whose say counts for a decision: full members
-- (membership "member") whose representative holds a mandate.
-- Returns a list of member tables (organisation, person, membership, function,
-- mandate), or nil and a message when the region has no such body.
function M.decision_members(body_id)
  for _, body in ipairs(spil.bodies()) do
    if body.id == body_id then
      local counted = {}
      for _, m in ipairs(body.members or {}) do
        if m.membership == "member" and m.mandate == true then
          counted[#counted + 1] = m
        end
      end
      return counted
    end
  end
  return nil, "no body '" .. tostring(body_id) .. "' in this region"
end

return M
