# spil report (cases cli-report-N): the report of one region and the learning network's page, in
# Markdown, JSON and HTML, through the CLI. The region is Zuid-Holland Zuid; figures come from
# scripts/gen-national (fictional). The browser test (tests/browser) renders the HTML in Chromium.

=== cli-report-1: the Markdown report says where the region stands and what blocks the next step
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null
$ spil report zuid-holland-zuid --format md
> # Rapport Zuid-Holland Zuid
> ## Waar de regio staat
> ### Kansrijke Start: stap Coalitie vormen
> | 1 | Verkenning | Coalitie opbouwen | gepasseerd | 31 oktober 2022 | 1 april 2023 |
> | 2 | **Coalitie vormen** | Coalitie opbouwen | huidige stap | 1 april 2023 | - |
> | 3 | Uitvoering | Uitvoering | volgende stap | - | - |
> **Nog niet klaar** om naar de volgende stap (Uitvoering) te gaan: 25 blokkerende bevindingen, 4 adviesbevindingen.
> | Regioplan door alle partners vastgesteld | niet voldaan (blokkerend) | 18 |

=== cli-report-2: the readiness is what spil check finds, and a report does not remember it (read only)
$ spil check zuid-holland-zuid --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["results"][0]["blocking"])'
> 25
$ sqlite3 spil.db 'delete from readiness' && sqlite3 spil.db .dump > before.sql
$ spil report zuid-holland-zuid --format md > /dev/null && spil report zuid-holland-zuid --format json > /dev/null && spil report --all --format md > /dev/null
$ sqlite3 spil.db .dump | cmp - before.sql && echo unchanged
> unchanged

=== cli-report-3: findings are grouped by who must act, blocking first, each with remedy, check and source
$ spil report zuid-holland-zuid --format md > r.md
$ grep -n -m1 '^### Organisatie: ' r.md | cut -d: -f2-
> ### Organisatie: Dienst Gezondheid \& Jeugd ZHZ
$ grep -c '^### Organisatie: ' r.md
> 17
$ grep -A4 -m1 '^### Persoon: ' r.md
> ### Persoon: Voorzitter Coalitie (fictief)
>~ 1 blokkerend, 0 advies.
$ spil check zuid-holland-zuid --json | python3 -c 'import json,sys; f = [f for c in json.load(sys.stdin)["result"]["results"][0]["checks"] for f in c["findings"] if f["check"] == "regioplan" and f["subject"]["id"] == "gem-alblasserdam"][0]; print("- **Blokkerend**: " + f["missing"]); print("  - Te doen: " + f["remedy"]); print("  - Controle: Regioplan door alle partners vastgesteld (kansrijke-start)"); print("  - Bron: " + f["source"])' > expected.md
? 0
$ grep -A3 -F -e "$(head -1 expected.md)" r.md | diff - expected.md && echo same
> same

=== cli-report-4: governance: who decides with a mandate, advice pending with which organisation, the verdict in words
$ grep -F '| Oudervertegenwoordiging ZHZ |' r.md
> | Oudervertegenwoordiging ZHZ | Oudervertegenwoordiger (fictief) | lid | - | ja | ja |
$ grep -F '| Zilveren Kruis |' r.md
> | Zilveren Kruis | - | agendalid | - | - | nee |
$ grep -c 'Regionale coalitie Kansrijke Start | 8 februari 2024 |' r.md
> 5
$ spil decide zuid-holland-zuid besluit-test --body coalitie --subject 'Werkagenda vaststellen' --kind decision --outcome adopted --date 2025-12-01 ouders=for+mandate gem-alblasserdam=for+mandate gem-dordrecht=for+mandate gem-gorinchem=for+mandate gem-hardinxveld-giessendam=for+mandate gem-hendrik-ido-ambacht=for+mandate gem-hoeksche-waard=for+mandate gem-molenlanden=for+mandate gem-papendrecht=for+mandate > /dev/null
$ spil report zuid-holland-zuid --format md | grep -A1 '^- 1 december 2025'
> - 1 december 2025, Regionale coalitie Kansrijke Start: **Werkagenda vaststellen** (besluit, aangenomen)
>   - kansrijke-start: geldig volgens de regel van de regio (9 van 18 stemgerechtigde leden namen een geldend standpunt in).

