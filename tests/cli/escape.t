# Hostile names reach no terminal raw (cases cli-escape-N): ESC, BEL, CR (valid YAML escapes),
# U+202E and U+200B in a region's and an organisation's name are shown as \e, \a, \r, <U+202E>,
# <U+200B> by every text printer (out_text), while --json and export keep the value exactly.
# `nocontrol` fails when its input holds a control byte other than newline and tab, or U+202E.

=== cli-escape-1: spil load shows a hostile name in its diff escaped, and stores it as given
$ mkdir h && printf 'spil: 1\nregion: {id: hostile, name: "Evil\\e]0;pwned\\a\\e[2J\\rX\\u202Edcba"}\norganisations:\n  - {id: gem-a, name: "Gem\\e[31mA\\u200B", kind: gemeente, municipality: GM0505}\nmunicipalities: [{code: GM0505}]\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\n' > h/region.yaml
$ spil load h > /dev/null
$ sed -i 's/Gem\\e\[31mA\\u200B/Gem\\e[32mB\\u202E/' h/region.yaml && spil load h
> organisations: 1 changed
>   ~ gem-a: name Gem\e[31mA<U+200B> -> Gem\e[32mB<U+202E>
$ spil load h | LC_ALL=C grep -cP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae'
? 1
> 0
$ spil export hostile | grep -c 'name: "Evil\\e\]0;pwned\\a\\e\[2J\\rX'
> 1

=== cli-escape-2: spil regions and spil status show the names escaped
$ spil regions
>~ hostile                  Evil\e]0;pwned\a\e[2J\rX<U+202E>dcba  1 municipalities; kansrijke-start
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

=== cli-escape-4: spil log shows a hostile actor and reason escaped
$ SPIL_ACTOR=$'ev\eil' spil fund hostile f1 --source gala --purpose rc --status agreed --reason $'omdat\r\xe2\x80\xae' > /dev/null
$ spil log hostile --limit 1
>~ ev\eil     fund
>~ reason: omdat\r<U+202E>
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
