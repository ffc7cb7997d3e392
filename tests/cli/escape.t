# Hostile names reach no terminal raw (cases cli-escape-N): U+202E and U+200B (which a load
# accepts) and ESC, BEL, CR (which a load refuses, but a database written by hand or by an older
# spil may hold: the cases put them there with sqlite3) are shown as \e, \a, \r, <U+202E>,
# <U+200B> by every text printer (out_text), while --json keeps the value exactly.
# `nocontrol` fails when its input holds a control byte other than newline and tab, or U+202E.

=== cli-escape-1: spil load shows invisible and bidi characters in its diff visibly, and stores them as given
$ mkdir h && printf 'spil: 1\nregion: {id: hostile, name: "Evil\\u202Edcba"}\norganisations:\n  - {id: gem-a, name: "GemA\\u200B", kind: gemeente, municipality: GM0505}\nmunicipalities: [{code: GM0505}]\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\n' > h/region.yaml
$ spil load h > /dev/null
$ sed -i 's/GemA\\u200B/GemB\\u202E/' h/region.yaml && spil load h
> organisations: 1 changed
>   ~ gem-a: name GemA<U+200B> -> GemB<U+202E>
$ spil load h | LC_ALL=C grep -cP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae'
? 1
> 0
$ sqlite3 spil.db "select hex(name) from region where id = 'hostile'"
> 4576696CE280AE64636261
$ sqlite3 spil.db "update region set name = 'Evil' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' || char(13) || 'X' || char(8238) || 'dcba'"

=== cli-escape-2: spil regions and spil status show the names escaped
$ spil regions
>~ hostile                  Evil\e]0;pwned\a\e[2J\rX<U+202E>dcba  1 municipality; kansrijke-start
$ spil status hostile
> Evil\e]0;pwned\a\e[2J\rX<U+202E>dcba (hostile)
$ spil regions | LC_ALL=C grep -cP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae'
? 1
> 0
$ spil status | LC_ALL=C grep -cP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae'
? 1
> 0

=== cli-escape-3: --json keeps the name exactly (JSON escapes it)
$ spil regions --json | grep '"name"'
>~ "name": "Evil\u001B]0;pwned\u0007\u001B[2J\rX‮dcba",

=== cli-escape-4: spil log shows a hostile reason escaped (control characters are refused at the door)
$ spil fund hostile f1 --source gala --purpose rc --status agreed --reason $'omdat\xe2\x80\xae' > /dev/null
$ spil log hostile --limit 1
>~ reason: omdat<U+202E>
$ SPIL_ACTOR=$'ev\eil' spil fund hostile f2 --source gala --purpose rc --status agreed
? 2
! spil: fund: 'actor' contains a control character (U+001B); remove it
$ spil log | LC_ALL=C grep -cP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae'
? 1
> 0

=== cli-escape-5: the REPL's printer, its print and its errors show hostile text escaped
$ printf 'regions()\nprint(regions()[1].name)\n"tab\\there\\27[2J"\n' | spil repl hostile
> { <region hostile: Evil\e]0;pwned\a\e[2J\rX<U+202E>dcba> }
> Evil\e]0;pwned\a\e[2J\rX<U+202E>dcba
> tab	here\e[2J
$ printf 'error("boom\\27]0;x\\7")\n' | spil repl hostile
? 2
! spil: repl: stdin:1: boom\e]0;x\a

=== cli-escape-6: spil check shows what region code wrote into a finding escaped, and --json keeps it
$ mkdir -p c && printf 'spil: 1\nregion: {id: chk, name: Chk, scripts: [eigen.lua]}\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\n' > c/region.yaml
$ printf 'local P = require "spil.programme"\nlocal p = P.extend(require "programmes.kansrijke_start")\np:add_check("verkenning", P.check { id = "boos", name = "Boos\\27]0;x\\7", run = function(ctx) ctx:finding { missing = "wis\\27[2Jscherm\\r\\226\\128\\174", remedy = "do\\27[31m" } end })\nP.use(p)\nreturn {}\n' > c/eigen.lua && spil load c > /dev/null
$ spil check chk
? 1
>~ boos  Boos\e]0;x\a
>~ - wis\e[2Jscherm\r<U+202E>
>~ do: do\e[31m
$ spil check chk | LC_ALL=C grep -cP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae'
? 1
> 0
$ spil check chk --json | grep -c 'wis\\u001B\[2Jscherm\\r'
> 1
