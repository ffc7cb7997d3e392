# spil check and spil advance: readiness, findings, governance (cases cli-check-N).

=== cli-check-1: check lists every finding with subject, remedy and source, and exits 1 when not ready
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null
$ spil check zuid-holland-zuid
? 1
> zuid-holland-zuid: kansrijke-start, step coalitie (Coalitie vormen)
>~ FAIL regioplan
>~ - Gemeente Alblasserdam has not signed (status invited)
>~ [organisation gem-alblasserdam]
>~        do: obtain the signature of Gemeente Alblasserdam and record it with 'spil sign'
>~ source: 
>~ NOT READY to leave step coalitie:
$ spil check zuid-holland-zuid --json | grep -c '"ready": false'
> 1

=== cli-check-2: --step checks another step; an unknown step or programme is a usage error
$ spil check zuid-holland-zuid --step verkenning
? 1
>~ has no formal assignment as kartrekker [person voorzitter]
>~ NOT READY to leave step verkenning: 2 blocking findings
$ spil check zuid-holland-zuid --step nope
? 2
!~ spil: check: programme 'kansrijke-start' has no step 'nope' (steps: verkenning, coalitie, uitvoering)

=== cli-check-3: a check that loops forever or has a bug is itself a blocking finding, and the others still run
$ mkdir lim && printf 'spil: 1\nregion: {id: lim, name: Lim, scripts: [rules.lua]}\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\n' > lim/region.yaml
$ printf 'local P = require "spil.programme"\nlocal p = P.extend(require "programmes.kansrijke_start")\np:add_check("verkenning", P.check { id = "lus", name = "Loops", run = function() while true do end end })\np:add_check("verkenning", P.check { id = "fout", name = "Bug", run = function() local x; return x.y end })\nP.use(p)\nreturn {}\n' > lim/rules.lua
$ spil load lim > /dev/null && spil check lim
? 1
>      - the check itself failed: lim/rules.lua:3: instruction limit (100000000) exceeded
>      - the check itself failed: lim/rules.lua:4: attempt to index a nil value (local 'x')
>~ NOT READY to leave step verkenning: 4 blocking findings

=== cli-check-4: advance refuses while blocking findings remain, and says why
$ spil advance zuid-holland-zuid --as voorzitter
? 1
!~ spil: advance: refused: step coalitie has
$ spil advance zuid-holland-zuid
? 2
! spil: advance: say who advances the step with --as PERSON

=== cli-check-5: advance follows the governance rule, then moves the step and logs why
$ cp -r $ROOT/regions/zuid-holland-zuid zhz && sed -i -e 's/    step: coalitie/    step: verkenning/' -e 's/{person: voorzitter, role: netwerkregisseur,/{person: voorzitter, role: netwerkregisseur, hours: 16, formal_assignment: true,/' zhz/region.yaml && spil load zhz
? 2
!~ zhz/region.yaml:
!~ error: the file moves kansrijke-start from step coalitie to step verkenning; a load does not change steps; leave a step with 'spil advance'
$ spil load --force zhz > /dev/null
$ spil advance zuid-holland-zuid --as bm-dordrecht
? 1
! spil: advance: refused: Beleidsmedewerker Dordrecht (fictief) holds no role that may advance kansrijke-start past step verkenning (regiocoordinator, kwartiermaker or netwerkregisseur)
$ spil advance zuid-holland-zuid --as voorzitter --reason "coalitie gevormd"
> zuid-holland-zuid: kansrijke-start moved from step verkenning to step coalitie on 2026-01-15 (by voorzitter).
$ spil log zuid-holland-zuid --limit 1
>~ voorzitter advance  advance programme kansrijke-start  (zuid-holland-zuid)  reason: coalitie gevormd
$ spil status zuid-holland-zuid
>~ kansrijke-start    step coalitie since 2026-01-15: not ready,
$ spil advance zuid-holland-zuid --as voorzitter --date 2026-13-01
? 2
! spil: advance: --date takes a day YYYY-MM-DD that is not after today (2026-01-15), not '2026-13-01'
$ spil advance zuid-holland-zuid --as voorzitter --date 2026-02-01
? 2
! spil: advance: --date takes a day YYYY-MM-DD that is not after today (2026-01-15), not '2026-02-01'

