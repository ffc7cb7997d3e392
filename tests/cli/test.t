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
