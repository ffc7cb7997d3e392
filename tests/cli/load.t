# spil load / validate / init: applying a region folder to a database (cases cli-load-N).

=== cli-load-1: init creates a database with the schema, and is safe to repeat
$ spil init
> Created spil.db (schema 6).
$ spil init
> spil.db is up to date (schema 6).
$ sqlite3 spil.db 'select count(*) from municipality'
> 342

=== cli-load-2: the first load adds every row and says so per entity
$ spil load $ROOT/regions/zuid-holland-zuid
> Loaded zuid-holland-zuid into spil.db: 206 added, 0 changed, 0 removed.
> municipalities: 10 added
>~ + GM0482, GM0505, GM0512
> scripts: 1 added

=== cli-load-3: loading the same file again changes nothing and logs nothing
$ sqlite3 spil.db 'select count(*) from event'
> 206
$ spil load $ROOT/regions/zuid-holland-zuid
> zuid-holland-zuid is up to date in spil.db: nothing changed.
$ sqlite3 spil.db 'select count(*) from event'
> 206

=== cli-load-4: an edited file reports exactly what changed, per entity, and logs it
$ cp -r $ROOT/regions/zuid-holland-zuid zhz2 && sed -i 's/meetings_per_year: 4/meetings_per_year: 6/' zhz2/region.yaml && sed -i 's/- {id: vgz, name: VGZ, kind: zorgverzekeraar}/- {id: vgz, name: VGZ Zorgverzekeraar, kind: zorgverzekeraar}/' zhz2/region.yaml && grep -c 'VGZ Zorgverzekeraar' zhz2/region.yaml
> 1
$ spil load zhz2
> bodies: 1 changed
>   ~ coalitie: meetings_per_year 4 -> 6
> organisations: 1 changed
>   ~ vgz: name VGZ -> VGZ Zorgverzekeraar
> Loaded zuid-holland-zuid into spil.db: 0 added, 2 changed, 0 removed.
$ spil log zuid-holland-zuid --limit 2
> 2026-01-15T10:00:00Z  tester     load     change body coalitie  (zuid-holland-zuid)
> 2026-01-15T10:00:00Z  tester     load     change organisation vgz  (zuid-holland-zuid)
$ spil log --limit 2 --json
>~ "to": "VGZ Zorgverzekeraar"
>~ "from": 4,

=== cli-load-5: a row missing from the file is removed, and loading the original adds it back
$ cp -r $ROOT/regions/zuid-holland-zuid zhz3 && sed -i '/id: verken-sociale-dienst/d' zhz3/region.yaml
$ spil load zhz3
> actions: 1 removed
>   - verken-sociale-dienst
> Loaded zuid-holland-zuid into spil.db: 0 added, 2 changed, 1 removed.
$ spil load $ROOT/regions/zuid-holland-zuid
> actions: 1 added
>   + verken-sociale-dienst
>! bodies:
> Loaded zuid-holland-zuid into spil.db: 1 added, 0 changed, 0 removed.

=== cli-load-6: --dry-run shows the diff and writes nothing
$ spil load zhz2 --dry-run | tail -1
> Would load zuid-holland-zuid into spil.db: 0 added, 2 changed, 0 removed.
$ spil load zhz2 --dry-run --json
>~ "dry_run": true
>~ "changed": 2
$ spil export zuid-holland-zuid | grep -c 'meetings_per_year: 4'
> 1

=== cli-load-7: validate checks a folder without any database
$ spil validate $ROOT/regions/zuid-holland-zuid --db nowhere.db
? 2
! spil: validate: unknown option '--db'
$ rm -f spil.db* && spil validate $ROOT/regions/zuid-holland-zuid
>~ zuid-holland-zuid/region.yaml: valid (206 rows, 1 scripts ran)
$ ls spil.db
? 2

=== cli-load-8: load creates the database when there is none
$ rm -f spil.db* && spil load $ROOT/regions/zuid-holland-zuid --db fresh.db --json
>~ "added": 206
$ spil regions --db fresh.db
>~ zuid-holland-zuid        Zuid-Holland Zuid

