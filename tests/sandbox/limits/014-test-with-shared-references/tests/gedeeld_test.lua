local t = require "spil.test"
t.case("t.a = t; t.b = t", function()
  local x = {}
  x.a = x
  x.b = x
  t.check("kansrijke-start", nil, { with = { decisions = x } })
end)
t.case("a thousand references to a table of a thousand", function()
  local row = {}
  for i = 1, 1000 do row[i] = "waarde " .. i end
  local rows = {}
  for i = 1, 1000 do rows[i] = row end
  t.check("kansrijke-start", nil, { with = { decisions = rows } })
end)
