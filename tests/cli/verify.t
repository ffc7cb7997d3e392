# spil verify: the event log's hash chain and the rows against the log; each kind of tampering
# done with the sqlite3 shell (cases verify-N; docs/storage.md).

=== verify-1: a database spil wrote verifies: every event carries its predecessor's hash, every row matches the log (exit 0)
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && spil sign zuid-holland-zuid regioplan gem-alblasserdam > /dev/null && spil setting suppress-below 5 > /dev/null && spil verify
>~ The log is intact: 208 events, each carrying the hash of the one before it (the last: 
>~ 206 rows match what the log recorded.
$ sqlite3 spil.db "select count(*) from event where length(prev) = 64; select prev from event where id = 1; select count(*) from event e join event p on p.id = e.id - 1 where e.prev = p.prev"
> 208
> 0000000000000000000000000000000000000000000000000000000000000000
> 0
$ spil verify --json | grep -c '"ok": true' && spil verify zuid-holland-zuid | tail -1 && sqlite3 spil.db 'pragma user_version'
> 1
> 206 rows of zuid-holland-zuid match what the log recorded.
> 6
$ printf "CREATE TRIGGER event_no_update BEFORE UPDATE ON event\n  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n" > guard-update.sql && printf "CREATE TRIGGER event_no_delete BEFORE DELETE ON event\n  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n" > guard-delete.sql && sha256sum spil.db > spil.sum
$ cp spil.db t.db && sqlite3 t.db 'drop trigger event_no_update' && sqlite3 t.db < guard-update.sql && spil verify --db t.db
>~ The log is intact: 208 events, each carrying the hash of the one before it (the last: 

=== verify-2: an event changed after it was written is named (exit 1), also the last one
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_update; update event set actor = 'mallory' where id = 50" && sqlite3 t.db < guard-update.sql && spil verify --db t.db
? 1
>~ event 50 (load add work area jong-jgz/GM0610, zuid-holland-zuid, 2026-01-15T10:00:00Z) was changed after it was written: it no longer matches the hash that event 51 carries
>~ 1 finding: the log or the database was changed outside spil. The first event changed, removed or reordered: 50 (changed).
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_update; update event set detail = '{\"suppress-below\":{\"from\":10,\"to\":50}}' where id = 208" && sqlite3 t.db < guard-update.sql && spil verify --db t.db
? 1
>~ event 208 (setting change suppress-below, 2026-01-15T10:00:00Z) was changed after it was written: it no longer matches the log's head
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_update; update event set prev = replace(hex(zeroblob(32)), '0', '1') where id = 12" && sqlite3 t.db < guard-update.sql && spil verify --db t.db
? 1
>~ event 12 (load add municipality GM1978, zuid-holland-zuid, 2026-01-15T10:00:00Z) was changed after it was written: the hash of its predecessor it carries is not that of event 11
$ sha256sum -c spil.sum
> spil.db: OK

=== verify-3: a removed event is named, in the middle, at the start and at the end (exit 1)
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_delete; delete from event where id = 60" && sqlite3 t.db < guard-delete.sql && spil verify --db t.db
? 1
>~ event 60 was removed from the log: event 61 (load add person bm-papendrecht, zuid-holland-zuid, 2026-01-15T10:00:00Z) carries the hash of an event that is no longer there
>~ The first event changed, removed or reordered: 60 (removed).
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_delete; delete from event where id <= 3" && sqlite3 t.db < guard-delete.sql && spil verify --db t.db
? 1
>~ events 1 to 3 were removed from the log: event 4 (load add municipality GM0505
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_delete; delete from event where id >= 207" && sqlite3 t.db < guard-delete.sql && spil verify --db t.db
? 1
> the end of the log was removed: events 207 to 208 are gone (the log's head names event 208)

=== verify-4: events put in another order are named as reordered (exit 1)
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_update; update event set id = -70 where id = 70; update event set id = 70 where id = 71; update event set id = 71 where id = -70" && sqlite3 t.db < guard-update.sql && spil verify --db t.db
? 1
>~ the log was reordered: event 70 (load add person vsv-gorinchem-lid, zuid-holland-zuid, 2026-01-15T10:00:00Z) follows event 71
>~ The first event changed, removed or reordered: 70 (reordered).

=== verify-5: a row changed, added or removed without an event is named with its region, entity and key (exit 1)
$ cp spil.db t.db && sqlite3 t.db "update agreement_party set status = 'declined' where organisation = 'gem-dordrecht'" && spil verify --db t.db
? 1
> party regioplan/gem-dordrecht of zuid-holland-zuid was changed without an event: its status is "declined" in the database, but the log says "agreed" (event 116)
$ cp spil.db t.db && sqlite3 t.db "insert into organisation(region, id, name, kind) values ('zuid-holland-zuid', 'nep', 'Nep', 'gemeente')" && spil verify --db t.db zuid-holland-zuid
? 1
> organisation nep of zuid-holland-zuid is in the database, but no event of the log added it: it was added without an event
$ cp spil.db t.db && sqlite3 t.db "delete from meeting_agenda where meeting = 'coalitie-2024-02' and item like 'Landelijke%'" && spil verify --db t.db --json | grep -c '"kind": "row-removed"'
> 1
$ cp spil.db t.db && sqlite3 t.db "update meta set value = '1' where key = 'suppress-below'" && spil verify --db t.db
? 1
> the setting suppress-below is 1 in the database, but the log says 5: it was changed without an event

=== verify-6: a row changed by hand stays found after a later load changed it again: the event's 'from' is not what the log had
$ cp spil.db t.db && sqlite3 t.db "update body set meetings_per_year = 2 where id = 'coalitie'" && cp -r $ROOT/regions/zuid-holland-zuid zhz && sed -i 's/meetings_per_year: 4/meetings_per_year: 6/' zhz/region.yaml && spil --db t.db load --force zhz | tail -1 && spil verify --db t.db
? 1
>~ Loaded zuid-holland-zuid into t.db: 0 added, 2 changed, 0 removed.
>~ body coalitie of zuid-holland-zuid was changed without an event before event 209 (load change body coalitie, zuid-holland-zuid, 2026-01-15T10:00:00Z): its meetings_per_year was 2 then, but the log had it as 4

=== verify-7: removing the log's guards, or its head, is a finding too
$ cp spil.db t.db && sqlite3 t.db "drop trigger event_no_delete" && spil verify --db t.db
? 1
> the log's guards (the triggers event_no_update and event_no_delete, which refuse to change or delete an event) were removed or altered
$ cp spil.db t.db && sqlite3 t.db "delete from meta where key = 'log_head'" && spil verify --db t.db
? 1
>~ the log's head (meta 'log_head', written with every event) was removed

=== verify-8: an upgraded database gets the chain for the events it had, and verifies
$ cp $ROOT/tests/cli/fixtures/schema-2.db old.db && spil --db old.db init && spil --db old.db verify
> Upgraded old.db from schema 2 to 6.
>~ The log is intact: 187 events, each carrying the hash of the one before it
>~ 186 rows match what the log recorded.
$ spil --db old.db setting suppress-below 7 > /dev/null && spil --db old.db verify | head -1
>~ The log is intact: 188 events

=== verify-9: the chain holds across the REPL's transactions: a recording undone inside begin() leaves the events around it chained
$ spil load $ROOT/regions/zuid-holland-zuid --db r.db > /dev/null && printf 'begin()\nsign("regioplan", "vgz")\nprint(pcall(sign, "regioplan", "vgzz"))\nassign("voorzitter", "regiocoordinator", {hours = 16})\ncommit()\nsign("regioplan", "gem-dordrecht", {status = "declined"})\n' | spil --db r.db repl zuid-holland-zuid > /dev/null && spil --db r.db verify
>~ The log is intact: 209 events, each carrying the hash of the one before it
>~ 207 rows match what the log recorded.