=== cli-report-5: agreements with who signed, funding per purpose with its period (ending soon marked), open and overdue actions
$ grep -F 'regioplan, concept; 0 van 17 partijen getekend.' r.md
> regioplan, concept; 0 van 17 partijen getekend.
$ grep -F '| Dienst Gezondheid \& Jeugd ZHZ | akkoord | 16 mei 2024 | - |' r.md
> | Dienst Gezondheid \& Jeugd ZHZ | akkoord | 16 mei 2024 | - |
$ spil fund zuid-holland-zuid spuk-dordrecht --source spuk --purpose programma --amount 90000 --status granted --since 2025-01-01 --until 2026-03-01 > /dev/null
$ spil report zuid-holland-zuid --format md | grep -F 'spuk-dordrecht'
> | programma | spuk-dordrecht | SPUK | € 90.000 | - | 1 januari 2025 tot en met 1 maart 2026 | toegekend; **loopt binnenkort af** |
$ grep -F 'Werkagenda met visie en missie' r.md
> | Werkagenda met visie en missie en doelstellingen uitwerken | Voorzitter Coalitie (fictief) | 31 december 2024 | **te laat** |

=== cli-report-6: what changed: since --since, or since the last report written with -o, which is the one write
$ spil report zuid-holland-zuid --format md --since 2026-01-15 | grep -A3 '^## Wat is er veranderd'
>~ Sinds 15 januari 2026 (gevraagd met --since): 
$ spil report zuid-holland-zuid --format md -o kerngroep.md
>= (empty)
$ grep -c '^# Rapport Zuid-Holland Zuid' kerngroep.md
> 1
$ spil log zuid-holland-zuid --limit 1
>~ tester     report   write   kerngroep.md  (zuid-holland-zuid)
$ spil report zuid-holland-zuid --format md | grep -A2 '^## Wat is er veranderd'
> Sinds 15 januari 2026 om 10:00 UTC (het vorige rapport): 0 wijzigingen.
$ spil sign zuid-holland-zuid regioplan vgz > /dev/null
$ spil report zuid-holland-zuid --format md | grep -A4 '^## Wat is er veranderd'
> Sinds 15 januari 2026 om 10:00 UTC (het vorige rapport): 1 wijziging.
>~ tester (sign): 1 × partij gewijzigd: regioplan/vgz
$ spil report zuid-holland-zuid --format md -o - | head -1
> # Rapport Zuid-Holland Zuid

=== cli-report-7: bad input is refused with exit 2 and names the value and the fix; nothing is written
$ sqlite3 spil.db .dump > before.sql
$ spil report zuid-holland-zuid --since 15-01-2026
? 2
! spil: report: --since takes a day YYYY-MM-DD, not '15-01-2026'; without it, the changes since the last report written with -o are shown
$ spil report zuid-holland-zuid --programme kngg
? 2
! spil: report: region zuid-holland-zuid does not run programme 'kngg'; it runs: kansrijke-start
$ spil report zuid-holland-zuid --format pdf
? 2
!~ --format
$ spil report
? 2
! spil: report: give a REGION, or --all for the learning network's page
$ spil report zuid-holland-zuid --all
? 2
! spil: report: give a REGION or --all, not both
$ spil report zuid-hollandzuid
? 2
!~ zuid-hollandzuid
$ spil report zuid-holland-zuid -o /nonexistent/dir/r.html
? 2
! spil: report: cannot write /nonexistent/dir/r.html
$ sqlite3 spil.db .dump | cmp - before.sql && echo unchanged
> unchanged

