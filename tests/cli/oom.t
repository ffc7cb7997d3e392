# Out of memory (cases robust-2, robust-3; docs/storage.md, "Out of memory"): under ulimit -v.
# Not run in the sanitizer build: AddressSanitizer reserves terabytes of address space and
# cannot start under a limit (tests/CMakeLists.txt leaves this file out there).

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

