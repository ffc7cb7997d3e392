# The limits of region code that need a clock or a lot of output (cases cli-limits-N); the
# others are in tests/sandbox/ and tests/unit/test_sbx.c. docs/sandbox.md has the table.

=== cli-limits-1: work done in C (8 MB upper() in a loop) meets the wall-clock limit, which SPIL_TIME_LIMIT sets
$ mkdir -p r && printf 'spil: 1\nregion: {id: r, name: R, scripts: [main.lua]}\n' > r/region.yaml
$ printf 'local s = ("x"):rep(8e6)\nfor i = 1, 1e6 do s:upper() end\n' > r/main.lua && SPIL_TIME_LIMIT=0.5 spil validate r
? 2
! r/main.lua:2: error: time limit (0.5 s) exceeded
$ printf 'return {}\n' > r/main.lua && SPIL_TIME_LIMIT=soon spil validate r
! spil: SPIL_TIME_LIMIT is seconds, more than 0 and at most 3600, not 'soon': the limit stays 5 s

=== cli-limits-2: print writes at most 1 MiB per run of region code, then says it cut the rest
$ printf 'for i = 1, 3000 do print(("y"):rep(1000)) end\n' > r/main.lua && spil validate r 2> err.txt
> r/region.yaml: valid (2 rows, 1 scripts ran)
$ tail -n 1 err.txt; wc -c < err.txt
> [print: output cut after 1048576 bytes, the limit of one run of region code]
> 1048654

=== cli-limits-3: os.time() and os.date() in region code follow SPIL_NOW, as spil's own today does
$ printf 'print(os.time(), os.date("!%%Y-%%m-%%dT%%H:%%M:%%S"), os.date("*t").year)\n' > r/main.lua && spil validate r
! 1768471200	2026-01-15T10:00:00	2026
$ printf 'print(os.time() > 1768471200)\n' > r/main.lua && SPIL_NOW= spil validate r
! true
