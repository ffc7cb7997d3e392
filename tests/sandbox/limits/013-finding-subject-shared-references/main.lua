local P = require "spil.programme"
local p = P.extend(require "programmes.kansrijke_start")
p:add_check("verkenning", P.check { id = "zelf", name = "t.a = t; t.b = t", run = function(ctx)
  local t = {}
  t.a = t
  t.b = t
  ctx:finding { missing = "x", subject = t }
end })
p:add_check("verkenning", P.check { id = "gedeeld", name = "5 x 1000 x 1000", run = function(ctx)
  local row = {}
  for i = 1, 1000 do row[i] = { kind = "organisation", id = "o" .. i, name = "O" } end
  local rows = {}
  for i = 1, 1000 do rows[i] = row end
  for i = 1, 5 do
    ctx:finding { missing = "y", subject = { kind = "organisation", id = "o", name = "O", rest = rows } }
  end
end })
P.use(p)
return {}
