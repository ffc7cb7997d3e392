# Lists keep their order: what region.yaml lists in order, spil export gives back in that order
# (cases cli-export-order-N). tests/cli/yaml-lists prints every list of a file item by item.

=== cli-export-order-1: every example region comes back out of export with each list in its file's order
$ for r in $ROOT/regions/*/; do id=$(basename $r); spil load $r --db $id.db > /dev/null && spil export $id --db $id.db > $id.yaml && $ROOT/tests/cli/yaml-lists $r/region.yaml > $id.want && $ROOT/tests/cli/yaml-lists $id.yaml | diff $id.want - > /dev/null && echo "$id same"; done
> flevoland same
> fryslan same
> ijmond same
> vallei same
> zuid-holland-zuid same
$ wc -l < zuid-holland-zuid.want && grep -c . fryslan.want
> 205
> 229
$ grep -m3 '^agreements.regioplan.parties' zuid-holland-zuid.want
> agreements.regioplan.parties: gem-alblasserdam
> agreements.regioplan.parties: gem-dordrecht
> agreements.regioplan.parties: gem-gorinchem
$ grep '^municipalities' zuid-holland-zuid.want | head -8 | tail -3
> municipalities: GM1963
> municipalities: GM1978
> municipalities: GM0590
$ grep 'topics' zuid-holland-zuid.yaml
>   topics: [doel, werkagenda, verantwoordelijkheden, financiering]

=== cli-export-order-2: a file that lists the same rows in another order is a change: loaded, logged once per list, exported in the new order
$ cp -r $ROOT/regions/ijmond ij && spil load ij > /dev/null
$ sed -i 's/^      - Kennismaken$/      - KENNIS/; s/^      - Visie op een kansrijke start$/      - Kennismaken/; s/^      - KENNIS$/      - Visie op een kansrijke start/' ij/region.yaml && grep -A3 '^    agenda:' ij/region.yaml | head -4
>     agenda:
>       - Visie op een kansrijke start
>       - Werkwijze van de IGO en van de gemeenten
>       - Kennismaken
$ spil load ij
> agenda: 1 in a new order
>   = bijeenkomst-2022-09: Visie op een kansrijke start, Werkwijze van de IGO en van de gemeenten, ...
> Loaded ijmond into spil.db: 0 added, 0 changed, 0 removed, 1 list in a new order.
$ spil load ij
> ijmond is up to date in spil.db: nothing changed.
$ sqlite3 spil.db "select command, action, entity, key, detail from event where action = 'reorder'"
> load|reorder|agenda item|bijeenkomst-2022-09|{"order":["bijeenkomst-2022-09/Visie op een kansrijke start","bijeenkomst-2022-09/Werkwijze van de IGO en van de gemeenten","bijeenkomst-2022-09/Kennismaken"]}
$ spil export ijmond | grep -m1 'agenda:'
>   agenda: [Visie op een kansrijke start, Werkwijze van de IGO en van de gemeenten, Kennismaken]
$ spil --json load ij --dry-run | grep '"reordered"'
>~ "reordered": 0,

=== cli-export-order-3: a removed row leaves the others in place; an added row goes where the file puts it (a new order unless that is the end)
$ sed -i '/- {organisation: gem-beverwijk, membership: member}/d' ij/region.yaml && spil load ij
> members: 1 removed
>   - bijeenkomsten/gem-beverwijk
> Loaded ijmond into spil.db: 0 added, 0 changed, 1 removed.
$ sed -i 's/^      - {organisation: gem-velsen, membership: member}$/&\n      - {organisation: gem-beverwijk, membership: member}/' ij/region.yaml && spil load ij
> members: 1 added
>   + bijeenkomsten/gem-beverwijk
> Loaded ijmond into spil.db: 1 added, 0 changed, 0 removed.
$ sed -i '/- {organisation: gem-beverwijk, membership: member}/d; s/^      - {organisation: igo-ijmond, .*$/&\n      - {organisation: gem-beverwijk, membership: member}/' ij/region.yaml && spil load ij
> members: 1 in a new order
>   = bijeenkomsten: igo-ijmond, gem-beverwijk, gem-heemskerk, gem-velsen
> Loaded ijmond into spil.db: 0 added, 0 changed, 0 removed, 1 list in a new order.
$ sed -i 's/^      - {organisation: igo-ijmond, .*$/&\n      - {organisation: gem-ijmuiden, membership: member}/' ij/region.yaml && sed -i 's/^organisations:$/&\n  - {id: gem-ijmuiden, name: IJmuiden, kind: other}/' ij/region.yaml && spil load ij
> organisations: 1 added, 1 in a new order
>   + gem-ijmuiden
>   = gem-ijmuiden, gem-beverwijk, gem-heemskerk, gem-velsen, igo-ijmond
> members: 1 added, 1 in a new order
>   + bijeenkomsten/gem-ijmuiden
>   = bijeenkomsten: igo-ijmond, gem-ijmuiden, gem-beverwijk, gem-heemskerk, gem-velsen
> Loaded ijmond into spil.db: 2 added, 0 changed, 0 removed, 2 lists in a new order.
$ $ROOT/tests/cli/yaml-lists ij/region.yaml > want && spil export ijmond > got.yaml && $ROOT/tests/cli/yaml-lists got.yaml | diff want - && echo same
> same

=== cli-export-order-4: what is recorded between loads comes last in its list
$ spil load $ROOT/regions/zuid-holland-zuid --db z.db > /dev/null && spil sign zuid-holland-zuid regioplan zilveren-kruis --status agreed --db z.db > /dev/null
$ spil export zuid-holland-zuid --db z.db | grep -A2 'organisation: ha-koepel-1, status'
>   - {organisation: ha-koepel-1, status: invited, date: 2024-03-01}
>   - {organisation: ouders, status: invited, date: 2024-03-01}
>   - {organisation: zilveren-kruis, status: agreed, date: 2026-01-15}
$ sqlite3 z.db "select count(*) from event where action = 'reorder'"
> 0

=== cli-export-order-5: a database from before the order was kept upgrades with its rows in key order; the next load gives them the file's
$ cp $ROOT/tests/cli/fixtures/schema-2.db old.db && spil --db old.db init > /dev/null && sqlite3 old.db "select count(*), count(pos) from region_municipality"
> 10|0
$ spil --db old.db export zuid-holland-zuid | grep -A3 '^municipalities:' | tail -1
> - {code: GM0512, status: member, since: 2023-04-01}
$ spil --db old.db load --force $ROOT/regions/zuid-holland-zuid | grep 'municipalities\|Loaded'
> municipalities: 1 in a new order
> Loaded zuid-holland-zuid into old.db: 23 added, 25 changed, 3 removed, 17 lists in a new order.
$ spil --db old.db export zuid-holland-zuid > o.yaml && $ROOT/tests/cli/yaml-lists o.yaml | diff zuid-holland-zuid.want - && echo same
> same
