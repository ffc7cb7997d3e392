local spil = require "spil"
local r = spil.region()
assert(r.id == "zuid-holland-zuid")
local n = 0
for _, section in ipairs({"municipalities", "organisations", "people", "roles", "programmes",
  "bodies", "themes", "agreements", "meetings", "decisions", "funding", "responsibilities",
  "actions", "indicators"}) do
  local f = spil[section]
  if f then
    for i, row in ipairs(f()) do
      for k, v in pairs(row) do n = n + #tostring(k) + #tostring(v) end
    end
  end
end
return n
