# spil in Dutch: the language chosen, what coordinators read, Dutch input (cases cli-taal-N).
# run-t sets SPIL_LANG=en for every other file; the cases here unset it where they test the
# default, and say --lang nl or SPIL_LANG=nl otherwise.

=== cli-taal-1: by default check speaks Dutch: findings, remedies, subjects, marks and the verdict, whole sentences; the region's own messages too
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null
$ env -u SPIL_LANG spil check zuid-holland-zuid
? 1
> zuid-holland-zuid: kansrijke-start, stap coalitie (Coalitie vormen)
>~ NIET OK regioplan  Regioplan door alle partners vastgesteld
>      - Gemeente Alblasserdam heeft Regioplan Kansrijke Start Zuid-Holland Zuid niet getekend (status uitgenodigd) [organisatie gem-alblasserdam]
>        actie: vraag de handtekening van Gemeente Alblasserdam en leg die vast met 'spil sign'
>~      bron: Regionaal voorbakken, lokaal afbakken
>      - er zijn geen uren vastgelegd voor de kartrekker
>~ ok      kartrekker  Kartrekker
>~ - Gemeente Dordrecht heeft nog niet besloten over advies advies-memo-spuk (coalitie, 2024-02-08)
>~ (spil decide zuid-holland-zuid advies-memo-spuk gem-dordrecht=voor+mandaat, of tegen+mandaat)
> NIET KLAAR om stap coalitie te verlaten: 25 blokkerende bevindingen, 4 ter advies.
>! has not signed
>! NOT READY

=== cli-taal-2: --lang en and $SPIL_LANG=en give the English; --lang wins over $SPIL_LANG; a language spil does not speak is refused
$ spil --lang en check zuid-holland-zuid
? 1
>~ - Gemeente Alblasserdam has not signed (status invited) Regioplan Kansrijke Start Zuid-Holland Zuid [organisation gem-alblasserdam]
>~        do: obtain the signature of Gemeente Alblasserdam and record it with 'spil sign'
> NOT READY to leave step coalitie: 25 blocking findings, 4 advisory.
$ SPIL_LANG=en spil check zuid-holland-zuid
? 1
> NOT READY to leave step coalitie: 25 blocking findings, 4 advisory.
$ SPIL_LANG=en spil check zuid-holland-zuid --lang nl
? 1
> NIET KLAAR om stap coalitie te verlaten: 25 blokkerende bevindingen, 4 ter advies.
$ SPIL_LANG=de spil check zuid-holland-zuid
? 2
! spil: check: SPIL_LANG is 'de'; spil spreekt nl of en
$ spil check zuid-holland-zuid --lang de
? 2
!~ --lang takes nl or en, not 'de'
>= (empty)

=== cli-taal-3: the setting lang is the database's default; --lang and $SPIL_LANG still win; a change is logged, a bad value refused
$ env -u SPIL_LANG spil setting
> suppress-below 10   waarden over minder dan 10 personen worden niet getoond
> lang nl   de taal van spil, tenzij --lang of $SPIL_LANG iets anders zegt
$ spil setting lang de
? 2
! spil: setting: lang takes nl or en, not 'de'
$ spil setting lang en --reason 'de analist leest Engels'
> lang en   the language spil speaks unless --lang or $SPIL_LANG says otherwise
$ env -u SPIL_LANG spil check zuid-holland-zuid
? 1
> NOT READY to leave step coalitie: 25 blocking findings, 4 advisory.
$ SPIL_LANG=nl spil check zuid-holland-zuid
? 1
> NIET KLAAR om stap coalitie te verlaten: 25 blokkerende bevindingen, 4 ter advies.
$ env -u SPIL_LANG spil --lang nl status zuid-holland-zuid
>~ kansrijke-start    stap coalitie sinds 2023-04-01: niet klaar, 25 blokkerende bevindingen
$ spil log --limit 1
>~ setting  change  lang
>~   nl -> en  reason: de analist leest Engels
$ spil setting lang en
> lang is en already: nothing changed.
$ spil --json setting
>~ "lang": "en"
$ spil setting lang nl > /dev/null && env -u SPIL_LANG spil check zuid-holland-zuid | tail -1
> NIET KLAAR om stap coalitie te verlaten: 25 blokkerende bevindingen, 4 ter advies.