=== cli-load-9: several folders load in one transaction: all of them, or none
$ cp -r $ROOT/regions/zuid-holland-zuid zhz9 && sed -i 's/^  id: zuid-holland-zuid/  id: zhz-kopie/' zhz9/region.yaml && mkdir bad && printf 'spil: 1\nregion: {id: bad, name: Bad, kind: x}\n' > bad/region.yaml
$ spil load $ROOT/regions/fryslan zhz9 bad --db many.db
? 2
! bad/region.yaml:2:30: error: unknown key 'kind' in region
$ ls many.db
? 2
$ spil load $ROOT/regions/fryslan zhz9 --db many.db | tail -1
> Loaded zhz-kopie into many.db: 206 added, 0 changed, 0 removed.
$ spil regions --db many.db | wc -l
> 2
$ spil load zhz9 zhz9 --db many.db
? 2
!~ error: region 'zhz-kopie' is also in zhz9/region.yaml; load each region once

=== cli-load-10: a database of schema 2 is upgraded in place to the current schema, nothing lost, the new fields empty
$ cp $ROOT/tests/cli/fixtures/schema-2.db old.db && sqlite3 old.db 'pragma user_version'
> 2
$ sqlite3 old.db "select count(*) from event; select count(*) from decision_position; select date from agreement_party where organisation = 'gem-alblasserdam'" > before.txt && spil --db old.db init
> Upgraded old.db from schema 2 to 6.
$ sqlite3 old.db 'pragma user_version; pragma foreign_key_check; pragma integrity_check'
> 6
> ok
$ sqlite3 old.db "select count(*) from event; select count(*) from decision_position; select date from agreement_party where organisation = 'gem-alblasserdam'" | diff before.txt - && echo same
> same
$ spil --db old.db export zuid-holland-zuid | grep -A9 'id: besluit-fixture'
>~ body: coalitie
>~ subject: Werkagenda 2026
>~ organisation: gem-dordrecht
$ sqlite3 old.db "select count(*) from decision where organisation is null and body = 'coalitie'; select count(*) from link; select count(*) from document"
> 2
> 0
> 0
$ spil --db old.db load --force $ROOT/regions/zuid-holland-zuid
>~ Loaded zuid-holland-zuid into old.db:
$ spil --db old.db decide zuid-holland-zuid collegebesluit-alblasserdam --organisation gem-alblasserdam --organ college --topic deelname --subject "Deelname regionale aanpak" --kind decision --outcome adopted --date 2025-12-01
>~ + collegebesluit-alblasserdam
$ spil --db old.db decide zuid-holland-zuid dubbel --organisation gem-alblasserdam --body coalitie --subject x --kind decision
? 2
!~ decision 'dubbel' names both a body and an organisation

=== cli-load-11: every section and field of schemas 3 and 5 loads, exports and loads again unchanged
$ spil load $ROOT/tests/cli/fixtures/model-3
> Loaded model-3 into spil.db: 31 added, 0 changed, 0 removed.
$ mkdir again && spil export model-3 -o again/region.yaml && spil load again
> model-3 is up to date in spil.db: nothing changed.
$ grep -c 'via: gem-dronten\|area:\|organ: college\|level: management\|inhabitants: 42000\|reviewed: 2025-09-01\|link: iza' again/region.yaml
> 8
$ sqlite3 spil.db "select organ, topic from decision where organisation = 'gem-zeewolde'; select group_concat(municipality) from organisation_area"
> college|deelname
> GM0050,GM0303

=== cli-load-12: a load that would undo what was recorded since the last load names each row and writes nothing, unless --force; an export keeps it
$ spil --db rec.db load $ROOT/regions/zuid-holland-zuid > /dev/null && spil --db rec.db sign zuid-holland-zuid regioplan vgz --date 2025-12-01 > /dev/null && sqlite3 rec.db .dump > before.sql
$ spil --db rec.db load $ROOT/regions/zuid-holland-zuid
? 2
!~ zuid-holland-zuid/region.yaml:251:9: error: loading would change back party 'regioplan/vgz', which 'sign' recorded on 2026-01-15 (by tester) after the last load; export the region first to keep it (spil export REGION -o FILE), or load --force to undo it
$ sqlite3 rec.db .dump | cmp - before.sql && echo unchanged
> unchanged
$ cp -r $ROOT/regions/zuid-holland-zuid zhz-rec && spil --db rec.db export zuid-holland-zuid -o zhz-rec/region.yaml && spil --db rec.db load zhz-rec
> zuid-holland-zuid is up to date in rec.db: nothing changed.
$ spil --db rec.db load --force $ROOT/regions/zuid-holland-zuid
>   ~ regioplan/vgz: status signed -> invited, date 2025-12-01 -> 2024-03-01
