--- Maatwerk of the IJmond (Kansrijke Start, verkenning): the Integrale Geboortezorgorganisatie
-- (IGO) IJmond as the hub of the talks with the gemeenten.
--
-- What the IJmond tells of itself ("Regionaal voorbakken, lokaal afbakken", Landelijke coalitie
-- Kansrijke Start, oktober 2022, seed 002) binds the IJmond, not every region, so it lives here:
--   * coordinator-sociale-verloskunde (blocking): "Daarom hebben wij nu een coördinator sociale
--     verloskundige: een persoon die de link vormt tussen het sociale en medische domein". The
--     IGO has that task (a responsibility of the IGO whose task names the coördinator sociale
--     verloskunde) and someone of the IGO fills it. The model has no role of that name, so the
--     task is the record.
--   * in-gesprek (blocking): "de Integrale Geboortezorgorganisatie (IGO) IJmond met verschillende
--     gemeenten in gesprek is": every gemeente of the region (member or candidate) sits with the
--     IGO in a body that has met.
--   * kennismaking (advisory): "Op bijeenkomsten wordt kennisgemaakt, en informeert men elkaar
--     over werkwijze, visie en knelpunten": the agendas of those meetings name each of the three.
--     Agenda items are free text; a word missing is advice, not a gate.
--   * werkgebied-igo (advisory): every gemeente of the region lies in the IGO's werkgebied
--     (organisations[].area, schema 3). Seed 001 names the werkgebied as a knot ("Wat een logisch
--     werkgebied is voor de JGZ is niet dezelfde voor de VSV's"); a gemeente in talks outside it
--     is something to discuss, not a gate.
-- All four on the verkenning step, and from there on (spil.programme carries them onward).
--
-- This file is a region script (region.yaml: scripts) and a module: a test's `require "igo"`
-- gets this table. It extends the programme the region runs already (P.get) with put_check, so
-- running it again changes nothing.
local P = require "spil.programme"
local C = require "spil.checks"
local D = require "spil.data"
local S = require("spil.engine").subject

local M = {}

local BRON = "Regionaal voorbakken, lokaal afbakken (Landelijke coalitie Kansrijke Start, "
  .. "oktober 2022), IGO IJmond"

--- The words that mark the task of the coördinator sociale verloskunde (case aside).
M.TAAK = "coördinator sociale verloskund"

--- What the meetings are about, each looked for in the agenda items (case aside).
M.ONDERWERPEN = { "werkwijze", "visie", "knelpunten" }

--- The IGO of the region: the first organisation of kind igo, or nil.
function M.igo(ctx)
  return D.first(ctx:list("organisations"), function(o) return o.kind == "igo" end)
end

--- The municipalities the IGO talks with: every municipality of the region in force that has
-- not left (members and candidates).
function M.gemeenten(ctx)
  local out = {}
  for _, m in ipairs(ctx:list("municipalities")) do
    if m.status ~= "left" and C.active(m, ctx.today) then out[#out + 1] = m end
  end
  return out
end

--- The bodies in which the IGO has a seat (any membership).
function M.overleggen(ctx, igo)
  local out = {}
  for _, b in ipairs(ctx:list("bodies")) do
    for _, m in ipairs(b.members) do
      if m.organisation == igo.id then out[#out + 1] = b; break end
    end
  end
  return out
end

--- The meetings of those bodies held on or before today, oldest first.
function M.bijeenkomsten(ctx, igo)
  local of = {}
  for _, b in ipairs(M.overleggen(ctx, igo)) do of[b.id] = true end
  local out = {}
  for _, m in ipairs(ctx:list("meetings")) do
    if of[m.body] and m.date <= ctx.today then out[#out + 1] = m end
  end
  table.sort(out, function(a, b) return a.date < b.date end)
  return out
end

M.coordinator = P.check {
  id = "coordinator-sociale-verloskunde",
  name = "De IGO heeft een coördinator sociale verloskunde",
  source = BRON .. " (\"Daarom hebben wij nu een coördinator sociale verloskundige\")",
  run = function(ctx)
    local igo = M.igo(ctx)
    if not igo then
      ctx:finding { subject = S.region(ctx.region),
        missing = "er is geen integrale geboortezorgorganisatie (geen organisatie van soort igo)",
        remedy = "leg de IGO vast onder 'organisations' (kind: igo)" }
      return
    end
    local people = D.index(ctx:list("people"))
    local taak
    for _, r in ipairs(ctx:list("responsibilities")) do
      if r.organisation == igo.id and r.task:lower():find(M.TAAK, 1, true) then
        local p = r.person and people[r.person]
        if p and p.organisation == igo.id then return end
        taak = taak or r
      end
    end
    local remedy = string.format("leg vast wie bij %s coördinator sociale verloskunde is: "
      .. "'responsibilities' met organisation: %s, task: \"Coördinator sociale verloskunde: de "
      .. "link tussen het sociale en het medische domein\", person: die persoon (people, "
      .. "organisation: %s)", igo.name, igo.id, igo.id)
    local missing
    if not taak then
      missing = igo.name .. " heeft geen coördinator sociale verloskunde (de link tussen het "
        .. "sociale en het medische domein)"
    elseif not taak.person then
      missing = string.format("de taak '%s' van %s is niet ingevuld: er staat niemand bij",
        taak.task, igo.name)
    else
      local p = people[taak.person]
      missing = string.format("%s, coördinator sociale verloskunde, werkt niet bij %s",
        p and p.name or taak.person, igo.name)
    end
    ctx:finding { subject = S.organisation(igo), missing = missing, remedy = remedy }
  end,
}

M.in_gesprek = P.check {
  id = "in-gesprek", name = "De IGO is met elke gemeente in gesprek",
  source = BRON .. " (\"met verschillende gemeenten in gesprek\")",
  run = function(ctx)
    local igo = M.igo(ctx)
    if not igo then return ctx:waits_for("coordinator-sociale-verloskunde") end
    local bodies = M.overleggen(ctx, igo)
    C.each_gemeente_outside(ctx, C.seated(bodies), function(m)
      ctx:finding { subject = S.municipality(m),
        missing = string.format("%s zit niet met %s aan tafel (geen overleg waarin beide "
          .. "zitten)", m.name, igo.name),
        remedy = string.format("nodig de gemeente %s uit voor de bijeenkomsten met %s en leg "
          .. "haar vast als lid van dat overleg (bodies: members)", m.name, igo.name) }
    end, M.gemeenten(ctx))
    if #bodies > 0 and #M.bijeenkomsten(ctx, igo) == 0 then
      ctx:finding { subject = S.body(bodies[1]),
        missing = string.format("%s is nog niet bijeengekomen", bodies[1].name),
        remedy = "leg de bijeenkomsten vast onder 'meetings' (body: " .. bodies[1].id .. ")" }
    end
  end,
}

M.kennismaking = P.check {
  id = "kennismaking", name = "Werkwijze, visie en knelpunten met elkaar gedeeld",
  severity = "advisory",
  source = BRON .. " (\"Op bijeenkomsten wordt kennisgemaakt, en informeert men elkaar over "
    .. "werkwijze, visie en knelpunten\")",
  run = function(ctx)
    local igo = M.igo(ctx)
    if not igo then return ctx:waits_for("coordinator-sociale-verloskunde") end
    local items = {}
    for _, m in ipairs(M.bijeenkomsten(ctx, igo)) do
      for _, item in ipairs(m.agenda) do items[#items + 1] = item:lower() end
    end
    for _, onderwerp in ipairs(M.ONDERWERPEN) do
      local besproken = false
      for _, item in ipairs(items) do
        if item:find(onderwerp, 1, true) then besproken = true end
      end
      if not besproken then
        ctx:finding { subject = S.organisation(igo),
          missing = string.format("op geen bijeenkomst van %s met de gemeenten stond %s op de "
            .. "agenda", igo.name, onderwerp),
          remedy = string.format("informeer elkaar over %s: zet het op de agenda van de "
            .. "volgende bijeenkomst (meetings: agenda)", onderwerp) }
      end
    end
  end,
}

M.werkgebied = P.check {
  id = "werkgebied-igo", name = "Elke gemeente ligt in het werkgebied van de IGO",
  severity = "advisory",
  source = "Regionale aanpak Kansrijke Start regio Zuid-Holland Zuid, beren op de weg (\"Wat "
    .. "een logisch werkgebied is voor de JGZ is niet dezelfde voor de VSV's\"); " .. BRON,
  run = function(ctx)
    local igo = M.igo(ctx)
    if not igo then return ctx:waits_for("coordinator-sociale-verloskunde") end
    local area = {}
    for _, code in ipairs(igo.area or {}) do area[code] = true end
    if not next(area) then
      ctx:finding { subject = S.organisation(igo),
        missing = "het werkgebied van " .. igo.name .. " is niet vastgelegd",
        remedy = "leg de gemeenten van het werkgebied vast (organisations: area, CBS-codes)" }
      return
    end
    for _, m in ipairs(M.gemeenten(ctx)) do
      if not area[m.code] then
        ctx:finding { subject = S.municipality(m),
          missing = string.format("%s ligt niet in het werkgebied van %s", m.name, igo.name),
          remedy = string.format("bespreek met %s en de gemeente %s welk werkgebied logisch is, "
            .. "en leg het vast (organisations: area)", igo.name, m.name) }
      end
    end
  end,
}

-- ---- register the region's Kansrijke Start ---------------------------------------------

local p = P.extend(assert(P.get("kansrijke-start")))
for _, c in ipairs({ M.coordinator, M.in_gesprek, M.kennismaking, M.werkgebied }) do
  p:put_check("verkenning", c)
end
P.use(p)

return M
