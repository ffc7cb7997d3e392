# Every command's --json (cases cli-json-N): one envelope {format, command, exit, result,
# errors}, validated against docs/json/*.schema.json by tests/cli/validate-json (python3-jsonschema).

=== cli-json-1: init, load, validate, regions, status, export and log answer in the envelope, each valid against its schema
$ spil init --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid init exit 0
!= (empty)
$ spil load $ROOT/regions/zuid-holland-zuid --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid load exit 0
!= (empty)
$ spil load $ROOT/regions/flevoland --dry-run --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid load exit 0
!= (empty)
$ spil validate $ROOT/regions/flevoland --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid validate exit 0
!= (empty)
$ spil regions --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid regions exit 0
!= (empty)
$ spil status --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid status exit 0
!= (empty)
$ spil export zuid-holland-zuid --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid export exit 0
!= (empty)
$ spil export zuid-holland-zuid -o z.yaml --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid export exit 0
!= (empty)
$ spil log --limit 3 --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid log exit 0
!= (empty)

=== cli-json-2: check (one region, every region, --assume) and advance, ready or not, valid; the exit code is in the envelope
$ spil check zuid-holland-zuid --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid check exit 1
!= (empty)
$ spil check --all --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid check exit 1
!= (empty)
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: signed}\n' | spil check zuid-holland-zuid --assume - --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid check exit 1
!= (empty)
$ spil advance zuid-holland-zuid --as voorzitter --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid advance exit 1
!= (empty)

=== cli-json-3: the recording commands, valid
$ spil sign zuid-holland-zuid regioplan vgz --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid sign exit 0
!= (empty)
$ spil assign zuid-holland-zuid voorzitter czv --hours 4 --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid assign exit 0
!= (empty)
$ spil fund zuid-holland-zuid rc-2027 --source gala --purpose rc --status agreed --amount 1000 --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid fund exit 0
!= (empty)
$ spil decide zuid-holland-zuid besluit-x vgz=for+mandate --body coalitie --subject Werkagenda --kind decision --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid decide exit 0
!= (empty)

=== cli-json-4: figures: import, indicators, trend, compare, setting, valid
$ printf 'indicator,area,period,value,numerator,denominator\nks-01,GM0505,2024Q1,30.0,30,100\nks-01,GM0512,2024Q1,40.0,20,50\n' | spil import measurements - --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid import exit 0
!= (empty)
$ spil indicators --programme kansrijke-start --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid indicators exit 0
!= (empty)
$ spil trend ks-01 zuid-holland-zuid --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid trend exit 0
!= (empty)
$ spil compare ks-01 --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid compare exit 0
!= (empty)
$ spil compare ks-02 --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid compare exit 0
!= (empty)
$ spil setting --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid setting exit 0
!= (empty)
$ spil setting suppress-below 10 --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid setting exit 0
!= (empty)

=== cli-json-5: test, version, help, report and verify, valid
$ spil test $ROOT/regions/flevoland --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid test exit 0
!= (empty)
$ spil version --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid version exit 0
!= (empty)
$ spil help --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid help exit 0
!= (empty)
$ spil help check --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid help exit 0
!= (empty)
$ spil report zuid-holland-zuid --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid report exit 0
!= (empty)
$ spil report --all --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid report exit 0
!= (empty)
$ spil verify --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid verify exit 0
!= (empty)
$ cp spil.db tampered.db && sqlite3 tampered.db "update region set name = 'X'" && spil --db tampered.db verify --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid verify exit 1
!= (empty)

=== cli-json-6: errors come in the envelope on stdout, nothing on stderr, with the exit code they have without --json
$ spil check nope --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid check exit 2
!= (empty)
$ spil log --limit 0 --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid log exit 2
!= (empty)
$ spil sign zuid-holland-zuid regioplan vgz --status sined --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid sign exit 2
!= (empty)
$ spil trend ks-99 NL --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid trend exit 2
!= (empty)
$ mkdir -p bad && printf 'spil: 1\nregion: {id: b, name: B}\ngemeentes: []\n' > bad/region.yaml && spil validate bad --json 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
> valid validate exit 2
!= (empty)
$ spil --json bogus 2>err.txt | $ROOT/tests/cli/validate-json --seen seen.txt && cat err.txt
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
