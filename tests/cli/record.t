# Recording what happens between loads, and asking "what if" (cases cli-record-N).

=== cli-record-1: sign records a signature, validated and logged with who and why
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null
$ spil sign zuid-holland-zuid regioplan gem-dordrecht --signatory bm-dordrecht --reason "raadsbesluit 12 januari"
> parties: 1 changed
>   ~ regioplan/gem-dordrecht: status agreed -> signed, date 2024-05-16 -> 2026-01-15, signatory (none) -> bm-dordrecht
> Recorded in spil.db (0 added, 1 changed). 'spil export zuid-holland-zuid' writes the region file.
$ spil log zuid-holland-zuid --limit 1
> 2026-01-15T10:00:00Z  tester     sign     change party regioplan/gem-dordrecht  (zuid-holland-zuid)  reason: raadsbesluit 12 januari
$ spil export zuid-holland-zuid | grep -c 'organisation: gem-dordrecht, status: signed'
> 1

=== cli-record-2: a bad value or an unknown name is refused with the loader's message, nothing written
$ sqlite3 spil.db 'select count(*) from event' > before.txt
$ spil sign zuid-holland-zuid regioplan gem-dordrect --status sined
? 2
! spil: sign: invalid status 'sined'; expected one of: invited, agreed, signed, declined, withdrawn; did you mean 'signed'?
$ spil sign zuid-holland-zuid regioplan gem-dordrect
? 2
! spil: sign: unknown organisation 'gem-dordrect' in 'organisation'; did you mean 'gem-dordrecht'?
$ sqlite3 spil.db 'select count(*) from event' | cmp - before.txt && echo unchanged
> unchanged

=== cli-record-3: assign, fund and decide record their rows
$ spil assign zuid-holland-zuid voorzitter regiocoordinator --hours 16 --formal --since 2026-01-01
> roles: 1 added
$ spil fund zuid-holland-zuid rc-2026 --source gala --purpose rc --amount 60000 --status agreed
> funding: 1 added
$ spil fund zuid-holland-zuid rc-2027 --source gala
? 2
! spil: fund: a new funding needs 'purpose'
! spil: fund: a new funding needs 'status'
$ spil decide zuid-holland-zuid werkagenda-2026 --body coalitie --subject "Werkagenda vaststellen" --kind decision gem-dordrecht=for+mandate vgz=against
> decisions: 1 added
>   + werkagenda-2026/gem-dordrecht, werkagenda-2026/vgz
$ spil decide zuid-holland-zuid x --body coalitie --subject s --kind decision vgz
? 2
! spil: decide: a position reads ORGANISATION=POSITION[+mandate], e.g. ggd=for+mandate; got 'vgz'

=== cli-record-4: check --assume shows which findings a change would clear, and writes nothing
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: signed}\n' > change.yaml
$ sqlite3 spil.db 'select count(*) from event' > before.txt
$ spil check zuid-holland-zuid --assume change.yaml
? 1
> Assuming change.yaml (nothing is written):
>   ~ regioplan/vgz: status invited -> signed
> It would clear 1 finding:
>~ - regioplan: VGZ has not signed (status invited)
$ sqlite3 spil.db 'select count(*) from event' | cmp - before.txt && echo unchanged
> unchanged
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: sined}\n' > bad.yaml
$ spil check zuid-holland-zuid --assume bad.yaml
? 2
! bad.yaml:4:37: error: invalid status 'sined'; expected one of: invited, agreed, signed, declined, withdrawn; did you mean 'signed'?
$ printf 'region: {id: x, name: X}\n' > region.yaml && spil check zuid-holland-zuid --assume region.yaml
? 2
! region.yaml:1:1: error: a change file cannot change the region itself or its scripts; edit the region's region.yaml and load it

=== cli-record-5: deciding again on an existing decision keeps its date; a new one gets today's
$ spil decide zuid-holland-zuid werkagenda-2026 gem-dordrecht=for+mandate vgz=for --date 2025-12-01
>~ werkagenda-2026
$ SPIL_NOW=2026-03-01T09:00:00Z spil decide zuid-holland-zuid werkagenda-2026 vgz=for+mandate
>   ~ werkagenda-2026/vgz: mandate (none) -> true
>! date 20

=== cli-record-6: Dutch words for the values are accepted everywhere and stored as the model's values
$ spil sign zuid-holland-zuid regioplan gem-alblasserdam --status getekend --date 2026-01-10
>   ~ regioplan/gem-alblasserdam: status invited -> signed, date 2024-03-01 -> 2026-01-10
$ sqlite3 spil.db "select status from agreement_party where agreement = 'regioplan' and organisation = 'gem-alblasserdam'"
> signed
$ spil decide zuid-holland-zuid besluit-1 --body coalitie --subject S --kind besluit --outcome aangenomen gem-dordrecht=voor vgz=tegen dgj=onthouding jong-jgz=bezwaar+mandate
> positions: 4 added
$ sqlite3 spil.db "select kind, outcome from decision where id = 'besluit-1'"
> decision|adopted
$ sqlite3 spil.db "select group_concat(organisation || '=' || position || coalesce(mandate, '-'), ' ') from (select * from decision_position where decision = 'besluit-1' order by organisation)"
> dgj=abstain- gem-dordrecht=for- jong-jgz=objection1 vgz=against-
$ spil fund zuid-holland-zuid overig-2026 --source overig --purpose overig --status aangevraagd
> funding: 1 added
$ sqlite3 spil.db "select source, purpose, status from funding where id = 'overig-2026'"
> other|other|requested
$ printf 'agreements:\n  - id: regioplan\n    parties:\n      - {organisation: vgz, status: ondertekend}\n' > change.yaml
$ spil check zuid-holland-zuid --assume change.yaml
? 1
>   ~ regioplan/vgz: status invited -> signed

