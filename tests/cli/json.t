# Every command's --json (cases cli-json-N): one envelope {format, command, exit, result,
# errors}, validated against docs/json/*.schema.json by tests/cli/validate-json (python3-jsonschema).
# A step runs its command through ./validated (written by the first step): its stdout goes to
# validate-json, which prints "valid COMMAND exit N" and notes COMMAND in seen.txt, and what the
# command wrote to stderr comes after, on stderr, where "!= (empty)" sees it.

=== cli-json-1: init, load, validate, regions, status, export and log answer in the envelope, each valid against its schema
$ printf '%s\n' '#!/bin/sh' '"$@" 2>err.txt | "$ROOT/tests/cli/validate-json" --seen seen.txt && cat err.txt >&2' >validated && chmod +x validated
$ ./validated spil init --json
> valid init exit 0
!= (empty)
$ ./validated spil load $ROOT/regions/zuid-holland-zuid --json
> valid load exit 0
!= (empty)
$ ./validated spil load $ROOT/regions/flevoland --dry-run --json
> valid load exit 0
!= (empty)
$ ./validated spil validate $ROOT/regions/flevoland --json
> valid validate exit 0
!= (empty)
$ ./validated spil regions --json
> valid regions exit 0
!= (empty)
$ ./validated spil status --json
> valid status exit 0
!= (empty)
$ ./validated spil export zuid-holland-zuid --json
> valid export exit 0
!= (empty)
$ ./validated spil export zuid-holland-zuid -o z.yaml --json
> valid export exit 0
!= (empty)
$ ./validated spil log --limit 3 --json
> valid log exit 0
!= (empty)

=== cli-json-2: check (one region, every region, --assume) and advance, ready or not, valid; the exit code is in the envelope
$ ./validated spil check zuid-holland-zuid --json
> valid check exit 1
!= (empty)
$ ./validated spil check --all --json
> valid check exit 1
!= (empty)
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: signed}\n' | ./validated spil check zuid-holland-zuid --assume - --json
> valid check exit 1
!= (empty)
$ ./validated spil advance zuid-holland-zuid --as voorzitter --json
> valid advance exit 1
!= (empty)
$ spil --db nvt.db load $ROOT/stdlib/tests/kngg/fixtures/klaar > /dev/null && ./validated spil --db nvt.db check polder-klaar --json && spil --db nvt.db check polder-klaar --json | grep -c '"status": "not_applicable"'
> valid check exit 0
> 1
!= (empty)

=== cli-json-3: the recording commands, valid
$ ./validated spil sign zuid-holland-zuid regioplan vgz --json
> valid sign exit 0
!= (empty)
$ ./validated spil assign zuid-holland-zuid voorzitter czv --hours 4 --json
> valid assign exit 0
!= (empty)
$ ./validated spil fund zuid-holland-zuid rc-2027 --source gala --purpose rc --status agreed --amount 1000 --json
> valid fund exit 0
!= (empty)
$ ./validated spil decide zuid-holland-zuid besluit-x vgz=for+mandate --body coalitie --subject Werkagenda --kind decision --json
> valid decide exit 0
!= (empty)

=== cli-json-4: figures: import, indicators, trend, compare, setting, valid
$ printf 'indicator,area,period,value,numerator,denominator\nks-01,GM0505,2024Q1,30.0,30,100\nks-01,GM0512,2024Q1,40.0,20,50\n' | ./validated spil import measurements - --json
> valid import exit 0
!= (empty)
$ ./validated spil indicators --programme kansrijke-start --json
> valid indicators exit 0
!= (empty)
$ ./validated spil trend ks-01 zuid-holland-zuid --json
> valid trend exit 0
!= (empty)
$ ./validated spil compare ks-01 --json
> valid compare exit 0
!= (empty)
$ ./validated spil compare ks-02 --json
> valid compare exit 0
!= (empty)
$ ./validated spil setting --json
> valid setting exit 0
!= (empty)
$ ./validated spil setting suppress-below 10 --json
> valid setting exit 0
!= (empty)

=== cli-json-5: test, version, help, report and verify, valid
$ ./validated spil test $ROOT/regions/flevoland --json
> valid test exit 0
!= (empty)
$ ./validated spil version --json
> valid version exit 0
!= (empty)
$ ./validated spil help --json
> valid help exit 0
!= (empty)
$ ./validated spil help check --json
> valid help exit 0
!= (empty)
$ ./validated spil report zuid-holland-zuid --json
> valid report exit 0
!= (empty)
$ ./validated spil report --all --json
> valid report exit 0
!= (empty)
$ ./validated spil verify --json
> valid verify exit 0
!= (empty)
$ cp spil.db tampered.db && sqlite3 tampered.db "update region set name = 'X'" && ./validated spil --db tampered.db verify --json
> valid verify exit 1
!= (empty)

=== cli-json-6: errors come in the envelope on stdout, nothing on stderr, with the exit code they have without --json
$ ./validated spil check nope --json
> valid check exit 2
!= (empty)
$ ./validated spil log --limit 0 --json
> valid log exit 2
!= (empty)
$ ./validated spil sign zuid-holland-zuid regioplan vgz --status sined --json
> valid sign exit 2
!= (empty)
$ ./validated spil trend ks-99 NL --json
> valid trend exit 2
!= (empty)
$ mkdir -p bad && printf 'spil: 1\nregion: {id: b, name: B}\ngemeentes: []\n' > bad/region.yaml && ./validated spil validate bad --json
> valid validate exit 2
!= (empty)
$ ./validated spil --json bogus
> valid None exit 2
!= (empty)

=== cli-json-6b: the message of an error is in the envelope, where stderr would have had it
$ spil sign zuid-holland-zuid regioplan vgz --status sined --json | python3 -c 'import json, sys; e = json.load(sys.stdin)["errors"][0]; print(e["file"], e["message"], "/", e["hint"])'
> None invalid status 'sined'; expected one of: invited, agreed, signed, declined, withdrawn / did you mean 'signed'?
$ spil validate bad --json | python3 -c 'import json, sys; e = json.load(sys.stdin)["errors"][0]; print(e["file"], e["line"], e["col"], e["hint"])'
> bad/region.yaml 3 1 did you mean 'municipalities'?
$ spil log --limit 0 --json | python3 -c 'import json, sys; e = json.load(sys.stdin)["errors"][0]; print(e["hint"])'
> Try 'spil log --help'.

=== cli-json-7: every command that takes --json was validated above, and each has its schema
$ $ROOT/tests/cli/validate-json --all-seen seen.txt spil
>~ commands with --json validated