=== cli-taal-4: status and regions in Dutch: the step, since when, readiness with the count
$ env -u SPIL_LANG spil status zuid-holland-zuid
>   gemeenten (10): Alblasserdam, Dordrecht, Gorinchem, Hardinxveld-Giessendam,
>~ kansrijke-start    stap coalitie sinds 2023-04-01: niet klaar, 25 blokkerende bevindingen
$ env -u SPIL_LANG spil regions
>~ Zuid-Holland Zuid                10 gemeenten; kansrijke-start

=== cli-taal-5: Dutch words for enumerated values are read and stored as the model's values, and shown in Dutch again
$ env -u SPIL_LANG spil sign zuid-holland-zuid regioplan gem-alblasserdam --status getekend --date 1-12-2025
> parties: 1 gewijzigd
>   ~ regioplan/gem-alblasserdam: status uitgenodigd -> getekend, date 2024-03-01 -> 2025-12-01
> Vastgelegd in spil.db (0 toegevoegd, 1 gewijzigd). 'spil export zuid-holland-zuid' schrijft het regiobestand.
$ sqlite3 spil.db "select status, date from agreement_party where agreement = 'regioplan' and organisation = 'gem-alblasserdam'"
> signed|2025-12-01
$ env -u SPIL_LANG spil decide zuid-holland-zuid besluit-taal --body coalitie --kind besluit --outcome aangenomen --subject 'Werkagenda 2026' --date 3-1-2026 gem-dordrecht=voor+mandaat dgj=tegen jong-jgz=onthouding
>~ Vastgelegd in spil.db (4 toegevoegd, 0 gewijzigd).
>~ Besluitvorming (regel van kansrijke-start): 
$ sqlite3 spil.db "select kind, outcome, date from decision where id = 'besluit-taal'; select organisation, position, mandate from decision_position where decision = 'besluit-taal' order by 1"
> decision|adopted|2026-01-03
> dgj|against|
> gem-dordrecht|for|1
> jong-jgz|abstain|
$ spil assign zuid-holland-zuid voorzitter netwerkregisseur --since 31-2-2025
? 2
!~ 'since' must be a date YYYY-MM-DD, got '31-2-2025'
$ spil fund zuid-holland-zuid f-taal --source gemeente --purpose overig --status toegekend --since 1-1-2026 > /dev/null && sqlite3 spil.db "select purpose, status, since from funding where id = 'f-taal'"
> other|granted|2026-01-01

=== cli-taal-6: a region file may use the Dutch words too; it is stored and exported in the one canonical form, but a day-first date there is refused with the hint
$ mkdir nl && printf 'spil: 1\nregion: {id: nl, name: NL}\nmunicipalities:\n  - {code: GM0505, status: lid}\n  - {code: GM0512, status: kandidaat}\norganisations:\n  - {id: gem-dordrecht, name: Gemeente Dordrecht, kind: gemeente, municipality: GM0505}\nbodies:\n  - {id: kg, name: Kerngroep, kind: kerngroep, members: [{organisation: gem-dordrecht, membership: lid, function: voorzitter}]}\nactions:\n  - {id: a1, title: Agenda, status: afgerond}\n' > nl/region.yaml && spil load nl > /dev/null
$ spil export nl | grep -E 'GM0505|GM0512|gem-dordrecht, membership|a1'
>~ {code: GM0505, status: member}
>~ {code: GM0512, status: candidate}
>~ membership: member, function: chair
>~ status: done
$ printf 'spil: 1\nregion: {id: nl2, name: NL}\nactions:\n  - {id: a1, title: Agenda, due: 1-12-2025}\n' > nl/region.yaml && spil validate nl
? 2
!~ 'due' must be a date YYYY-MM-DD, got '1-12-2025'; write it year first: 2025-12-01