=== cli-check-6: status shows what today's check found, and checks again once anything changed or a day passed
$ rm -f spil.db* && spil load $ROOT/regions/zuid-holland-zuid > /dev/null && spil check zuid-holland-zuid > /dev/null; sqlite3 spil.db 'select region, programme, step, day, blocking from readiness'
> zuid-holland-zuid|kansrijke-start|coalitie|2026-01-15|25
# Proof that status reads the remembered result: a doctored count shows.
$ sqlite3 spil.db 'update readiness set blocking = 99' && spil status zuid-holland-zuid
>~ step coalitie since 2023-04-01: not ready, 99 blocking findings
$ SPIL_NOW=2026-01-16T09:00:00Z spil status zuid-holland-zuid
>~ step coalitie since 2023-04-01: not ready, 25 blocking findings
$ sqlite3 spil.db 'update readiness set blocking = 99' && spil sign zuid-holland-zuid regioplan gem-alblasserdam > /dev/null && sqlite3 spil.db 'select count(*) from readiness' && spil status zuid-holland-zuid
> 0
>~ step coalitie since 2023-04-01: not ready, 24 blocking findings
$ printf 'indicator,area,period,value\nks-01,GM0505,2024,10\n' > f.csv && spil import measurements f.csv > /dev/null && sqlite3 spil.db 'select count(*) from readiness'
> 0

=== cli-check-7: a check whose premise another check reports waits for it, and is held to it: the awaited check must report it missing, as strongly as the waiting check requires
$ mkdir w && printf 'spil: 1\nregion: {id: w, name: W, scripts: [rules.lua]}\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\n' > w/region.yaml && printf 'return {}\n' > w/rules.lua
$ spil load w > /dev/null && spil check w
? 1
>~ FAIL kartrekker  Kartrekker
> wait kartrekker-opdracht  Formele opdracht voor de kartrekker (cannot be judged yet: first 'Kartrekker')
> wait capaciteit  Uren voor de kartrekker (cannot be judged yet: first 'Kartrekker')
> 2 checks cannot be judged until the checks they wait for are met.
$ spil check w --json | grep -A2 '"status": "waiting"'
>~ "status": "waiting",
>~ "waits_for": "kartrekker",
>~ "waits_for_name": "Kartrekker"
$ printf 'local P = require "spil.programme"\nlocal p = P.extend(require "programmes.kansrijke_start")\np:set_severity("verkenning", "kartrekker", "advisory")\nP.use(p)\nreturn {}\n' > w/rules.lua
$ spil load w > /dev/null && spil check w
? 1
> FAIL capaciteit  Uren voor de kartrekker
>      - cannot be judged: it needs what the check 'Kartrekker' looks for, and that check does not report it missing as strongly as this one requires
>        do: appoint a kartrekker and record the role under 'roles'
> warn kartrekker  Kartrekker
> NOT READY to leave step verkenning: 3 blocking findings, 1 advisory.
$ printf 'local P = require "spil.programme"\nlocal p = P.extend(require "programmes.kansrijke_start")\np:add_check("verkenning", P.check { id = "a", name = "A", run = function() end })\np:add_check("verkenning", P.check { id = "b", name = "B", run = function(ctx) return ctx:waits_for("a") end })\np:add_check("verkenning", P.check { id = "c", name = "C", run = function(ctx) return ctx:waits_for("nope") end })\np:add_check("verkenning", P.check { id = "d", name = "D", run = function(ctx) ctx:finding { missing = "x" }; return ctx:waits_for("kartrekker") end })\np:add_check("verkenning", P.check { id = "e", name = "E", severity = "advisory", run = function(ctx) return ctx:waits_for("capaciteit") end })\nP.use(p)\nreturn {}\n' > w/rules.lua
$ spil load w > /dev/null && spil check w
? 1
>      - cannot be judged: it needs what the check 'A' looks for, and that check does not report it missing as strongly as this one requires
>      - the check itself failed: check 'c': waits_for: step verkenning has no check 'nope'
>      - the check itself failed: check 'd' waits for 'kartrekker' and adds findings: a waiting check adds none
> wait e  E (cannot be judged yet: first 'Uren voor de kartrekker')
>~ NOT READY to leave step verkenning: 5 blocking findings

