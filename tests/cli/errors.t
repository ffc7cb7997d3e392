# One error format (cases cli-err-N): `spil: COMMAND: message` on standard error; the line
# `Try 'spil COMMAND --help'.` only after an error in how the command is called, where --help
# shows the fix; `file:line:col: error: message` for a problem in a file.

=== cli-err-1: an error in how a command is called says so, then where its help is
$ spil log --limit 0
? 2
! spil: log: --limit takes a whole number above 0, not '0'
! Try 'spil log --help'.
$ spil check
? 2
! spil: check: give a REGION, or --all for every region
! Try 'spil check --help'.
$ spil decide zuid-holland-zuid x vgz
? 2
! Try 'spil decide --help'.

=== cli-err-2: an error whose fix is not in the command line gets no help hint
$ spil status
? 2
! spil: status: no database at spil.db; create one with 'spil init' or 'spil load DIR'
!! Try
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && spil trend ks-01 Dordrech
? 2
! spil: trend: unknown area 'Dordrech'; did you mean 'Dordrecht'?
!! Try
$ spil check zuid-holland-zuid --step nope
? 2
! spil: check: programme 'kansrijke-start' has no step 'nope' (steps: verkenning, coalitie, uitvoering)
!! Try
$ spil export zuid-holland-zuid -o /nonexistent/x.yaml
? 2
! spil: export: cannot write /nonexistent/x.yaml: No such file or directory
!! Try
$ spil test nope
? 2
! spil: test: no such file or folder: nope
!! Try
$ spil setting colour 3
? 2
! spil: setting: unknown setting 'colour'; the settings are suppress-below and lang
!! Try

=== cli-err-3: a bad value given to a recording command reads spil: COMMAND: message, like every other error
$ spil sign zuid-holland-zuid regioplan vgz --status sined
? 2
! spil: sign: invalid status 'sined'; expected one of: invited, agreed, signed, declined, withdrawn; did you mean 'signed'?
!! error:
!! Try
$ spil assign zuid-holland-zuid voorzitter czv --hours acht --until 2025-13-01
? 2
! spil: assign: 'hours' must be a number such as 12 or 4.5, got 'acht'
! spil: assign: 'until' must be a date YYYY-MM-DD, got '2025-13-01'; there is no month 13

=== cli-err-4: an unknown region names the ones there are, and the command that lists them
$ spil status fryslan
? 2
! spil: status: no region 'fryslan' in spil.db (known: zuid-holland-zuid). Try 'spil regions'.

=== cli-err-5: a problem in a file keeps the compiler's form file:line:col: error:
$ mkdir r && printf 'spil: 1\nregion: {id: r, name: R}\ngemeentes: []\n' > r/region.yaml && spil validate r
? 2
! r/region.yaml:3:1: error: unknown key 'gemeentes' in the top level; did you mean 'municipalities'?
!! Try