=== cli-taal-7: advance refuses and moves in Dutch: the reason from the governance rule, the move in one sentence
$ rm -f spil.db* && cp -r $ROOT/regions/zuid-holland-zuid zhz && sed -i -e 's/    step: coalitie/    step: verkenning/' -e 's/{person: voorzitter, role: netwerkregisseur,/{person: voorzitter, role: netwerkregisseur, hours: 16, formal_assignment: true,/' zhz/region.yaml && spil load zhz > /dev/null
$ env -u SPIL_LANG spil advance zuid-holland-zuid --as bm-dordrecht
? 1
! spil: advance: geweigerd: Beleidsmedewerker Dordrecht (fictief) heeft geen rol die kansrijke-start voorbij stap verkenning mag brengen (regiocoördinator, kwartiermaker of netwerkregisseur)
$ env -u SPIL_LANG spil advance zuid-holland-zuid --as voorzitter --date 10-1-2026
> zuid-holland-zuid: kansrijke-start is op 2026-01-10 van stap verkenning naar stap coalitie gegaan (door voorzitter).
$ env -u SPIL_LANG spil advance zuid-holland-zuid --as voorzitter
? 1
!~ spil: advance: geweigerd: stap coalitie heeft

=== cli-taal-8: --json keeps its keys and values machine-stable in either language; only the texts are Dutch
$ env -u SPIL_LANG spil check zuid-holland-zuid --json
? 1
>~ "ready": false
>~ "severity": "blocking"
>~ "status": "fail"
>~ "kind": "organisation"
>~ heeft Regioplan Kansrijke Start Zuid-Holland Zuid niet getekend

=== cli-taal-9: the stdlib's message table passes its Lua tests in Dutch too, and every key the stdlib uses exists in both languages
$ spil --lang nl test $ROOT/stdlib/tests/messages
> 6 passed, 0 failed
$ grep -rhoE 'T\.t\("[a-z_.]+[a-z_]"' $ROOT/stdlib/spil $ROOT/stdlib/programmes | sed -E 's/T\.t\("//; s/"$//' | sort -u > keys && wc -l < keys | awk '$1 > 150 { print "many keys" }'
> many keys
$ { echo 'local T = require "spil.messages"'; echo 'require "programmes.kngg"; require "programmes.kansrijke_start"; require "programmes.jzojp"'; echo 'local missing = {}'; while read -r k; do echo "if not (T.nl['$k'] and T.en['$k']) then missing[#missing + 1] = '$k' end"; done < keys; echo 'print(#missing == 0 and "every key exists" or ("missing: " .. table.concat(missing, ", ")))'; } > keys.lua && spil run zuid-holland-zuid keys.lua
> every key exists

=== cli-taal-10: the catalogue is found next to the binary or installed under share/locale; without one the C side falls back to English, and says so
$ spil version
>~ , catalogue 
$ mkdir -p inst/bin inst/share/locale/nl/LC_MESSAGES && cp "$(readlink -f "$(command -v spil)")" inst/bin/spil && cp "$(dirname "$(readlink -f "$(command -v spil)")")/locale/nl/LC_MESSAGES/spil.mo" inst/share/locale/nl/LC_MESSAGES/ && env -u SPIL_LANG inst/bin/spil status zuid-holland-zuid
>~ stap coalitie sinds
$ env -u SPIL_LANG inst/bin/spil version
>~ taal nl (default), catalogus 
>~ inst/bin/../share/locale/nl/LC_MESSAGES/spil.mo
$ mkdir -p bare && cp inst/bin/spil bare/spil && env -u SPIL_LANG bare/spil status zuid-holland-zuid 2>&1 | grep -c 'step coalitie since'; env -u SPIL_LANG bare/spil version | tail -1
>~ 1
>~ no Dutch catalogue found

