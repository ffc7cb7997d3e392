# Monitoring: the catalogue, import, aggregation, suppression, trend and compare (cases
# cli-monitor-N). The figures are small and chosen so that every expected value is computed by
# hand in the comment above its case.

=== cli-monitor-1: the catalogue ships with spil: KnGG's 25 by number, what the sources do not give said so
$ spil init > /dev/null && spil indicators --programme kngg | grep -c 'kngg-[0-9][0-9] .*not given by the source'
> 25
$ spil indicators --programme kngg
> catalogue kngg
>~ overgewicht        result   percent  Kinderen van 4 tot 17 jaar met overgewicht
>! ks-01
$ spil indicators --json | grep -A8 '"code": "ks-01"' | grep numerator
>~ "numerator": "aantal gemeenten dat een lokale of regionale coalitie Kansrijke Start heeft gevormd",
$ spil indicators --json | grep -c '"code": "ks-[0-9]*"'
> 15
$ spil indicators --programme kansrijke-start | head -1
> catalogue kansrijke-start

=== cli-monitor-2: an import says what it added; importing it again changes nothing; a changed figure is counted as changed
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && printf 'indicator,area,period,value,numerator,denominator,source\nks-01,GM0505,2024Q1,30.0,30,100,enquete\nks-01,GM0482,2024Q1,62.5,5,8,enquete\nks-01,GM0512,2024Q1,40.0,20,50,enquete\nks-01,GM0505,2024Q2,,33,100,\nks-01,NL,2024Q2,41.5,,,RIVM\nks-01,GM0599,2024Q1,25.0,250,1000,enquete\n' > m.csv
$ spil import measurements m.csv
> Imported m.csv into spil.db: 6 rows, 6 added, 0 changed, 0 unchanged.
$ sqlite3 spil.db .dump > before.sql && spil import measurements m.csv && sqlite3 spil.db .dump | cmp -s - before.sql && echo same
> Imported m.csv into spil.db: 6 rows, 0 added, 0 changed, 6 unchanged.
> same
$ sed 's/GM0505,2024Q2,,33,100,/GM0505,2024Q2,,34,100,/' m.csv > m2.csv && spil import measurements m2.csv --dry-run && sqlite3 spil.db .dump | cmp -s - before.sql && echo nothing written
> Would import m2.csv into spil.db: 6 rows, 0 added, 1 changed, 5 unchanged.
> nothing written
$ spil import measurements m2.csv --json | grep -E '"(added|changed|unchanged)"'
>~ "added": 0,
>~ "changed": 1,
>~ "unchanged": 5,
$ spil log | grep -c 'import   import measurement m'
> 2
$ spil log --limit 1
>~ import   import measurement m2.csv  6 rows: 0 added, 1 changed

=== cli-monitor-3: a region's value is summed from its municipalities' numerators and denominators, not an average of percentages, leaving out the suppressed
# Zuid-Holland Zuid 2024Q1: Dordrecht 30/100, Gorinchem 20/50, and Alblasserdam 5/8, which is
# about fewer than 10 persons: suppressed, and left out of every sum so that no difference can
# reveal it. (30+20)/(100+50) = 50/150 = 33.33%; the average of the two percentages would be 35.0,
# and with Alblasserdam summed 55/158 = 34.8.
$ spil import measurements m.csv > /dev/null && spil trend ks-01 zuid-holland-zuid
> ks-01 in Zuid-Holland Zuid (region, zuid-holland-zuid), percent
>   2024Q1         33.3         50 / 150  2 of 10 municipalities (1 left out: about fewer than 10 persons)
>   2024Q2         33.0         33 / 100  1 of 10 municipalities
>! 35.0
>! 34.8
# Nederland 2024Q1 adds Rotterdam's 250/1000: 300/1150 = 26.09%. In 2024Q2 the nation has a
# figure of its own (41.5), which wins over the sum.
$ spil trend ks-01 Nederland
>   2024Q1         26.1        300 / 1150  3 of 342 municipalities (1 left out: about fewer than 10 persons)
>   2024Q2         41.5
$ spil trend ks-01 Zuid-Holland --csv
> period,value,numerator,denominator,suppressed,derived
>~ 2024Q1,26.08
$ spil trend ks-01 'GGD Rotterdam-Rijnmond'
>   2024Q1         25.0        250 / 1000  1 of 13 municipalities