=== cli-report-8: JSON carries the same document (docs/report.md), with the readiness exactly as spil check --json has it
$ spil report zuid-holland-zuid --format json > r.json
$ python3 -c 'import json; d = json.load(open("r.json")); print(d["report"], d["version"], d["region"]["id"], len(d["region"]["municipalities"]), d["programmes"][0]["step"], d["findings"][0]["subject"]["kind"], d["findings"][0]["findings"][0]["severity"], sum(g["blocking"] for g in d["findings"]) == d["programmes"][0]["readiness"]["blocking"])'
> region 1 zuid-holland-zuid 10 coalitie organisation blocking True
$ spil check zuid-holland-zuid --json > c.json
? 1
$ python3 -c 'import json; r = json.load(open("r.json"))["programmes"][0]["readiness"]; c = json.load(open("c.json"))["result"]["results"][0]; c.pop("region"); print(r == c)'
> True
$ spil report zuid-holland-zuid --json | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["command"], d["result"]["report"])'
> report region

=== cli-report-9: indicators: the agreed one without figures says so; figures are compared with the nation, small counts suppressed as spil trend does
$ spil report zuid-holland-zuid --format md | grep -A2 '^### big2'
> ### big2: Big2 (vroeggeboorte en/of laag geboortegewicht) (percent)
> Nog geen cijfers.
$ printf 'indicator,area,period,numerator,denominator\nks-big2,GM0505,2024,40,300\nks-big2,GM0482,2024,2,5\nks-big2,GM0505,2023,38,290\nks-big2,NL,2024,2600,17500\n' > f.csv && spil import measurements f.csv > /dev/null
$ spil report --all --format md | grep -A6 '^### ks-big2'
> ### ks-big2: Big2 (vroeggeboorte en/of laag geboortegewicht), 2024
> Nederland: 14,9 percent.
>~ | Zuid-Holland Zuid | 13,3 | -1,5 |

=== cli-report-10: HTML is one self-contained Dutch page: no script, no request, a policy that forbids both
$ spil report zuid-holland-zuid > r.html
$ head -2 r.html
> <!DOCTYPE html>
> <html lang="nl">
$ grep -c '<script\|<link\|<img\|<iframe\|@import\|url(' r.html
? 1
> 0
$ grep -o 'src="[^"]*"\|href="[^#][^"]*"' r.html | wc -l
> 0
$ grep -c "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"" r.html
> 1
$ grep -c '<svg class="steps" viewBox="0 0 720 152" role="img" aria-labelledby="stappen-1-t stappen-1-d"' r.html
> 1
$ grep -o '<desc id="stappen-1-d">[^<]*' r.html
> <desc id="stappen-1-d">Stap 1, Verkenning: gepasseerd (afgerond op 1 april 2023). Stap 2, Coalitie vormen: huidige stap. Stap 3, Uitvoering: volgende stap; de poort ernaartoe is dicht: nog niet klaar. 
$ grep -c '<section class="hoofd"' r.html
> 9

=== cli-report-11: hostile names (<script>, &, quotes) are escaped in HTML and Markdown and kept exactly in JSON
$ mkdir h && printf 'spil: 1\nregion: {id: hostile, name: "Regio <script>alert(1)</script> & \\"Co\\""}\nmunicipalities: [{code: GM0505}]\norganisations:\n  - {id: gem-a, name: "Gemeente <img src=x onerror=alert(2)> & Zn", kind: gemeente, municipality: GM0505}\nprogrammes: [{programme: kansrijke-start, step: verkenning}]\nagreements:\n  - {id: a, title: "</table><b>A&B</b>", kind: convenant, parties: [{organisation: gem-a, status: invited}]}\n' > h/region.yaml && spil load h > /dev/null
$ spil report hostile > h.html
$ grep -c '<script\|<img\|<b>\|</table><b>' h.html
? 1
> 0
$ grep -c '<title>Rapport Regio &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;</title>' h.html
> 1
$ grep -c '<th scope="row">Gemeente &lt;img src=x onerror=alert(2)&gt; &amp; Zn</th>' h.html
> 1
$ spil report hostile --format md | head -1
> # Rapport Regio \<script\>alert(1)\</script\> \& "Co"
$ spil report hostile --format md | grep -cP '(?<!\\)<(script|img|/?b>|/table)'
? 1
> 0
$ spil report hostile --format json | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["region"]["name"]); print(d["agreements"][0]["title"])'
> Regio <script>alert(1)</script> & "Co"
> </table><b>A&B</b>

