# The store: which files spil opens, read commands that never write, read-only media, one
# snapshot per command (cases store-N; docs/storage.md).

=== store-1: another program's SQLite file is refused by every command with exit 3 naming the path, and never changed
$ sqlite3 other.db 'create table notes(t text); insert into notes values (1)' && sha256sum other.db > other.sum && spil --db other.db regions
? 3
! spil: regions: other.db is not a spil database (it is another program's SQLite file: application_id 0, 1 table); spil leaves it alone: give another --db, or run 'spil init --db NEW.db' for a new one
$ for c in regions status log init indicators "check --all" "export zuid-holland-zuid" "load $ROOT/regions/zuid-holland-zuid" "sign zuid-holland-zuid regioplan gem-dordrecht" "setting suppress-below 5" "import measurements x.csv"; do spil --db other.db $c > /dev/null 2>&1; printf '%s ' $?; done; echo
> 3 3 3 3 3 3 3 3 3 3 3 
$ sha256sum -c other.sum && sqlite3 other.db 'pragma application_id; select count(*) from sqlite_schema'
> other.db: OK
> 0
> 1

=== store-2: a zero-byte file and a file that is not SQLite are refused with exit 3 naming the path, and never changed
$ touch empty.db && spil --db empty.db init
? 3
! spil: init: empty.db is an empty file (0 bytes), not a spil database; spil leaves it alone: remove it if nothing needs it, then run 'spil init'
$ for c in regions status init "load $ROOT/regions/zuid-holland-zuid"; do spil --db empty.db $c > /dev/null 2>&1; printf '%s ' $?; done; echo; stat -c %s empty.db; ls empty.db*
> 3 3 3 3 
> 0
> empty.db
$ echo 'notities, geen database' > notes.txt && sha256sum notes.txt > notes.sum && spil --db notes.txt load $ROOT/regions/zuid-holland-zuid
? 3
! spil: load: notes.txt is not a spil database (not an SQLite file at all); spil leaves it alone: give another --db
$ spil --db notes.txt status; sha256sum -c notes.sum
? 0
!~ notes.txt is not a spil database
> notes.txt: OK

=== store-3: spil marks its own databases (PRAGMA application_id 0x5350494C, "SPIL"); init and load create one, nothing else does
$ spil init --db a.db && sqlite3 a.db 'pragma application_id'
> Created a.db (schema 6).
> 1397770572
$ spil load $ROOT/regions/zuid-holland-zuid --db b.db > /dev/null && sqlite3 b.db 'pragma application_id'
> 1397770572
$ spil setting suppress-below 5 --db c.db
? 2
! spil: setting: no database at c.db; create one with 'spil init' or 'spil load DIR'
$ ls c.db
? 2

=== store-4: a database of an older schema is upgraded by spil init only; any other command says so (exit 3) and leaves it as it was
$ cp $ROOT/tests/cli/fixtures/schema-2.db old.db && sha256sum old.db > old.sum && spil --db old.db export zuid-holland-zuid
? 3
! spil: export: old.db is of an older spil (schema 2, unmarked; this spil needs 6): run 'spil init' (with --db old.db) to upgrade it; nothing else changes it
$ for c in regions status log indicators "check --all" "load --force $ROOT/regions/zuid-holland-zuid" "sign zuid-holland-zuid regioplan gem-dordrecht" "setting suppress-below 5" repl; do spil --db old.db $c < /dev/null > /dev/null 2>&1; printf '%s ' $?; done; echo; sha256sum -c old.sum
> 3 3 3 3 3 3 3 3 3 
> old.db: OK
$ spil --db old.db init && sqlite3 old.db 'pragma application_id; pragma user_version'
> Upgraded old.db from schema 2 to 6.
> 1397770572
> 6
$ spil --db old.db export zuid-holland-zuid | grep -c 'id: besluit-fixture'
> 1

=== store-5: read commands open the database read-only: the file is the same byte for byte after each, and status remembers nothing
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && sha256sum spil.db > spil.sum && spil status > /dev/null && spil regions > /dev/null && spil log > /dev/null && spil export zuid-holland-zuid > /dev/null && spil indicators > /dev/null && spil setting && spil status --json > /dev/null && sha256sum -c spil.sum
>~ suppress-below 10
> spil.db: OK
$ sqlite3 spil.db 'select count(*) from readiness'
> 0
$ spil check zuid-holland-zuid > /dev/null; sqlite3 spil.db 'select blocking from readiness'
? 0
> 25

=== store-6: on read-only media (a file 444 in a folder 555, as a user who cannot write it) every read command works and nothing is made; a write says where and why
$ printf '#!/bin/sh\n# run as a user who cannot write (nobody when root)\nif [ "$(id -u)" = 0 ]; then exec setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; fi\nexec "$@"\n' > as-user && chmod 755 as-user . && mkdir media && spil --db media/ro.db load $ROOT/regions/zuid-holland-zuid > /dev/null && spil --db media/ro.db check zuid-holland-zuid > /dev/null; chmod 444 media/ro.db && chmod 555 media && sha256sum media/ro.db > ro.sum && ls media
> ro.db
$ ./as-user spil --db media/ro.db status
>~ step coalitie since 2023-04-01: not ready, 25 blocking findings
$ ./as-user spil --db media/ro.db check zuid-holland-zuid
? 1
> NOT READY to leave step coalitie: 25 blocking findings, 4 advisory.
$ ./as-user spil --db media/ro.db check --all | tail -1 && ./as-user spil --db media/ro.db regions --json | grep -c '"id": "zuid-holland-zuid"' && ./as-user spil --db media/ro.db export zuid-holland-zuid | grep -c 'id: regioplan' && ./as-user spil --db media/ro.db log | wc -l
> 0 ready, 1 not ready.
> 1
> 1
> 206
$ ./as-user spil --db media/ro.db sign zuid-holland-zuid regioplan gem-alblasserdam
? 3
! spil: sign: media/ro.db cannot be written here (file permissions or read-only media): this command writes; read commands (status, check, export, log) still work
$ ls media && sha256sum -c ro.sum
> ro.db
> media/ro.db: OK
$ mkdir w copy && cp media/ro.db w/ && chmod 644 w/ro.db && sqlite3 w/ro.db "pragma wal_autocheckpoint = 0; insert into meta values ('x', 'y')" ".shell cp w/ro.db w/ro.db-wal copy/" > /dev/null && chmod 444 copy/* && chmod 555 copy && ls copy
> ro.db
> ro.db-wal
$ ./as-user spil --db copy/ro.db regions
? 3
! spil: regions: copy/ro.db cannot be read where it is: its write-ahead log copy/ro.db-wal holds changes not yet in the file, and this place is read-only; open it once where it can be written (spil init --db copy/ro.db), or copy both files somewhere writable
$ chmod 755 media copy

=== store-7: a check remembers no verdict when something was written while it read; the next check does
$ cp -r $ROOT/regions/zuid-holland-zuid zhz && cp $ROOT/tests/cli/fixtures/slow_check.lua zhz/ && sed -i 's/scripts: \[rules.lua\]/scripts: [rules.lua, slow_check.lua]/' zhz/region.yaml && spil --db slow.db load zhz | tail -1
> Loaded zuid-holland-zuid into slow.db: 207 added, 0 changed, 0 removed.
$ export SPIL_TIME_LIMIT=120; spil --db slow.db check zuid-holland-zuid > check.out & sleep 0.5; spil --db slow.db sign zuid-holland-zuid regioplan gem-alblasserdam > /dev/null; wait; tail -1 check.out; sqlite3 slow.db 'select count(*) from readiness'
> NOT READY to leave step coalitie: 25 blocking findings, 4 advisory.
> 0
$ SPIL_TIME_LIMIT=120 spil --db slow.db check zuid-holland-zuid | tail -1; sqlite3 slow.db 'select blocking from readiness'
> NOT READY to leave step coalitie: 24 blocking findings, 4 advisory.
> 24

=== store-8: status reads one snapshot: what another spil commits while status runs shows in the next status, not in this one
$ cp -r zhz traag && sed -i 's/^  id: zuid-holland-zuid/  id: aa-traag/' traag/region.yaml && spil --db st.db load traag $ROOT/regions/zuid-holland-zuid | tail -1 && spil --db st.db regions | awk '{print $1}'
> Loaded zuid-holland-zuid into st.db: 206 added, 0 changed, 0 removed.
> aa-traag
> zuid-holland-zuid
$ export SPIL_TIME_LIMIT=120; spil --db st.db status --json > status.json & sleep 0.5; spil --db st.db sign zuid-holland-zuid regioplan gem-alblasserdam > /dev/null; wait; grep -c '"blocking": 25' status.json
> 2
$ spil --db st.db status zuid-holland-zuid | grep blocking
>~ not ready, 24 blocking findings

=== store-9: a database another writer holds locked is named, with the busy timeout and what to do (exit 3); read commands still read it
$ spil --db lock.db load $ROOT/regions/zuid-holland-zuid > /dev/null && (sqlite3 lock.db "begin immediate; insert into meta values ('lock', 'x')" ".shell sleep 8" "rollback" &) && sleep 0.5 && spil --db lock.db status | grep -c 'blocking findings' && spil --db lock.db sign zuid-holland-zuid regioplan gem-dordrecht
? 3
> 1
! spil: sign: storage error: lock.db is locked: another spil (or another program) is writing to it, and did not finish within 5 s (the busy timeout); run the command again when that one is done

=== store-10: a file size limit (ulimit -f) is an error message, not a kill by SIGXFSZ; the database stays as it was
$ spil --db big.db init > /dev/null && (ulimit -f 100; spil --db big.db load $ROOT/regions/zuid-holland-zuid)
? 3
! spil: load: storage error: big.db's write-ahead log big.db-wal cannot grow: the file size limit (ulimit -f) is reached; raise the limit and run the command again
$ sqlite3 big.db 'pragma integrity_check; select count(*) from region, event'
> ok
> 0
$ (ulimit -f 480; spil --db big.db load $ROOT/regions/zuid-holland-zuid)
? 3
! spil: load: storage error: the change is recorded (in big.db-wal), but copying it into big.db failed: big.db cannot grow: the file size limit (ulimit -f) is reached; once that is put right, the next command that writes completes the copy
$ spil --db big.db regions | cut -c1-17 && spil --db big.db sign zuid-holland-zuid regioplan gem-dordrecht > /dev/null && sqlite3 big.db 'pragma integrity_check' && ls big.db*
> zuid-holland-zuid
> ok
> big.db

=== store-11: a full disk is named with the database and what to do (exit 3); nothing is half-written
$ mkdir full && unshare -rm sh -c 'mount -t tmpfs -o size=440k none full && spil --db full/f.db init > /dev/null && spil --db full/f.db load $ROOT/regions/zuid-holland-zuid; echo "exit $?"; sqlite3 full/f.db "pragma integrity_check; select count(*) from region"'
> exit 3
> ok
> 0
!~ spil: load: storage error: the disk holding full/f.db is full; make room there and run the command again
