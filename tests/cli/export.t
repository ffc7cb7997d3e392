# spil export: a region back to YAML that loads to the same state (cases cli-export-N).

=== cli-export-1: export of a loaded region loads into a fresh database to the same state
$ spil load $ROOT/regions/zuid-holland-zuid >/dev/null && spil export zuid-holland-zuid > first.yaml
$ mkdir rt && cp first.yaml rt/region.yaml && cp $ROOT/regions/zuid-holland-zuid/*.lua rt/
$ spil load rt --db second.db
> Loaded zuid-holland-zuid into second.db: 206 added, 0 changed, 0 removed.
$ spil load $ROOT/regions/zuid-holland-zuid --db second.db
> zuid-holland-zuid is up to date in second.db: nothing changed.

=== cli-export-2: exporting the reloaded region gives byte-identical output
$ spil export zuid-holland-zuid --db second.db > second.yaml && cmp first.yaml second.yaml && echo same
> same

=== cli-export-3: -o writes the file, and the output is readable YAML with flow rows
$ spil export zuid-holland-zuid -o out.yaml && cmp out.yaml first.yaml && echo same
> same
$ head -3 out.yaml
> spil: 1
> region:
>   id: zuid-holland-zuid

=== cli-export-4: an unknown region is a usage error naming the known ones
$ spil export zhz
? 2
! spil: export: no region 'zhz' in spil.db (known: zuid-holland-zuid). Try 'spil regions'.
$ spil export zhz -o never.yaml
? 2
$ ls never.yaml
? 2