=== cli-check-8: a governance rule allows only with a literal true: "nee", 1 or a table from a region's rule refuses
$ mkdir nee && cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" nee/ && sed -i 's/^  name: \(.*\)$/  name: \1\n  scripts: [nee.lua]/' nee/region.yaml && printf 'local P = require "spil.programme"\nlocal p = P.extend(assert(P.get("kngg")))\np:rule("may_advance", function() return "nee" end)\nP.use(p)\nreturn {}\n' > nee/nee.lua && spil load nee > /dev/null && spil check polder-klaar | tail -1
>~ READY to leave step
$ spil advance polder-klaar --as rc
? 1
!~ spil: advance: refused: rc may not advance kngg

=== cli-check-9: a step entered after today cannot be left today: the history would end before it began
$ mkdir fut && cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" fut/ && sed -i '/step: "6"/{n;s/since: .*/since: 2027-09-01/}' fut/region.yaml && spil --db fut.db load fut > /dev/null && spil --db fut.db advance polder-klaar --as rc
? 2
! spil: advance: kngg entered its current step on 2027-09-01, after today (2026-01-15); correct 'since' in the region's file (spil load --force)

=== cli-check-10: a move dated in the past must be ready today too: the RC whose role ended on 10 January cannot advance as of the 5th
$ mkdir oud && cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" oud/ && sed -i 's/role: regiocoordinator, hours: 24, since: 2024-06-01,/role: regiocoordinator, hours: 24, since: 2024-06-01, until: 2026-01-10,/' oud/region.yaml && spil --db oud.db load oud > /dev/null && SPIL_NOW=2026-01-05T12:00:00Z spil --db oud.db check polder-klaar | tail -1
>~ READY to leave step
$ spil --db oud.db advance polder-klaar --as rc --date 2026-01-05
? 1
!~ spil: advance: refused: on 2026-01-05 the step was ready, but today (2026-01-15) step 6 has
>~ NOT READY to leave step 6
$ spil --db oud.db advance polder-klaar --as rc --date 2026-01-05 --json | python3 -c 'import json,sys; j = json.load(sys.stdin)["result"]; print(j["allowed"], j["result"]["ready"], "today" in j["reason"])'
> False False True
$ sqlite3 oud.db "select count(*) from event where command = 'advance'"
> 0

=== cli-check-11: the one who advances holds the role with a formal assignment (KnGG); an informal kwartiermaker leads but does not move the region on
$ mkdir km && cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" km/ && sed -i 's/^people:$/people:\n  - {id: km, name: Kees Kwartiermaker, organisation: ggd}/; s/^roles:$/roles:\n  - {person: km, role: kwartiermaker, hours: 8, since: 2025-01-01}/' km/region.yaml && spil --db km.db load km > /dev/null && spil --db km.db check polder-klaar | tail -1
>~ READY to leave step
$ spil --db km.db advance polder-klaar --as km
? 1
! spil: advance: refused: Kees Kwartiermaker is kwartiermaker without a formal assignment and so may not move kngg to its next step; make the assignment formal and record it (spil assign polder-klaar km kwartiermaker --formal)
$ spil --db km.db assign polder-klaar km kwartiermaker --formal > /dev/null && spil --db km.db advance polder-klaar --as km | head -1
>~ polder-klaar: kngg

