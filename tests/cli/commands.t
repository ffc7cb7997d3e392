# The command line itself: help, usage errors, exit codes, read commands (cases cli-cmd-N).

=== cli-cmd-1: spil --help lists every command and the exit codes
$ spil --help
>~ Usage: spil COMMAND [ARGS] [OPTIONS]
>~ load DIR
>~ validate DIR
>~ Exit codes: 0 ok, 1 not ready or refused, 2 bad input or usage, 3 internal or
$ spil
? 2
!~ Usage: spil COMMAND

=== cli-cmd-2: every command has --help on stdout with exit 0
$ for c in init load validate regions status export log; do spil $c --help | head -1; done
> Usage: spil init
> Usage: spil load DIR [DIR...]
> Usage: spil validate DIR
> Usage: spil regions
> Usage: spil status [REGION]
> Usage: spil export REGION
> Usage: spil log [REGION]
$ spil help load
>~   --dry-run       show what would change, write nothing

=== cli-cmd-3: usage errors are one line with a suggestion and where to find help
$ spil lood x
? 2
! spil: unknown command 'lood'; did you mean 'load'?
! Try 'spil --help'.
$ spil load x --dryrun
? 2
! spil: load: unknown option '--dryrun'; did you mean '--dry-run'?
! Try 'spil load --help'.
$ spil load
? 2
! spil: load: missing DIR [DIR...]
$ spil log --limit zero
? 2
! spil: log: --limit takes a whole number above 0, not 'zero'

=== cli-cmd-4: read commands on a missing database say how to make one
$ spil status
? 2
! spil: status: no database at spil.db; create one with 'spil init' or 'spil load DIR'
$ ls spil.db
? 2

=== cli-cmd-5: status and regions show the region, its municipalities and programme step
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null
$ spil status
> Zuid-Holland Zuid (zuid-holland-zuid)
>~ municipalities (10): Alblasserdam, Dordrecht, Gorinchem
>~   kansrijke-start    step coalitie since 2023-04-01: not ready, 
$ spil status zuid-holland-zuid --json
>~ "code": "GM0505",
>~ "name": "Dordrecht",
>~ "programme": "kansrijke-start",
$ spil status fryslan
? 2
! spil: status: no region 'fryslan' in spil.db (known: zuid-holland-zuid). Try 'spil regions'.
$ spil regions --json
>~ "id": "zuid-holland-zuid",

=== cli-cmd-6: $SPIL_DB chooses the database, --db overrides it
$ SPIL_DB=spil.db spil regions --db other.db
? 2
! spil: regions: no database at other.db; create one with 'spil init' or 'spil load DIR'

=== cli-cmd-7: a database from a newer spil is refused with exit 3, nothing changed
$ sqlite3 spil.db 'pragma user_version = 99' && spil status
? 3
! spil: status: spil.db was written by a newer spil (schema 99; this spil knows up to 6): upgrade spil

=== cli-cmd-8: a read-only database is reported as a storage error, not a crash
$ sqlite3 spil.db 'pragma user_version = 6' && cp -r $ROOT/regions/zuid-holland-zuid zhz && sed -i 's/meetings_per_year: 4/meetings_per_year: 5/' zhz/region.yaml
$ spil load zhz --db 'file:spil.db?mode=ro'
? 3
! spil: load: file:spil.db?mode=ro is read-only (file permissions or read-only media): this command writes; read commands (status, check, export, log) still work
$ spil export zuid-holland-zuid | grep -c 'meetings_per_year: 4'
> 1

=== cli-cmd-9: global options may come before the command; the command still decides what it takes
$ spil --db other.db init
> Created other.db (schema 6).
$ spil --json regions
>~ "id": "zuid-holland-zuid",
$ spil --db other.db --json regions
> {
>~ "regions": []
$ spil --db other.db validate x
? 2
! spil: validate: unknown option '--db'
! Try 'spil validate --help'.
$ spil --dbb other.db regions
? 2
! spil: unknown option '--dbb'; did you mean '--db'?
! Try 'spil --help'.
$ spil --db
? 2
! spil: option '--db' needs a value
$ spil --db other.db regions --db spil.db
? 2
! spil: regions: option '--db' is given twice ('other.db', 'spil.db'); give it once
$ spil --help load
> Usage: spil load DIR [DIR...]
$ spil --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["command"], d["exit"], d["errors"][0]["message"])'
> None 2 missing COMMAND
$ spil
? 2
!~ Usage: spil COMMAND [ARGS] [OPTIONS]

=== cli-cmd-10: spil version, -V and --version name spil's version and the libraries it runs on
$ spil version
> spil 0.1.0 (schema 6)
>~ Lua 5.4.
>~ SQLite 3.
>~ libyaml 0.
>~ Jansson 2.
$ spil -V
> spil 0.1.0 (schema 6)
>~ SQLite 3.
$ spil --version
> spil 0.1.0 (schema 6)
$ spil --json version
>~ "sqlite": "3.
>~ "libyaml": "0.
$ spil --help
>   -V, --version   spil's version and those of the libraries it runs on
>~   version            spil's version and the versions of the libraries it runs on
$ spil version extra
? 2
! spil: version: unexpected argument 'extra'
$ spil -V extra
? 2
! spil: version: unexpected argument 'extra'
$ spil trend ks-01 NL --by ''
? 2
! spil: trend: --by takes year, quarter or month, not ''

=== cli-cmd-11: option values are checked (recorded values by the loader, as in region.yaml), and nothing is written
$ sqlite3 spil.db 'select count(*) from event' > before.txt
$ spil sign zuid-holland-zuid regioplan gem-dordrecht --date 2026-13-01
? 2
! spil: sign: 'date' must be a date YYYY-MM-DD, got '2026-13-01'; there is no month 13
$ spil assign zuid-holland-zuid voorzitter regiocoordinator --hours 16u
? 2
! spil: assign: 'hours' must be a number such as 12 or 4.5, got '16u'
$ spil fund zuid-holland-zuid rc-2026 --source gala --purpose rc --amount 1,5 --status agreed
? 2
! spil: fund: 'amount' must be a number such as 12 or 4.5, got '1,5'; write it with a decimal point: 1.5
$ spil fund zuid-holland-zuid rc-2026 --since 2026-02-30
? 2
! spil: fund: 'since' must be a date YYYY-MM-DD, got '2026-02-30'; February 2026 has 28 days
$ spil trend ks-01 NL --by=week
? 2
! spil: trend: --by takes year, quarter or month, not 'week'
$ spil log --limit 2 --limit 3
? 2
! spil: log: option '--limit' is given twice ('2', '3'); give it once
$ spil log --json=yes
? 2
! spil: log: option '--json' takes no value
$ spil export zuid-holland-zuid -x
? 2
! spil: export: unknown option '-x'
$ sqlite3 spil.db 'select count(*) from event' | cmp - before.txt && echo unchanged
> unchanged

=== cli-cmd-12: spil help COMMAND is COMMAND's --help; an unknown command gets a suggestion
$ spil help export
> Usage: spil export REGION
>   -o, --output FILE   write to FILE, atomically (without it, or with -: standard output)
$ spil help fund
>   --purpose P     what it pays for: rc, m&e, training, communicatie, materiaal,
$ spil help lood
? 2
! spil: unknown command 'lood'; did you mean 'load'?
$ spil help
>~ Usage: spil COMMAND [ARGS] [OPTIONS]
