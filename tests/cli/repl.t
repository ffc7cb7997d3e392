# spil repl and spil run without a terminal (cases cli-repl-N): statements piped on stdin take
# the same loop as typed ones, without prompts; the first error ends the session with exit 2.
# The terminal itself (prompt, completion, Ctrl-C) is tested by tests/repl/tmux-test.sh.

=== cli-repl-1: a piped statement runs with the region's data; print writes to stdout
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && spil load $ROOT/regions/flevoland > /dev/null
$ echo 'print(#municipalities())' | spil repl zuid-holland-zuid
> 10
!= (empty)

=== cli-repl-2: an expression alone prints its values; a statement prints nothing
$ printf '1 + 1\n"text", 42, nil, true\nx = 5\nx * 2\n' | spil repl zuid-holland-zuid
> 2
> text	42	nil	true
> 10
!= (empty)

=== cli-repl-3: a statement continues over lines until the compiler has all of it
$ printf 'function twice(x)\n  return x * 2\nend\ntwice(21)\nfor i = 1, 2 do\n  print(i)\nend\nt = {\n  a = 1,\n}\nt.a\n' | spil repl
> 42
> 1
> 2
> 1
!= (empty)

=== cli-repl-4: tables print nested with sorted keys, depth-limited, cycles marked
$ printf 't = {b = 1, a = {x = {y = {z = {}}}}, "first", s = "x\\ty"}\nt\nshow(t)\nc = {}; c.self = c; c.list = {c}\nc\n' | spil repl
> { "first", a = { x = { y = {...1 entry} } }, b = 1, s = "x\ty" }
> { "first", a = { x = { y = { z = {} } } }, b = 1, s = "x\ty" }
> { list = { <cycle> }, self = <cycle> }

=== cli-repl-5: a long list breaks over lines, short values filling each line
$ printf 'l = {} for i = 1, 30 do l[i] = i * 1000 end\nl\n' | spil repl
> {
>   1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000,
>   30000
> }

=== cli-repl-6: data rows in a list print as one line with kind, id and name; one row in full
$ printf 'find("Dordrecht")\nmunicipalities()[2].name\nmunicipalities()[2]\n' | spil repl zuid-holland-zuid
>   <municipality GM0505: Dordrecht>,
>   <organisation gem-dordrecht: Gemeente Dordrecht>,
> Dordrecht
>   code = "GM0505",
>   province = "Zuid-Holland",

=== cli-repl-7: a runtime error prints message and location, and ends a piped session (exit 2)
$ printf 'print("before")\nx = {}\nx.a.b = 1\nprint("after")\n' | spil repl zuid-holland-zuid
? 2
> before
>! after
! spil: repl: stdin:3: attempt to index a nil value (field 'a')
$ printf 'undefined_name + 1\n' | spil repl
? 2
! spil: repl: stdin:1: undeclared global 'undefined_name'
$ printf 'local x = 1\nx\n' | spil repl
? 2
! spil: repl: stdin:2: undeclared global 'x'
$ printf 'error("stop here")\n' | spil repl
? 2
! spil: repl: stdin:1: stop here

=== cli-repl-8: a syntax error names the line it is on; input ending mid-statement is one too
$ printf '1 +* 2\n' | spil repl
? 2
! spil: repl: stdin:1: unexpected symbol near '*'
$ printf 'x = 1\nif x then\n  print(x)\n' | spil repl
? 2
! spil: repl: stdin:3: 'end' expected (to close 'if' at line 2) near <eof>

=== cli-repl-8b: an expression is compiled as typed: its error points at what the user wrote, never at a ';' spil added, and an open one continues on the next line
$ printf '1 +\n' | spil repl
? 2
! spil: repl: stdin:1: unexpected symbol near <eof>
!! near ';'
$ printf '1 +\n41\nx = (2 *\n3)\nx\n' | spil repl
> 42
> 6
$ printf 'x = 3 -- a comment\nx -- and another\nreturn x + 1\n' | spil repl
> 3
> 4

=== cli-repl-9: a runaway expression is stopped by the sandbox's limits
$ printf 'while true do end\n' | spil repl zuid-holland-zuid
? 2
! spil: repl: stdin:1: instruction limit (100000000) exceeded
$ printf 't = {} for i = 1, 1e9 do t[i] = i end\n' | spil repl
? 2
! spil: repl: stdin:1: memory limit (64 MiB) exceeded
$ printf 'pcall(function() while true do end end)\nprint("escaped")\n' | spil repl
? 2
>! escaped
! spil: repl: stdin:1: instruction limit (100000000) exceeded