=== cli-record-7: signing again keeps the date unless --date says otherwise; a new status gets today's
$ SPIL_NOW=2026-03-01T09:00:00Z spil sign zuid-holland-zuid regioplan gem-alblasserdam
> Nothing to record: zuid-holland-zuid already holds this.
$ SPIL_NOW=2026-03-01T09:00:00Z spil sign zuid-holland-zuid regioplan gem-alblasserdam --signatory bm-alblasserdam
>   ~ regioplan/gem-alblasserdam: signatory (none) -> bm-alblasserdam
$ spil sign zuid-holland-zuid regioplan gem-alblasserdam --date 2026-01-12
>   ~ regioplan/gem-alblasserdam: date 2026-01-10 -> 2026-01-12
$ SPIL_NOW=2026-03-01T09:00:00Z spil sign zuid-holland-zuid regioplan gem-alblasserdam --status ingetrokken
>   ~ regioplan/gem-alblasserdam: status signed -> withdrawn, date 2026-01-12 -> 2026-03-01

=== cli-record-8: decide takes any number of positions, each checked
$ spil decide zuid-holland-zuid besluit-2 --body coalitie --subject S --kind decision gem-alblasserdam=for gem-dordrecht=for gem-gorinchem=for gem-hardinxveld-giessendam=for gem-hendrik-ido-ambacht=for gem-hoeksche-waard=for gem-molenlanden=for gem-papendrecht=for gem-sliedrecht=for gem-zwijndrecht=for vgz=against dgj=abstain
> positions: 12 added
$ sqlite3 spil.db "select count(*) from decision_position where decision = 'besluit-2'"
> 12

=== cli-record-9: decide says whether the decision is valid under the region's governance rule, in words and in --json
$ spil decide zuid-holland-zuid besluit-3 --body coalitie --subject S --kind decision gem-dordrecht=for vgz=against+mandate
> Governance (kansrijke-start's rule): not valid, 1 of 18 voting members took a position that counts: quorum not reached: 1 of 18 voting members took a position with a mandate, 9 needed; 1 of 1 mandated positions are against; advice goes back to gem-dordrecht.
$ spil decide zuid-holland-zuid besluit-3 vgz=for+mandate --json | python3 -c 'import json,sys; g = json.load(sys.stdin)["result"]["governance"][0]; print(g["programme"], g["valid"], g["present"], g["counted"], g["pending"])'
> kansrijke-start False 1 18 ['gem-dordrecht']
$ spil decide zuid-holland-zuid college-dordrecht --organisation gem-dordrecht --organ college --topic deelname --subject Deelname --kind besluit --outcome aangenomen
> Governance (kansrijke-start's rule): valid (the organisation's own decision, taken under its own rules).

=== cli-record-9b: a position without +mandate keeps the seat's mandate (ouders' seat has one); +no-mandate says it had none
$ spil decide zuid-holland-zuid besluit-4 --body coalitie --subject S --kind decision ouders=for gem-dordrecht=for > /dev/null
$ sqlite3 spil.db "select organisation, coalesce(mandate, 'seat') from decision_position where decision = 'besluit-4' order by organisation"
> gem-dordrecht|seat
> ouders|seat
$ spil decide zuid-holland-zuid besluit-4 --json | python3 -c 'import json,sys; g = json.load(sys.stdin)["result"]["governance"][0]; print(g["present"], g["pending"])'
> 1 ['gem-dordrecht']
$ spil decide zuid-holland-zuid besluit-4 ouders=for+no-mandate --json | python3 -c 'import json,sys; g = json.load(sys.stdin)["result"]["governance"][0]; print(g["present"], sorted(g["pending"]))'
> 0 ['gem-dordrecht', 'ouders']
$ sqlite3 spil.db "select mandate from decision_position where decision = 'besluit-4' and organisation = 'ouders'"
> 0

=== cli-record-10: fund --theme names the theme a funding pays for (schema 5), checked like region.yaml; ZHZ's advice on its regional themes follows
$ spil load --force $ROOT/regions/zuid-holland-zuid > /dev/null && sqlite3 spil.db .dump > before.sql
$ spil fund zuid-holland-zuid data-regio --source spuk --purpose m\&e --theme werken-met-dat --status granted
! spil: fund: unknown theme 'werken-met-dat' in 'theme'; did you mean 'werken-met-data'?
? 2
$ sqlite3 spil.db .dump | cmp - before.sql && echo unchanged
> unchanged
$ spil check zuid-holland-zuid | grep -c 'no regional funding is agreed or granted for the theme'
> 3
$ spil fund zuid-holland-zuid data-regio --source spuk --purpose m\&e --theme werken-met-data --status granted | tail -1
> Recorded in spil.db (1 added, 0 changed). 'spil export zuid-holland-zuid' writes the region file.
$ spil export zuid-holland-zuid | grep 'id: data-regio'
> - {id: data-regio, source: spuk, purpose: m&e, theme: werken-met-data, status: granted}
$ spil check zuid-holland-zuid | grep 'no regional funding is agreed or granted for the theme'
>      - (advisory) no regional funding is agreed or granted for the theme Netwerkregie [theme netwerkregie]
>      - (advisory) no regional funding is agreed or granted for the theme Ouderbetrokkenheid [theme ouderbetrokkenheid]