=== cli-monitor-4: values about fewer than 10 persons are not shown, anywhere, and the output says so; the threshold is a setting
$ spil trend ks-01 Alblasserdam
>   2024Q1   suppressed
> 1 value about fewer than 10 persons is not shown (suppress-below).
>! 62.5
>! 5 / 8
$ spil trend ks-01 GM0482 --json | grep -E '"(value|numerator|suppressed)"'
>~ "suppressed": true,
>~ "value": null,
>~ "numerator": null,
$ spil compare ks-01 --period 2024Q1 --region zuid-holland-zuid
>     1.  Gorinchem                                      40.0   +13.9
>     2.  Dordrecht                                      30.0    +3.9
>         Alblasserdam                             suppressed
>! 62.5
$ spil setting suppress-below 5 --reason 'test: smaller cells'
> suppress-below 5   values about fewer than 5 persons are not shown
$ spil trend ks-01 Alblasserdam
>   2024Q1         62.5          5 / 8
$ spil setting suppress-below 0
? 2
! spil: setting: suppress-below takes a whole number of persons, 1 or more, not '0'
$ spil setting suppress-below 10 > /dev/null && spil log | grep -c 'setting  change'
> 2

=== cli-monitor-5: compare ranks every region next to the national value
$ spil compare ks-01 --period 2024Q1
> ks-01 2024Q1, regions
>         Nederland                                      26.1  (3 of 342 municipalities)
>     1.  Zuid-Holland Zuid                              33.3    +7.2
$ spil compare ks-01 --period 2024Q1 --csv
> rank,area,name,value,numerator,denominator,suppressed
> ,NL,Nederland,26.087,300,1150,0
>~ 1,zuid-holland-zuid,Zuid-Holland Zuid,33.33
$ spil compare ks-01 --period 2024Q1 --json | grep -c '"rank": 1'
> 1

=== cli-monitor-6: a region adopts a catalogue indicator by code and defines one of its own; both take figures
$ spil load $ROOT/tests/cli/fixtures/meetregio > /dev/null && spil indicators | grep -A2 'region meetregio'
> region meetregio
>~ overgewicht        result   percent  Kinderen van 4 tot 17 jaar met overgewicht (adopted)
>~ wachttijd-jgz      process  percent  Wachttijd JGZ binnen norm
# Meetregio = Dordrecht + Alblasserdam: (40 + 9) / (50 + 12) = 49/62 = 79.03%.
$ printf 'indicator,area,period,numerator,denominator\nwachttijd-jgz,GM0505,2024,40,50\nmeetregio/wachttijd-jgz,GM0482,2024,9,12\novergewicht,meetregio,2024,30,200\n' > own.csv && spil import measurements own.csv
> Imported own.csv into spil.db: 3 rows, 3 added, 0 changed, 0 unchanged.
$ spil trend wachttijd-jgz meetregio
>   2024           79.0         49 / 62
$ spil trend overgewicht meetregio
>   2024           15.0         30 / 200

=== cli-monitor-7: a region may not redefine a catalogue indicator, and its own needs name, kind and source
$ mkdir bad && sed 's/- {code: overgewicht}/- {code: overgewicht, name: Mijn overgewicht, unit: kg}/; s/, kind: process//' $ROOT/tests/cli/fixtures/meetregio/region.yaml > bad/region.yaml && spil validate bad
? 2
!~ bad/region.yaml:9:31: error: indicator 'overgewicht' is in the national catalogue (kngg), so 'name', 'unit' come from there; give just {code: overgewicht} to adopt it, or choose another code for an indicator of your own
!~ bad/region.yaml:10:5: error: indicator 'wachttijd-jgz' is not in the national catalogue and is missing 'kind'

=== cli-monitor-8: a database of schema 1 is upgraded in place, its own indicators and figures kept
$ sqlite3 old.db < $ROOT/tests/cli/fixtures/schema-v1.sql && spil init --db old.db
> Upgraded old.db from schema 1 to 6.
$ spil trend eigen-bereik GM0505 --db old.db
>   2024Q1         50.0         20 / 40
$ sqlite3 old.db 'pragma foreign_key_check' && spil indicators --db old.db | grep -c 'not given by the source'
> 37

=== cli-monitor-9: an unknown or ambiguous indicator, area, period or programme is a usage error that says what to give
$ spil trend ks-01 Dordrect
? 2
! spil: trend: unknown area 'Dordrect'; did you mean 'Dordrecht'?
$ spil compare ks-1
? 2
! spil: compare: unknown indicator 'ks-1'; did you mean 'ks-01'?
$ spil trend ks-01 NL --by week
? 2
! spil: trend: --by takes year, quarter or month, not 'week'
$ spil trend ks-01 Utrecht
? 2
! spil: trend: 'Utrecht' is the name of GM0344 and PV26: give the code
$ spil trend nosuch/ks-01 NL
? 2
! spil: trend: unknown indicator 'nosuch/ks-01'; 'spil indicators' lists them
$ spil compare ks-01 --period 2024-13
? 2
! spil: compare: bad period '2024-13': a month is 01 to 12; write a year (2024), a quarter (2024Q3) or a month (2024-07)
$ spil indicators --programme knng
? 2
! spil: indicators: unknown programme 'knng'; the programmes are kngg, kansrijke-start and jzojp