=== cli-repl-10: sql() returns rows as tables and prints them as columns
$ printf 'sql("select id, name from region order by id")\nr = sql("select count(*) as n from region_municipality")\nr[1].n, #r\n' | spil repl
> id                 name
> -----------------  -----------------
> flevoland          Flevoland
> zuid-holland-zuid  Zuid-Holland Zuid
> (2 rows)
> 16	1

=== cli-repl-11: sql() refuses writes, more than one statement, and the raw numbers of figures, with the store's message
$ printf 'sql("delete from region")\n' | spil repl
? 2
! spil: repl: stdin:1: sql: only reading statements are allowed here; change data with the validated operations (load, sign, decide, assign, fund)
$ printf 'sql("select 1; delete from region")\n' | spil repl
? 2
! spil: repl: stdin:1: sql: give one statement at a time
$ printf 'sql("select area, numerator from measurement")\n' | spil repl
? 2
! spil: repl: stdin:1: sql: the numbers of measurements are read with spil.figures, which leaves out values about fewer persons than the setting suppress-below
$ printf '#sql("select id from region")\n' | spil repl
> 2

=== cli-repl-20: sql() has the time limit of the statement (SPIL_TIME_LIMIT): an endless recursive query stops with a message, and the session goes on
$ printf 'ok, e = pcall(sql, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")\nok, e\n#sql("select id from region")\n' | SPIL_TIME_LIMIT=1 spil repl
> false	sql: stopped after 1.0 s, the time limit of one statement (SPIL_TIME_LIMIT); narrow the query, or add a LIMIT
> 2

=== cli-repl-12: begin/commit/rollback wrap a transaction; one left open is rolled back
$ printf 'begin()\nsql("select 1 as one")[1].one\ncommit()\nbegin()\nrollback()\n' | spil repl
> 1
!= (empty)
$ printf 'commit()\n' | spil repl
? 2
! spil: repl: stdin:1: no transaction is open (begin() opens one)
$ printf 'begin()\nuse("flevoland")\n' | spil repl
? 2
! spil: repl: stdin:2: use() is refused while a transaction is open: commit() or rollback() first
! spil: repl: the open transaction was rolled back (commit() keeps changes)

=== cli-repl-13: without a region, status() lists the regions and use() selects one
$ printf 'status()\nuse("flevoland")\n#municipalities()\n' | spil repl
> 2 regions; select one with use("id"):
>   flevoland                Flevoland
>   zuid-holland-zuid        Zuid-Holland Zuid
> Region flevoland (Flevoland): 6 municipalities.
> 6
$ printf 'municipalities()\n' | spil repl
? 2
! spil: repl: stdin:1: municipalities() needs a region: select one with use("id") (regions() lists them)
$ printf 'use("nope")\n' | spil repl
? 2
! spil: repl: stdin:1: no region 'nope' in the database (regions() lists them)