=== cli-check-12: where a region's own rules ask less than the guidance, READY says so, in words, in --json and in the advance's event
$ mkdir dep && cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" dep/ && sed -i 's/^  name: \(.*\)$/  name: \1\n  scripts: [d.lua]/' dep/region.yaml && printf 'local P = require "spil.programme"\nlocal C = require "spil.checks"\nlocal p = P.extend(P.get("kngg"))\np:set_severity("6", "sso-getekend", "advisory")\np:remove_check("6", "sso-bindend")\np:replace_check("6", "regiocoordinator", P.check { id = "regiocoordinator", name = "Eigen RC-check", run = function() end })\np:rule("may_advance", function(ctx, person, programme, step) return require("spil.governance").may_advance(ctx, person, programme, step) end)\nP.use(p)\nreturn {}\n' > dep/d.lua && spil --db dep.db load dep > /dev/null && spil --db dep.db check polder-klaar | tail -4
> Ready under the region's own rules; the guidance asks more at this step:
>   - Regiocoördinator aangesteld met een formele opdrachtbeschrijving (regiocoordinator): replaced by a check of the region's own
>   - Samenwerkingsovereenkomst getekend door alle partijen (sso-getekend): advisory here, blocking in the guidance
>   - Samenwerkingsovereenkomst operationeel bindend (sso-bindend): left out here, blocking in the guidance
$ spil --db dep.db check polder-klaar --json | python3 -c 'import json,sys; print([(d["check"], d["change"]) for d in json.load(sys.stdin)["result"]["results"][0]["departures"]])'
> [('regiocoordinator', 'replaced'), ('sso-getekend', 'advisory'), ('sso-bindend', 'removed')]
$ spil --db dep.db advance polder-klaar --as rc | tail -2
>   - Samenwerkingsovereenkomst operationeel bindend (sso-bindend): left out here, blocking in the guidance
>   under the region's own governance rule: may_advance
$ sqlite3 dep.db "select json_array_length(detail, '$.departures'), json_extract(detail, '$.rules[0]') from event where command = 'advance'"
> 3|may_advance
$ mkdir std && cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" std/ && spil --db std.db load std > /dev/null && spil --db std.db check polder-klaar --json | python3 -c 'import json,sys; print("departures" in json.load(sys.stdin)["result"]["results"][0])'
> False

