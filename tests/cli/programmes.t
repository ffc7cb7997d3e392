# Programmes and steps as region.yaml names them (cases cli-prog-N): an unknown step is caught
# by validate and load (file:line:col, did-you-mean), check takes only a programme the region
# runs, a region with two programmes is checked for both, status fails when a step cannot be
# checked.

=== cli-prog-1: validate and load refuse a step the programme does not have, at its place, with a did-you-mean; nothing is written
$ mkdir -p r && printf 'spil: 1\nregion: {id: r, name: R}\nprogrammes:\n  - {programme: kansrijke-start, step: coalite}\n' > r/region.yaml
$ spil validate r
? 2
! r/region.yaml:4:40: error: programme 'kansrijke-start' has no step 'coalite'; its steps are verkenning, coalitie, uitvoering; did you mean 'coalitie'?
$ spil load r
? 2
! r/region.yaml:4:40: error: programme 'kansrijke-start' has no step 'coalite'; its steps are verkenning, coalitie, uitvoering; did you mean 'coalitie'?
$ sqlite3 spil.db 'select count(*) from region'
> 0
$ printf 'spil: 1\nregion: {id: r, name: R}\nprogrammes:\n  - {programme: kngg, step: stap-6}\n' > r/region.yaml && spil validate r
? 2
! r/region.yaml:4:29: error: programme 'kngg' has no step 'stap-6'; its steps are 1-5, 6, 7, 8, fase-2; did you mean '6'?

=== cli-prog-2: a step of the history that the programme does not have is refused too
$ printf 'spil: 1\nregion: {id: r, name: R}\nprogrammes:\n  - programme: kngg\n    step: "6"\n    history:\n      - {step: stap-5, entered: 2024-01-01}\n' > r/region.yaml && spil validate r
? 2
! r/region.yaml:7:16: error: the history names step 'stap-5', which programme 'kngg' does not have; its steps are 1-5, 6, 7, 8, fase-2; did you mean '1-5'?

=== cli-prog-3: a region with two programmes is checked for both, a section each; --programme picks one
$ mkdir -p twee && printf 'spil: 1\nregion: {id: twee, name: Twee}\nmunicipalities:\n  - {code: GM0505}\nprogrammes:\n  - {programme: kngg, step: 1-5}\n  - {programme: kansrijke-start, step: verkenning}\n' > twee/region.yaml && spil load -q twee
> Loaded twee into spil.db: 4 added, 0 changed, 0 removed.
$ spil check twee
? 1
> twee: kansrijke-start, step verkenning (Verkenning)
> twee: kngg, step 1-5 (Verkenningsfase)
> NOT READY to leave step verkenning: 2 blocking findings, 0 advisory.
> NOT READY to leave step 1-5: 2 blocking findings, 1 advisory.
$ spil check -q twee
? 1
> twee (kansrijke-start): NOT READY to leave step verkenning: 2 blocking findings, 0 advisory.
> twee (kngg): NOT READY to leave step 1-5: 2 blocking findings, 1 advisory.
$ spil check twee --programme kngg | grep -c '^twee: '
> 1
$ spil check twee --json | python3 -c 'import json, sys; d = json.load(sys.stdin)["result"]; print([r["programme"] for r in d["results"]], d["not_ready"])'
> ['kansrijke-start', 'kngg'] 2

=== cli-prog-4: check --programme for a programme the region does not run is exit 2, naming what it runs
$ spil check twee --programme jzojp
? 2
! spil: check: twee does not run programme 'jzojp'; it runs kansrijke-start, kngg
!! READY
$ spil check twee --programme kngg --step 6 | grep READY
> NOT READY to leave step 6: 4 blocking findings, 6 advisory.

=== cli-prog-5: advance, --step and --assume take one programme: with two, --programme is asked for
$ spil advance twee --as x
? 2
! spil: advance: twee runs 2 programmes (kansrijke-start, kngg): choose one with --programme
$ spil check twee --step 6
? 2
! spil: check: twee runs 2 programmes (kansrijke-start, kngg): choose one with --programme

=== cli-prog-6: status exits 2 when a step cannot be checked, and names it
# Written behind spil's back (an older spil wrote it, or a new stdlib dropped the step), and
# what a check remembered today is forgotten with it.
$ sqlite3 spil.db "update region_programme set step = 'stap-5' where programme = 'kngg'; delete from readiness"
$ spil status twee
? 2
>~ kngg               step stap-5: cannot check
! spil: status: twee: cannot check kngg: programme 'kngg' has no step 'stap-5' (steps: 1-5, 6, 7, 8, fase-2)
$ spil regions
>~ twee