=== cli-monitor-10: a setting set to what it is changes and logs nothing
$ spil setting suppress-below 10 && spil log | grep -c 'setting  change'
> suppress-below is 10 already: nothing changed.
> 2

=== cli-monitor-11: a load never deletes figures: an indicator that has them may not leave the file
$ mkdir keep && grep -v 'wachttijd-jgz' $ROOT/tests/cli/fixtures/meetregio/region.yaml > keep/region.yaml && spil load keep
? 2
! keep/region.yaml: error: indicator 'wachttijd-jgz' is not in the file but has 2 figures, which removing it would delete; keep it under 'indicators': a load never deletes figures
$ sqlite3 spil.db "select count(*) from indicator where code = 'wachttijd-jgz'"
> 1
$ sqlite3 spil.db "delete from indicator where code = 'wachttijd-jgz'" 2>&1 | grep -c 'an indicator that has figures cannot be removed'; sqlite3 spil.db "select count(*) from measurement m join indicator i on i.id = m.indicator where i.code = 'wachttijd-jgz'"
> 1
> 2

=== cli-monitor-12: trend shows one kind of period and says which others have figures
$ printf 'indicator,area,period,numerator,denominator\nks-01,GM0505,2023,100,400\n' > y.csv && spil import measurements y.csv > /dev/null && spil trend ks-01 Dordrecht
> There are figures by year too: --by year.
$ spil trend ks-01 Dordrecht --by year
>   2023           25.0        100 / 400
> There are figures by quarter too: --by quarter.

=== cli-monitor-13: names as people write them: without the list's qualifier, ambiguous ones refused; one output format at a time; no figures is not an error
$ spil trend ks-01 hengelo
> ks-01 in Hengelo (O.) (municipality, GM0164), percent
$ spil trend ks-01 Bergen
? 2
! spil: trend: 'Bergen' is the name of GM0373 and GM0893: give the code
$ spil trend ks-01 NL --csv --json
? 2
>~ "message": "give --csv or --json, not both",
!= (empty)
$ spil compare ks-04
> No figures for ks-04 yet: import them with 'spil import measurements FILE.csv'.

=== cli-monitor-14: compare's default period is the latest of the areas compared, not of any area
$ printf 'indicator,area,period,numerator,denominator\nks-01,GM0599,2024-06,30,100\n' > rdam.csv && spil import measurements rdam.csv > /dev/null && spil compare ks-01 --region zuid-holland-zuid | head -1
> ks-01 2024Q2, municipalities of zuid-holland-zuid
$ spil compare ks-01 | head -1
> ks-01 2024-06, regions

=== cli-monitor-15: a repeat in a file that cannot be read twice (a pipe) is still reported
$ printf 'indicator,area,period,value\nks-01,GM0505,2019,10\nks-01,GM0505,2019,11\n' | spil import measurements /dev/stdin
? 2
! /dev/stdin:3: error: the same indicator, area and period as an earlier line; each indicator, area and period once per file

=== cli-monitor-16: a large import shows its progress on a terminal, and nothing when piped
$ $ROOT/scripts/gen-national big --measurements 70000 2> /dev/null && spil init --db big.db > /dev/null && script -qec 'spil import measurements big/measurements.csv --db big.db' typescript > /dev/null && grep -c 'importing big/measurements.csv:  95% (65535 rows)' typescript
> 1
$ rm big.db* && spil init --db big.db > /dev/null && spil import measurements big/measurements.csv --db big.db
> Imported big/measurements.csv into big.db: 68400 rows, 68400 added, 0 changed, 0 unchanged.
!= (empty)

=== cli-monitor-17: a code two regions use for indicators of their own is written as REGION/CODE
$ mkdir twee && sed 's/id: meetregio, name: Meetregio/id: meetregio-twee, name: Meetregio twee/' $ROOT/tests/cli/fixtures/meetregio/region.yaml > twee/region.yaml && spil load twee > /dev/null && printf 'indicator,area,period,numerator,denominator\nwachttijd-jgz,GM0505,2023,40,50\nmeetregio-twee/wachttijd-jgz,GM0505,2023,41,50\n' > amb.csv && spil import measurements amb.csv
? 2
! amb.csv:2: error: indicator 'wachttijd-jgz' is defined by several regions; write it as REGION/CODE