=== cli-taal-11: the REPL's help, check() and status() speak Dutch too, with the same words as the commands
$ rm -f spil.db* && spil load $ROOT/regions/zuid-holland-zuid > /dev/null && printf 'help()\nhelp(check)\nhelp(42)\ncheck()\nstatus()\n' | env -u SPIL_LANG spil repl zuid-holland-zuid
> Hulpfuncties (help(fn) of help("naam") vertelt meer):
>~   check([programme,] [step]) de controles van een stap uitvoeren en elke bevinding tonen, genummerd
>~   spil.organisations()       de sectie organisations van de regio: een nieuwe lijst rijen
> Geen hulp voor een waarde van het type number; help() noemt wat hulp heeft.
> kansrijke-start, stap coalitie (Coalitie vormen)
>~ heeft Regioplan Kansrijke Start Zuid-Holland Zuid niet getekend (status uitgenodigd) [organisatie gem-alblasserdam]
>~          actie: vraag de handtekening van Gemeente Alblasserdam
> NIET KLAAR om stap coalitie te verlaten: 25 blokkerende bevindingen, 4 ter advies. explain(n) vertelt meer.
>~   kansrijke-start    stap coalitie sinds 2023-04-01: niet klaar, 25 blokkerende bevindingen
>! has not signed

=== cli-taal-12: --help speaks Dutch by default, the overview and each command's; --lang en or $SPIL_LANG=en gives the English, also without a command; the hint of a usage error follows; the man page stays English
$ env -u SPIL_LANG spil --help
> Gebruik: spil COMMAND [ARGS] [OPTIONS]
> Opdrachten:
>   compare INDICATOR  elke regio (of gemeente) naast de landelijke waarde
> Opties, voor of na de opdracht (bij de opdrachten die ze kennen):
>   --lang L        de taal (standaard $SPIL_LANG, de instelling lang of nl): nl of en
>~ Afsluitcodes: 0 ok, 1 niet klaar of geweigerd
$ env -u SPIL_LANG spil check --help
> Gebruik: spil check REGION | --all
> check: is de regio klaar om de stap te verlaten, en zo niet, wat ontbreekt er.
> Opties:
>   --programme P   het programma: kngg, kansrijke-start of jzojp
$ env -u SPIL_LANG spil help setting --json
>~ "summary": "toon of wijzig een instelling van de database",
>~ "help": "waarom, voor het logboek",
$ spil --help
> Usage: spil COMMAND [ARGS] [OPTIONS]
$ env -u SPIL_LANG spil --help --lang en
> Usage: spil COMMAND [ARGS] [OPTIONS]
$ env -u SPIL_LANG spil nosuch
? 2
! Zie 'spil --help'.
$ spil nosuch
? 2
! Try 'spil --help'.
$ env -u SPIL_LANG spil status nosuch
? 2
!~ geen regio 'nosuch' in spil.db (bekend: zuid-holland-zuid). Zie 'spil regions'.
$ env -u SPIL_LANG spil _generate man
>~ regional collaboration in public health
> create the database, or upgrade its schema.
>! maak de database aan

=== cli-taal-13: the command line's errors speak Dutch too, each one whole sentence with its did-you-mean; --lang en gives the English; a refused value's diagnostic stays English
$ env -u SPIL_LANG spil check zuid-holland-zuid --programa kngg
? 2
! spil: check: onbekende optie '--programa'; bedoelt u '--programme'?
! Zie 'spil check --help'.
$ env -u SPIL_LANG spil advance zuid-holland-zuid --as voorziter
? 2
! spil: advance: geen persoon 'voorziter' in regio zuid-holland-zuid; bedoelt u 'voorzitter'?
$ env -u SPIL_LANG spil advance zuid-holland-zuid --as voorzitter --date 2030-01-01
? 2
! spil: advance: --date verwacht een dag YYYY-MM-DD die niet na vandaag (2026-01-15) ligt, niet '2030-01-01'
! Zie 'spil advance --help'.
$ spil --lang en check zuid-holland-zuid --programa kngg
? 2
! spil: check: unknown option '--programa'; did you mean '--programme'?
! Try 'spil check --help'.
$ spil --lang en advance zuid-holland-zuid --as voorziter
? 2
! spil: advance: no person 'voorziter' in region zuid-holland-zuid; did you mean 'voorzitter'?
$ spil --lang en advance zuid-holland-zuid --as voorzitter --date 2030-01-01
? 2
! spil: advance: --date takes a day YYYY-MM-DD that is not after today (2026-01-15), not '2030-01-01'
$ env -u SPIL_LANG spil sign zuid-holland-zuid regioplan gem-alblasserdam --status sined
? 2
!~ invalid status 'sined'; expected one of
