# The programmes' baselines (stdlib/tests/*/fixtures/klaar), which spil test proves ready at
# every step without any finding, are READY through the CLI too: the same door, seen as a
# coordinator sees it. Their eisen tests break each requirement one by one (docs/programmes.md).

=== cli-base-1: KnGG's baseline is READY at every step
$ spil load $ROOT/stdlib/tests/kngg/fixtures/klaar > /dev/null
$ for s in 1-5 6 7 8 fase-2; do spil check polder-klaar --step $s | tail -1; done
> READY to leave step 1-5: no blocking findings, 0 advisory.
> READY to leave step 6: no blocking findings, 0 advisory.
> READY to leave step 7: no blocking findings, 0 advisory.
> READY to leave step 8: no blocking findings, 0 advisory.
>~ READY to leave step fase-2: no blocking findings,

=== cli-base-2: Kansrijke Start's baseline is READY at every step
$ spil load $ROOT/stdlib/tests/kansrijke_start/fixtures/klaar > /dev/null
$ for s in verkenning coalitie uitvoering; do spil check bevelanden-klaar --step $s | tail -1; done
> READY to leave step verkenning: no blocking findings, 0 advisory.
> READY to leave step coalitie: no blocking findings, 0 advisory.
>~ READY to leave step uitvoering: no blocking findings,

=== cli-base-3: JZOJP's baseline is READY at every step
$ spil load $ROOT/stdlib/tests/jzojp/fixtures/klaar > /dev/null
$ for s in regiocoordinator afspraken samenwerken; do spil check drenthe-noord-klaar --step $s | tail -1; done
> READY to leave step regiocoordinator: no blocking findings, 0 advisory.
> READY to leave step afspraken: no blocking findings, 0 advisory.
>~ READY to leave step samenwerken: no blocking findings,

=== cli-base-4: one requirement broken through the CLI: a pending collegebesluit blocks, naming the municipality, the remedy and the source
$ spil decide polder-klaar deelname-zeewolde --outcome pending > /dev/null && spil check polder-klaar --step 6
? 1
>~ FAIL besluit-deelname  Positief besluit van elke deelnemende gemeente
>~ - the decision of Zeewolde to join (deelname-zeewolde, 2024-12-17) is pending [municipality GM0050]
>~ do: the verkenning ends with a positive decision of every gemeente
>~ source: Leidraad regionale implementatiefase KnGG (2025), de regionale coördinator (na een positieve besluitvorming)
