# spil backup FILE: a copy of a live database through SQLite's online backup API (backup-N).

=== backup-1: the copy is the same database, verifies, and the original is not changed
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && sha256sum spil.db > spil.sum && spil backup copy.db
> Backed up spil.db to copy.db.
$ sha256sum -c spil.sum && sqlite3 spil.db .dump > a.sql && sqlite3 copy.db .dump > b.sql && cmp a.sql b.sql && echo same && spil --db copy.db verify | head -1 && ls copy.db*
> spil.db: OK
> same
>~ The log is intact: 206 events
> copy.db

=== backup-2: an existing FILE is never overwritten (exit 2); '-' writes to standard output, not to a terminal
$ spil backup copy.db
? 2
! spil: backup: copy.db exists; a backup never overwrites a file: give a new name, or remove it first
$ spil backup - > piped.db && sqlite3 piped.db .dump | cmp - a.sql && echo same
> same
$ script -qec 'spil backup -' /dev/null
? 2
>~ will not write a database to a terminal; redirect it: spil backup - > copy.db

=== backup-3: a database in use is copied as it is committed: another writer's open transaction is not in the copy, and does not stop it
$ (sqlite3 spil.db "begin immediate; insert into meta values ('half', 'x')" ".shell sleep 3" "commit" &) && sleep 0.5 && spil backup live.db && sqlite3 live.db "select count(*) from meta where key = 'half'; pragma integrity_check"
> Backed up spil.db to live.db.
> 0
> ok

=== backup-4: another program's file is refused (exit 3), and no copy is made
$ sqlite3 other.db 'create table t(x)' && spil --db other.db backup o.db
? 3
!~ other.db is not a spil database
$ ls o.db
? 2
