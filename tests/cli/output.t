# How much spil says and in which colours (cases cli-out-N): -q only errors and the verdict
# line, -v more detail, --color=auto|always|never and --no-color; NO_COLOR honoured, colour by
# default only on a terminal (script(1) gives the command one).

=== cli-out-1: load -q prints the summary line alone, not the diff
$ spil load -q $ROOT/regions/zuid-holland-zuid
> Loaded zuid-holland-zuid into spil.db: 206 added, 0 changed, 0 removed.
$ spil load -q $ROOT/regions/zuid-holland-zuid --dry-run | wc -l
> 1
$ spil -q load $ROOT/regions/flevoland | wc -l
> 1

=== cli-out-2: load -v names the scripts that ran and counts the rows that stayed
$ spil load -v $ROOT/regions/zuid-holland-zuid
> script ran: rules.lua
> 206 rows unchanged
> zuid-holland-zuid is up to date in spil.db: nothing changed.

=== cli-out-3: check -q prints the verdict line alone, naming region and programme; the exit code is the same
$ spil check -q zuid-holland-zuid
? 1
> zuid-holland-zuid (kansrijke-start): NOT READY to leave step coalitie: 25 blocking findings, 4 advisory.
$ spil check -q zuid-holland-zuid | wc -l
> 1
$ spil -q check --all
? 1
> 0 ready, 2 not ready.
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: signed}\n' | spil check -q zuid-holland-zuid --assume -
? 1
> zuid-holland-zuid (kansrijke-start): NOT READY to leave step coalitie: 24 blocking findings, 4 advisory.

=== cli-out-4: check -v shows the source of passing checks too
$ spil check zuid-holland-zuid | grep -c 'source:'
> 6
$ spil check -v zuid-holland-zuid | grep -c 'source:'
> 15

=== cli-out-5: -q keeps errors, and the recording commands keep their Recorded line
$ spil sign -q zuid-holland-zuid regioplan vgz --status agreed
> Recorded in spil.db (0 added, 1 changed). 'spil export zuid-holland-zuid' writes the region file.
$ spil sign -q zuid-holland-zuid regioplan vgz --status agred
? 2
! spil: sign: invalid status 'agred'; expected one of: invited, agreed, signed, declined, withdrawn; did you mean 'agreed'?

=== cli-out-6: test -q prints only failures and the tally
$ spil test -q $ROOT/regions/zuid-holland-zuid
> 27 passed, 0 failed
$ spil test -q $ROOT/regions/zuid-holland-zuid | wc -l
> 1

=== cli-out-7: -q and -v together are refused; so are --no-color and --color=always
$ spil check -q -v zuid-holland-zuid
? 2
! spil: check: give -q or -v, not both
$ spil check --no-color --color=always zuid-holland-zuid
? 2
! spil: check: give --no-color or --color=always, not both
$ spil check --color=sometimes zuid-holland-zuid
? 2
! spil: check: --color takes auto, always or never, not 'sometimes'

=== cli-out-8: colour: none into a pipe, --color=always forces it (over NO_COLOR), --no-color and NO_COLOR keep a terminal plain
$ spil check zuid-holland-zuid | grep -c $'\033\['
? 1
> 0
$ spil check --color=always zuid-holland-zuid | grep -c $'\033\[31mNOT READY'
> 1
$ spil --color always status | grep -c $'\033\['
> 4
$ script -qc 'env -u NO_COLOR spil status' /dev/null | grep -c $'\033\['
> 4
$ script -qc 'spil status' /dev/null | grep -c $'\033\['
? 1
> 0
$ script -qc 'env -u NO_COLOR spil status --no-color' /dev/null | grep -c $'\033\['
? 1
> 0
$ script -qc 'env -u NO_COLOR spil status --color=never' /dev/null | grep -c $'\033\['
? 1
> 0
