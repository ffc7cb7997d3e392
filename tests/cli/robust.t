# Out of memory, unchecked allocations, one snapshot for advance (cases robust-N; docs/storage.md,
# "Out of memory"). The ulimit -v cases need a build without AddressSanitizer (which reserves
# terabytes of address space and cannot start under a limit).

=== robust-1: region code that passes the sandbox's cap is the region's fault (exit 2, the limit named)
$ cp -r $ROOT/regions/flevoland fl && sed -i '1i local big = string.rep("x", 40 * 1024 * 1024)' fl/subregio.lua && spil load --db cap.db fl
? 2
! fl/subregio.lua: error: memory limit (64 MiB) exceeded
$ spil --db cap.db regions
>! flevoland

=== robust-2: the system refusing memory within the cap is exit 3 "out of memory", never the region's memory limit
$ cp -r $ROOT/regions/flevoland fl2 && sed -i '1i local big = string.rep("x", 24 * 1024 * 1024)' fl2/subregio.lua && spil load --db ok.db fl2
>~ Loaded flevoland
$ (ulimit -v 40000; spil load --db oom.db fl2)
? 3
! fl2/subregio.lua: error: out of memory: the system refused region code more memory, within its limit of 64 MiB; close other programs (or raise ulimit -v) and run the command again
!! memory limit (64 MiB) exceeded
$ (ulimit -v 40000; spil load --json --db oom.db fl2) | grep -o '"exit": [0-9]'
> "exit": 3

=== robust-3: reading a region.yaml the machine has no memory for is exit 3, not bad input
$ cp -r $ROOT/regions/flevoland big && { echo 'extra:'; yes -- '- 1' | head -n 900000; } >> big/region.yaml && spil validate big
? 2
!~ big/region.yaml:
!~ unknown key 'extra'
$ (ulimit -v 40000; spil validate big)
? 3
! big/region.yaml: error: out of memory while reading it; close other programs (or raise ulimit -v) and run the command again

=== robust-4: advance evaluates and writes in one snapshot: a sign started while its checks run waits, and is recorded after the move
$ cp -r $ROOT/regions/zuid-holland-zuid adv && sed 's/put_check("coalitie"/put_check("verkenning"/' $ROOT/tests/cli/fixtures/slow_check.lua > adv/slow_check.lua && sed -i -e 's/scripts: \[rules.lua\]/scripts: [rules.lua, slow_check.lua]/' -e 's/    step: coalitie/    step: verkenning/' -e 's/{person: voorzitter, role: netwerkregisseur,/{person: voorzitter, role: netwerkregisseur, hours: 16, formal_assignment: true,/' adv/region.yaml && spil --db adv.db load adv > /dev/null
$ export SPIL_TIME_LIMIT=120; spil --db adv.db advance zuid-holland-zuid --as voorzitter > adv.out & sleep 0.5; spil --db adv.db sign zuid-holland-zuid regioplan gem-alblasserdam > /dev/null; echo "sign $?"; wait; cat adv.out; sqlite3 adv.db "select command from event order by id desc limit 2"
> sign 0
> zuid-holland-zuid: kansrijke-start moved from step verkenning to step coalitie on 2026-01-15 (by voorzitter).
> sign
> advance
