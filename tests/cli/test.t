# spil test: running region rule tests (cases cli-test-N).

=== cli-test-1: passing and failing cases are reported with file and line, then the tally
$ mkdir -p r/tests && printf 'spil: 1\nregion: {id: r, name: R}\nprogrammes: [{programme: kansrijke-start, step: coalitie}]\n' > r/region.yaml
$ printf 'local t = require "spil.test"\nt.case("one plus one", function() t.equal(1 + 1, 2) end)\nt.case("a wrong sum", function()\n  t.equal(1 + 1, 3, "sum")\nend)\n' > r/tests/sum_test.lua
$ spil test r
? 1
> r/tests/sum_test.lua
>   ok - one plus one
>   not ok - a wrong sum
>       r/tests/sum_test.lua:4: sum: expected 3, got 2
> 1 passed, 1 failed
$ spil test -q r
? 1
> r/tests/sum_test.lua
>   not ok - a wrong sum
>       r/tests/sum_test.lua:4: sum: expected 3, got 2
> 1 passed, 1 failed
>! ok - one plus one

=== cli-test-2: a case sees the fixture region through the checks, and changes nothing
$ printf 'local t = require "spil.test"\nt.case("no coalitie body yet", function()\n  local res = t.check("kansrijke-start")\n  t.finding(res, { check = "coalitie", missing = "there is no coalitie" })\nend)\n' > r/tests/sum_test.lua
$ spil test r/tests/sum_test.lua
> 1 passed, 0 failed

=== cli-test-3: a fixture can be named, and a folder without tests is an error
$ mkdir -p other && printf -- '--! fixture: ../r\nlocal t = require "spil.test"\nt.case("named fixture", function() t.equal(require("spil").region().id, "r") end)\n' > other/x_test.lua
$ spil test other
> 1 passed, 0 failed
$ mkdir empty && spil test empty
? 2
! spil: test: no *_test.lua files found

=== cli-test-4: a named fixture without scripts runs the maatwerk of the region the test belongs to
$ mkdir -p m/tests/fixtures/klein && printf 'spil: 1\nregion: {id: m, name: M, scripts: [eigen.lua]}\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\n' > m/region.yaml
$ printf 'local P = require "spil.programme"\nlocal p = P.extend(require "programmes.kansrijke_start")\np:add_check("verkenning", P.check { id = "eigen", name = "Own check", run = function(ctx) ctx:finding { missing = "own finding" } end })\nP.use(p)\nreturn {}\n' > m/eigen.lua
$ printf 'spil: 1\nregion: {id: klein, name: Klein}\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\n' > m/tests/fixtures/klein/region.yaml
$ printf -- '--! fixture: fixtures/klein\nlocal t = require "spil.test"\nt.case("the region check runs on the fixture", function()\n  t.finding(t.check("kansrijke-start"), { check = "eigen", missing = "own finding" })\nend)\n' > m/tests/eigen_test.lua
$ spil test m
> 1 passed, 0 failed

=== cli-test-5: t.check and t.advance run what spil check and spil advance run (one door): the same result
$ cp -r "$ROOT/tests/cli/fixtures/one-door" . && spil load one-door >/dev/null
$ spil check one-door --json > check.json; spil advance one-door --as rc --json > plan.json; spil test one-door 2> test.err
> 1 passed, 0 failed
$ python3 -c 'import json, sys; t = {l.split(" ", 1)[0]: json.loads(l.split(" ", 1)[1]) for l in open("test.err") if l[:6] in ("CHECK ", "PLAN {")}; c = json.load(open("check.json"))["result"]["results"][0]; p = json.load(open("plan.json"))["result"]; [d.pop("region") for d in (c, p)]; print("same check" if c == t["CHECK"] else "check differs"); print("same plan" if p == t["PLAN"] else "plan differs"); print(len(c["checks"]), "checks", c["blocking"], "blocking", sum(ch["status"] == "error" for ch in c["checks"]), "failed")'
> same check
> same plan
>~ checks

=== cli-test-6: a spec part t.holds does not know is a failure, never an assertion that checks nothing
$ mkdir -p typo/tests && cp "$ROOT/regions/ijmond/region.yaml" "$ROOT/regions/ijmond/igo.lua" typo/ && printf -- '--! lang: en\nlocal t = require "spil.test"\nt.case("typo", function() t.holds(t.check("kansrijke-start"), { advisory = { "kartrekker" } }) end)\nt.case_table("kansrijke-start", { { "typo in a table", pas = { "kartrekker" } } })\n' > typo/tests/typo_test.lua
$ spil test typo
? 1
>~ not ok - typo
>~ the spec has no part 'advisory' (parts: advises, blocking, blocks, fail, finding, no_finding, not_applicable, pass, ready, waiting)
>~ not ok - typo in a table
>~ the spec has no part 'pas'
> 0 passed, 2 failed