=== cli-repl-14: status(), check() and explain() answer from the region's programme
$ printf 'status()\n' | spil repl zuid-holland-zuid
> Zuid-Holland Zuid (zuid-holland-zuid)
>   municipalities (10): Alblasserdam, Dordrecht, Gorinchem, Hardinxveld-Giessendam,
>~ kansrijke-start    step coalitie since 2023-04-01:
$ printf 'r = check()\nr.programme, r.step, type(r.ready), #r.findings == r.blocking + r.advisory\nexplain(1)\n' | spil repl zuid-holland-zuid
> kansrijke-start	coalitie	boolean	true
>~ finding [1] of check
>~   in step verkenning (Verkenning) of kansrijke-start
$ printf 'check("nope")\n' | spil repl zuid-holland-zuid
? 2
!~ spil: repl: stdin:1: check: programme 'kansrijke-start' has no step 'nope' (steps:
$ printf 'explain(1)\n' | spil repl zuid-holland-zuid
? 2
! spil: repl: stdin:1: explain: run check() first; explain(n) tells about its finding n

=== cli-repl-15: help() lists the helpers and the data API; help(fn) tells more
$ printf 'help()\nhelp(check)\nhelp(spil.organisations)\nhelp(42)\n' | spil repl zuid-holland-zuid
> Helpers (help(fn) or help("name") tells more):
>   check([programme,] [step]) run a step's readiness checks and list every finding, numbered
>   spil.organisations()       the region's organisations: a fresh list of rows
> check([programme,] [step])
>   run a step's readiness checks and list every finding, numbered.
> spil.organisations()
> No help for this number; help() lists what has help.
$ printf 'help()\n' | spil repl zuid-holland-zuid | grep -c -e '^  spil.catalogue()' -e '^  spil.figures('
> 2
$ printf 'help()\n' | spil repl zuid-holland-zuid | grep '^  ' | awk '{print $1}' | sort | uniq -d | grep -c .
? 1
> 0

=== cli-repl-16: exit(code) ends the session with that code; nothing after it runs
$ printf 'exit(4)\nprint("no")\n' | spil repl
? 4
>= (empty)

=== cli-repl-17: a missing region or database is a usage error
$ spil repl nope
? 2
! spil: repl: no region 'nope' in spil.db (known: flevoland, zuid-holland-zuid). Try 'spil regions'.
$ spil repl --db missing.db
? 2
! spil: repl: no database at missing.db; create one with 'spil init' or 'spil load DIR'

=== cli-repl-18: spil run runs a script with arg and ..., in the region when one is named first
$ printf 'print(select("#", ...), arg[0], ...)\nif spil.region() then print(spil.region().id, #municipalities()) end\nif arg[1] == "fail" then error("asked to fail") end\nif arg[1] == "exit" then exit(3) end\n' > s.lua
$ spil run s.lua a b
> 2	s.lua	a	b
!= (empty)
$ spil run zuid-holland-zuid s.lua x
> 1	s.lua	x
> zuid-holland-zuid	10
$ spil run zuid-holland-zuid s.lua fail
? 2
! spil: run: s.lua:3: asked to fail
$ spil run s.lua exit
? 3

=== cli-repl-19: spil run's mistakes: a missing script, a region without a script, use()
$ spil run nope.lua
? 2
! spil: run: cannot read nope.lua (No such file or directory)
$ spil run zuid-holland-zuid
? 2
! spil: run: missing SCRIPT.lua after the region 'zuid-holland-zuid'
$ printf 'use("flevoland")\n' > u.lua && spil run u.lua
? 2
! spil: run: u.lua:1: use() switches the REPL's region; a script names its region on the command line: spil run REGION SCRIPT.lua

=== cli-repl-rec-1: sign(), assign(), decide() record like the CLI; inside begin() they stay or go together
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null
$ printf 'sign("regioplan", "vgz", {reason = "brief van 3 maart"})\n' | spil repl zuid-holland-zuid
>   ~ regioplan/vgz: status invited -> signed, date 2024-03-01 -> 2026-01-15
$ spil log zuid-holland-zuid --limit 1
>~ sign     change party regioplan/vgz  (zuid-holland-zuid)  reason: brief van 3 maart
$ printf 'begin()\nassign("voorzitter", "regiocoordinator", {hours = 16, formal = true})\ndecide("d1", {body = "coalitie", subject = "Werkagenda", kind = "decision", positions = {vgz = "for+mandate"}})\nrollback()\n' | spil repl zuid-holland-zuid
>   + voorzitter/regiocoordinator
>   + d1/vgz
$ sqlite3 spil.db "select count(*) from decision where id = 'd1'"
> 0
$ printf 'begin()\nassign("voorzitter", "regiocoordinator", {hours = 16})\ncommit()\n' | spil repl zuid-holland-zuid
$ sqlite3 spil.db "select hours from role_assignment where role = 'regiocoordinator'"
> 16.0

=== cli-repl-rec-2: a bad recording is refused with the loader's message, and the session stops (piped)
$ printf 'sign("regioplan", "vgzz")\nprint("not reached")\n' | spil repl zuid-holland-zuid
? 2
! spil: repl: stdin:1: sign: unknown organisation 'vgzz' in 'organisation'; did you mean 'vgz'?
>! not reached

=== cli-repl-rec-3: a NUL byte in a recorded value is refused, not cut at, and nothing is written
$ sqlite3 spil.db 'select count(*) from event' > before.txt
$ printf 'sign("regioplan\\0evil", "gem-dordrecht")\n' | spil repl zuid-holland-zuid
? 2
! spil: repl: stdin:1: sign: 'agreement' contains a NUL byte
$ printf 'assign("voorzitter", "czv", {hours = "8\\0000"})\n' | spil repl zuid-holland-zuid
? 2
! spil: repl: stdin:1: assign: 'hours' contains a NUL byte
$ sqlite3 spil.db 'select count(*) from event' | cmp - before.txt && echo unchanged
> unchanged

=== cli-repl-rec-4: an error inside begin() leaves the transaction open: later calls stay in it
$ printf 'begin()\nprint(pcall(fund, "rc-2027", {source = "gal", purpose = "rc", status = "agreed"}))\nsign("regioplan", "gem-gorinchem")\nrollback()\n' | spil repl zuid-holland-zuid
>~ false	fund: invalid source 'gal'
>   ~ regioplan/gem-gorinchem: status invited -> signed, date 2024-03-01 -> 2026-01-15
$ sqlite3 spil.db "select status from agreement_party where agreement = 'regioplan' and organisation = 'gem-gorinchem'"
> invited
$ printf 'begin()\nsign("regioplan", "gem-gorinchem", {status = "akkoord"})\nprint(pcall(sign, "regioplan", "gem-gorinchem", {signatory = "nobody"}))\ncommit()\n' | spil repl zuid-holland-zuid
$ sqlite3 spil.db "select status, date, signatory is null from agreement_party where agreement = 'regioplan' and organisation = 'gem-gorinchem'"
> agreed|2026-01-15|1

=== cli-repl-rec-5: sign() again keeps the date unless date is given
$ printf 'sign("regioplan", "gem-gorinchem", {status = "agreed"})\n' | SPIL_NOW=2026-02-01T09:00:00Z spil repl zuid-holland-zuid
> 0
$ printf 'sign("regioplan", "gem-gorinchem", {status = "akkoord", date = "2026-01-20"})\n' | spil repl zuid-holland-zuid
>   ~ regioplan/gem-gorinchem: date 2026-01-15 -> 2026-01-20

=== cli-repl-rec-5b: decide() reads a position's mandate as spil decide does: +mandaat, +zonder-mandaat, or the seat's
$ printf 'decide("d2", {body = "coalitie", subject = "S", kind = "decision", positions = {vgz = "voor+mandaat", ouders = "for", ["gem-dordrecht"] = "against+zonder-mandaat"}})\n' | spil repl zuid-holland-zuid > /dev/null
$ sqlite3 spil.db "select organisation, position, coalesce(mandate, 'seat') from decision_position where decision = 'd2' order by organisation"
> gem-dordrecht|against|0
> ouders|for|seat
> vgz|for|1
$ printf 'decide("d3", {body = "coalitie", subject = "S", kind = "decision", positions = {vgz = "for+mandat"}})\n' | spil repl zuid-holland-zuid
? 2
!~ decide: after the position only '+mandate' or '+no-mandate' may follow, not '+mandat'
$ sqlite3 spil.db "select count(*) from decision where id = 'd3'"
> 0

=== cli-repl-rec-6: the recorders take schema 3's fields, and an unknown option is refused, never ignored
$ printf 'decide("college-dordrecht", {organisation = "gem-dordrecht", organ = "college", topic = "deelname", subject = "Deelname", kind = "besluit", outcome = "aangenomen"})\nassign("voorzitter", "netwerkregisseur", {tasks = "netwerkregie", focus = "strategisch"})\n' | spil repl zuid-holland-zuid
>   + college-dordrecht
$ sqlite3 spil.db "select organ, topic, outcome from decision where id = 'college-dordrecht'; select tasks, focus from role_assignment where person = 'voorzitter' and role = 'netwerkregisseur'"
> college|deelname|adopted
> netwerkregie|strategic
$ sqlite3 spil.db 'select count(*) from event' > before.txt
$ printf 'assign("voorzitter", "czv", {hourz = 8})\n' | spil repl zuid-holland-zuid
? 2
!~ assign: unknown option 'hourz' (options: municipality, hours, since, until, formal, tasks, mandate, focus, reviewed, reason)
$ sqlite3 spil.db 'select count(*) from event' | cmp - before.txt && echo unchanged
> unchanged

=== cli-repl-nvt: check() shows a check that does not apply with its reason (NVT / n/a) and counts it before the verdict, as spil check does
$ mkdir n && printf 'spil: 1\nregion: {id: n, name: N}\nprogrammes: [{programme: jzojp, step: regiocoordinator}]\n' > n/region.yaml && spil --db n.db load n > /dev/null
$ printf 'r = check()\nr.not_applicable, r.checks[4].status, r.checks[4].reason\nr\n' | spil --db n.db repl n
> 1	not_applicable	the region has no wethouder as bestuurlijk aanspreekpunt, so no mandate to agree
> n/a  aanspreekpunt-mandaat  Rol en mandaat van het bestuurlijk aanspreekpunt afgesproken (n/a: the region has no wethouder as bestuurlijk aanspreekpunt, so no mandate to agree)
> 1 check does not apply to the region (n/a: the reason is beside it).
> NOT READY to leave step regiocoordinator: 1 blocking finding, 2 advisory. explain(n) tells more.
$ printf 'check()\n' | SPIL_LANG=nl spil --db n.db repl n
> NVT     aanspreekpunt-mandaat  Rol en mandaat van het bestuurlijk aanspreekpunt afgesproken (n.v.t.: de regio heeft geen wethouder als bestuurlijk aanspreekpunt, dus geen mandaat om af te spreken)
> 1 controle is niet van toepassing op de regio (n.v.t.: de reden staat erbij).
