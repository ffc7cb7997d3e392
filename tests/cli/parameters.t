# Parameters: the thresholds the guidance leaves to the region, set in region.yaml
# (programmes[].parameters), checked against the programme at load, used by the checks, and
# recorded by advance.

=== cli-param-1: a parameter in region.yaml changes what a check asks, and load refuses one the programme does not have
$ cp -r $ROOT/stdlib/tests/kngg/fixtures/klaar r && spil load r >/dev/null && spil check polder-klaar --step fase-2 | grep -c '^warn evaluatie '
? 1
> 0
$ sed -i '0,/^    since: 2025-03-01$/s//    since: 2025-03-01\n    parameters:\n      - {name: evaluatie_maanden, value: 6}/' r/region.yaml && spil load r | tail -1
> Loaded polder-klaar into spil.db: 1 added, 0 changed, 0 removed.
$ spil check polder-klaar --step fase-2
>~ - (advisory) no evaluation of the collaboration since 2025-07-15
$ cp -r r bad && sed -i 's/name: evaluatie_maanden, value: 6/name: evaluatie_maand, value: 6/' bad/region.yaml && spil load bad
? 2
!~ bad/region.yaml:62:9: error: programme 'kngg' has no parameter 'evaluatie_maand' (parameters: evaluatie_maanden, meetperiode_maanden, regelmatig_maanden, toetsing_maanden)
$ sqlite3 spil.db "select name, value from programme_parameter"
> evaluatie_maanden|6

=== cli-param-2: advance records the parameters the region set in place of the guidance's defaults
$ spil advance polder-klaar --as rc --json | grep -A6 '"parameters"'
>~ "name": "evaluatie_maanden",
>~ "by": "region.yaml"
$ sqlite3 spil.db "select count(*) from event where action = 'advance' and json_extract(detail, '$.parameters[0].value') = 6"
> 1
$ spil advance polder-klaar --as rc
>~ with the region's parameters: evaluatie_maanden = 6 (default 12, region.yaml)