=== cli-report-12: report --all in HTML: the table of regions, the blockers, each compared indicator as a chart with its table
$ spil report --all > all.html
$ grep -c '<h1>Leernetwerk: alle regio' all.html
> 1
$ grep -c '<svg class="chart"' all.html
> 1
$ grep -o '<caption>ks-big2 in 2024 per regio</caption>' all.html
> <caption>ks-big2 in 2024 per regio</caption>
$ grep -c '<th scope="row">Regio &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;</th>' all.html
> 2

=== cli-report-13: the event that remembers a report is no change of the region: a later load of the same file is up to date
$ spil report hostile --format md -o h.md
$ spil load h
> hostile is up to date in spil.db: nothing changed.
$ spil log hostile --limit 1
>~ tester     report   write   h.md  (hostile)

=== cli-report-14: a region that agreed no indicator gets its programmes' catalogue indicators with figures; a value about fewer than 10 persons is suppressed there exactly as spil trend does
$ printf 'indicator,area,period,numerator,denominator\nks-big2,GM0505,2022,3,6\n' > g.csv && spil import measurements g.csv > /dev/null
$ spil trend ks-big2 hostile | grep 2022
>~ 2022     suppressed
$ spil report hostile --format md | grep -A1 'De regio heeft geen indicatoren afgesproken'
> De regio heeft geen indicatoren afgesproken; dit zijn de eerste landelijke indicatoren van haar programma's met cijfers.
$ spil report hostile --format md | grep -A8 '^### ks-big2'
> | 2022 | onderdrukt | onderdrukt |
> | 2023 | 13,1 | 13,1 |
> | 2024 | 13,3 | 14,9 |
$ spil report hostile --format json | python3 -c 'import json,sys; i = [x for x in json.load(sys.stdin)["indicators"]["items"] if x["code"] == "ks-big2"][0]; v = i["series"][0]; print(v["period"], v["suppressed"], v["value"], v["numerator"])'
> 2022 True None None
$ spil report hostile | grep -c '<th scope="row">2022</th><td class="getal">onderdrukt</td>'
> 1

=== cli-report-15: "doen mee" counts the municipalities spil check counts (members in force), the candidates apart
$ spil load $ROOT/regions/flevoland $ROOT/regions/ijmond > /dev/null
$ spil report flevoland --format md | grep 'doen mee\|doet mee'
> Gemaakt door spil op 15 januari 2026. 2 gemeenten doen mee, 4 kandidaten.
$ spil report ijmond --format md | grep 'doen mee\|doet mee'
> Gemaakt door spil op 15 januari 2026. 0 gemeenten doen mee, 3 kandidaten.
$ spil report ijmond --format json | python3 -c 'import json,sys; r = json.load(sys.stdin)["region"]; print(r["members"], r["candidates"], len(r["municipalities"]))'
> 0 3 3

=== cli-report-16: a check that waits for another reads "nog niet te beoordelen (eerst: ...)", in both formats, never "voldaan"
$ spil report ijmond --format md | grep 'kartrekker |'
> | Formele opdracht voor de kartrekker | nog niet te beoordelen (eerst: Kartrekker) | 0 |
> | Uren voor de kartrekker | nog niet te beoordelen (eerst: Kartrekker) | 0 |
$ spil report ijmond | grep -c '<td><span class="nvt">nog niet te beoordelen</span> (eerst: Kartrekker)</td>'
> 2
