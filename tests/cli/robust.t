# The sandbox's memory cap, one snapshot for advance (cases robust-N; docs/storage.md). The
# system refusing memory (robust-2, robust-3) is in oom.t.

=== robust-1: region code that passes the sandbox's cap is the region's fault (exit 2, the limit named)
$ cp -r $ROOT/regions/flevoland fl && sed -i '1i local big = string.rep("x", 40 * 1024 * 1024)' fl/subregio.lua && spil load --db cap.db fl
? 2
! fl/subregio.lua: error: memory limit (64 MiB) exceeded
$ spil --db cap.db regions
>! flevoland

=== robust-4: advance evaluates and writes in one snapshot: a sign started while its checks run waits, and is recorded after the move
$ cp -r $ROOT/regions/zuid-holland-zuid adv && sed 's/put_check("coalitie"/put_check("verkenning"/' $ROOT/tests/cli/fixtures/slow_check.lua > adv/slow_check.lua && sed -i -e 's/scripts: \[rules.lua\]/scripts: [rules.lua, slow_check.lua]/' -e 's/    step: coalitie/    step: verkenning/' -e 's/{person: voorzitter, role: netwerkregisseur,/{person: voorzitter, role: netwerkregisseur, hours: 16, formal_assignment: true,/' adv/region.yaml && spil --db adv.db load adv > /dev/null
$ export SPIL_TIME_LIMIT=120; spil --db adv.db advance zuid-holland-zuid --as voorzitter > adv.out & sleep 0.5; spil --db adv.db sign zuid-holland-zuid regioplan gem-alblasserdam > /dev/null; echo "sign $?"; wait; cat adv.out; sqlite3 adv.db "select command from event order by id desc limit 2"
> sign 0
> zuid-holland-zuid: kansrijke-start moved from step verkenning to step coalitie on 2026-01-15 (by voorzitter).
> sign
> advance
