# The stdlib is compiled into spil; SPIL_STDLIB=dir replaces it for development (cases cli-stdlib-N).

=== cli-stdlib-1: region code requires a stdlib module compiled into the binary
$ mkdir r && printf 'spil: 1\nregion: {id: r, name: R, scripts: [main.lua]}\n' > r/region.yaml
$ printf 'local data = require "spil.data"\nerror("index is a " .. type(data.index))\n' > r/main.lua
$ spil validate r
? 2
! r/main.lua:2: error: index is a function

=== cli-stdlib-2: SPIL_STDLIB points spil at a folder of stdlib sources instead
$ mkdir -p dev/spil && printf 'return { index = "from the dev folder" }\n' > dev/spil/data.lua
$ SPIL_STDLIB=$PWD/dev spil validate r
? 2
! r/main.lua:2: error: index is a string

=== cli-stdlib-3: a module that is in neither place is named with where spil looked
$ printf 'require "spil.nothing"\n' > r/main.lua
$ spil validate r
? 2
! r/main.lua:1: error: module 'spil.nothing' not found (looked in the stdlib and among the region's scripts for spil/nothing.lua)
