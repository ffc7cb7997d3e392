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