=== cli-check-13: a check whose requirement does not apply says so, with its reason (NVT / n/a), counted before the verdict; it never blocks, never reads as met, and adds no finding
$ mkdir n && printf 'spil: 1\nregion: {id: n, name: N, scripts: [rules.lua]}\nprogrammes: [{programme: jzojp, step: regiocoordinator}]\n' > n/region.yaml && printf 'return {}\n' > n/rules.lua
$ spil --db n.db load n > /dev/null && spil --db n.db check n
? 1
> n/a  aanspreekpunt-mandaat  Rol en mandaat van het bestuurlijk aanspreekpunt afgesproken (n/a: the region has no wethouder as bestuurlijk aanspreekpunt, so no mandate to agree)
> 1 check cannot be judged until the check it waits for is met.
> 1 check does not apply to the region (n/a: the reason is beside it).
> NOT READY to leave step regiocoordinator: 1 blocking finding, 2 advisory.
>! ok   aanspreekpunt-mandaat
$ spil --db n.db check n | tail -1
> NOT READY to leave step regiocoordinator: 1 blocking finding, 2 advisory.
$ spil --db n.db --lang nl check n
? 1
> NVT     aanspreekpunt-mandaat  Rol en mandaat van het bestuurlijk aanspreekpunt afgesproken (n.v.t.: de regio heeft geen wethouder als bestuurlijk aanspreekpunt, dus geen mandaat om af te spreken)
> 1 controle is niet van toepassing op de regio (n.v.t.: de reden staat erbij).
> NIET KLAAR om stap regiocoordinator te verlaten: 1 blokkerende bevinding, 2 ter advies.
$ spil --db n.db check --all
? 1
> n                                        jzojp            regiocoordinator             NOT READY  1 blocking, 2 advisory, 1 waiting, 1 n/a
$ spil --db n.db --lang nl check --all
? 1
> n                                        jzojp            regiocoordinator             NIET KLAAR  1 blokkerend, 2 ter advies, 1 wachtend, 1 n.v.t.
$ spil --db n.db check n --json | grep -B6 -A1 '"status": "not_applicable"'
>~ "findings": [],
>~ "id": "aanspreekpunt-mandaat",
>~ "status": "not_applicable",
>~ "reason": "the region has no wethouder as bestuurlijk aanspreekpunt, so no mandate to agree"
$ spil --db n.db check n --json | grep -E '"(waiting|not_applicable|blocking)": '
>~ "blocking": 1,
>~ "waiting": 1,
>~ "not_applicable": 1,
$ spil --db n.db report n --format md | grep -F 'Rol en mandaat van het bestuurlijk aanspreekpunt'
> | Rol en mandaat van het bestuurlijk aanspreekpunt afgesproken | niet van toepassing: the region has no wethouder as bestuurlijk aanspreekpunt, so no mandate to agree | 0 |
$ printf 'local P = require "spil.programme"\nlocal p = P.extend(require "programmes.jzojp")\np:add_check("regiocoordinator", P.check { id = "x", name = "X", run = function(ctx) ctx:finding { missing = "x" }; return ctx:not_applicable("no x") end })\np:add_check("regiocoordinator", P.check { id = "y", name = "Y", run = function(ctx) return ctx:not_applicable(1) end })\np:add_check("regiocoordinator", P.check { id = "z", name = "Z", severity = "advisory", run = function(ctx) return ctx:waits_for("aanspreekpunt-mandaat") end })\np:add_check("regiocoordinator", P.check { id = "v", name = "V", run = function(ctx) ctx:waits_for("regiocoordinator"); return ctx:not_applicable("no v") end })\nP.use(p)\nreturn {}\n' > n/rules.lua
$ spil --db n.db load n > /dev/null && spil --db n.db check n
? 1
>      - the check itself failed: check 'x' does not apply and adds findings: a check that does not apply does neither
>      - the check itself failed: check 'y': not_applicable needs the reason (a text saying why the requirement does not apply)
>      - the check itself failed: check 'v' does not apply and waits for 'regiocoordinator': a check that does not apply does neither
>      - (advisory) cannot be judged: it needs what the check 'Rol en mandaat van het bestuurlijk aanspreekpunt afgesproken' looks for, and that check does not report it missing as strongly as this one requires
> NOT READY to leave step regiocoordinator: 4 blocking findings, 3 advisory.
$ cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" k.yaml && mkdir k && mv k.yaml k/region.yaml && spil --db k.db load k > /dev/null && spil --db k.db check polder-klaar
> n/a  rc-rolverdeling  Strategische en operationele focus bij een gedeelde RC-rol (n/a: the RC role is not split over several people)
> READY to leave step 6: no blocking findings, 0 advisory.
$ spil --db k.db advance polder-klaar --as rc > /dev/null && spil --db k.db log --json | grep -A1 '"check": "rc-rolverdeling"'
>~ "status": "not_applicable"

=== cli-check-14: a region's own check runs on its own view of the data: rewriting the rows it reads does not fool the standard checks after it
$ mkdir tamper && cp "$ROOT/stdlib/tests/kngg/fixtures/klaar/region.yaml" tamper/ && sed -i 's/^  name: \(.*\)$/  name: \1\n  scripts: [t.lua]/; s/formal_assignment: true,/formal_assignment: false,/' tamper/region.yaml && printf 'local P = require "spil.programme"\nlocal p = P.extend(P.get("kngg"))\nlocal first = P.check { id = "eerst", name = "Eerst", run = function(ctx) for _, r in ipairs(ctx:list("roles")) do r.formal_assignment = true end ctx.params.x = 1 ctx.region.id = "x" end }\ntable.insert(p:find("1-5").own, 1, first)\np:carry()\nP.use(p)\nreturn {}\n' > tamper/t.lua && spil --db tamper.db load tamper > /dev/null && spil --db tamper.db check polder-klaar --json | python3 -c 'import json,sys; r = json.load(sys.stdin)["result"]["results"][0]; print([c["id"] for c in r["checks"]][:2], [c["status"] for c in r["checks"] if c["id"] == "regiocoordinator"], r["ready"])'
> ['eerst', 'regiocoordinator'] ['fail'] False
