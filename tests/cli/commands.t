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
>~   --dry-run    show what would change, write nothing

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
! spil: status: spil.db was written by a newer spil (schema 99; this spil knows up to 2): upgrade spil

=== cli-cmd-8: a read-only database is reported as a storage error, not a crash
$ sqlite3 spil.db 'pragma user_version = 2' && cp -r $ROOT/regions/zuid-holland-zuid zhz && sed -i 's/meetings_per_year: 4/meetings_per_year: 5/' zhz/region.yaml
$ spil load zhz --db 'file:spil.db?mode=ro'
? 3
! spil: load: storage error: forgetting readiness: attempt to write a readonly database
$ spil export zuid-holland-zuid | grep -c 'meetings_per_year: 4'
> 1
