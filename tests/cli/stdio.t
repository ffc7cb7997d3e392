# '-' is standard input or output wherever spil reads or writes a file (cases cli-stdio-N).
# Messages name standard input '<stdin>' (a Lua chunk 'stdin', as lua(1) does).

=== cli-stdio-1: export -o - writes to standard output and leaves no file named '-'
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && spil export zuid-holland-zuid > plain.yaml
$ spil export zuid-holland-zuid -o - > dash.yaml && cmp plain.yaml dash.yaml && echo same
> same
$ ls -- -
? 2
$ spil export zuid-holland-zuid --output - | head -1
> spil: 1

=== cli-stdio-2: validate - and load - read region.yaml from standard input, its scripts from the current folder
$ spil export zuid-holland-zuid > z.yaml && cd $ROOT/regions/zuid-holland-zuid && spil validate - < $OLDPWD/z.yaml
> <stdin>: valid (206 rows, 1 scripts ran)
$ cp $ROOT/regions/zuid-holland-zuid/*.lua . && spil export zuid-holland-zuid | spil load - --db other.db
> Loaded zuid-holland-zuid into other.db: 206 added, 0 changed, 0 removed.
$ printf 'spil: 1\nregion: {id: x, name: X}\ngemeentes: []\n' | spil validate -
? 2
! <stdin>:3:1: error: unknown key 'gemeentes' in the top level; did you mean 'municipalities'?
$ spil export zuid-holland-zuid | spil load - - --db third.db
? 2
! spil: load: '-' (standard input) is given more than once; give it once
$ ls third.db
? 2

=== cli-stdio-3: check --assume - reads the change file from standard input and writes nothing
$ sqlite3 spil.db 'select count(*) from event' > before.txt
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: signed}\n' | spil check zuid-holland-zuid --assume -
? 1
> Assuming <stdin> (nothing is written):
>   ~ regioplan/vgz: status invited -> signed
> It would clear 1 finding:
$ sqlite3 spil.db 'select count(*) from event' | cmp - before.txt && echo unchanged
> unchanged
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: sined}\n' | spil check zuid-holland-zuid --assume -
? 2
! <stdin>:4:37: error: invalid status 'sined'; expected one of: invited, agreed, signed, declined, withdrawn; did you mean 'signed'?

=== cli-stdio-4: import measurements - reads the CSV from standard input, problems named <stdin>:LINE
$ printf 'indicator,area,period,value,numerator,denominator\nks-01,GM0505,2024Q1,30.0,30,100\n' | spil import measurements -
> Imported <stdin> into spil.db: 1 row, 1 added, 0 changed, 0 unchanged.
$ sqlite3 spil.db "select count(*) from measurement"
> 1
$ printf 'indicator,area,period,value\nks-01,GM0505,2024Q5,3\n' | spil import measurements - 2>&1 | grep -c '^<stdin>:2'
> 1
$ printf 'indicator,area,period,value\nks-01,GM0505,2024Q5,3\n' | spil import measurements -
? 2
$ printf 'indicator,area,period,value\nks-01,GM0512,2024Q1,3\nks-01,GM0512,2024Q1,3\n' | spil import measurements -
? 2
! <stdin>:3: error: the same indicator, area and period as an earlier line; each indicator, area and period once per file

=== cli-stdio-5: run - runs a script from standard input, with and without a region; its errors name stdin
$ printf 'print(1 + 1)\nprint(...)\n' | spil run - a b
> 2
> a	b
$ printf 'print(#spil.municipalities())\n' | spil run zuid-holland-zuid -
> 10
$ printf 'print(1 +)\n' | spil run zuid-holland-zuid -
? 2
!~ stdin:1:
