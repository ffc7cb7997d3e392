# spil export -o onto an existing region file: only what changed, in the file's own text
# (cases cli-export-inplace-N). tests/cli/fixtures/styles/region.yaml is written by hand in
# every style; Zuid-Holland Zuid's file is the real thing.

=== cli-export-inplace-1: after spil sign, an export onto Zuid-Holland Zuid's own file changes only the signing line, every comment kept
$ cp -r $ROOT/regions/zuid-holland-zuid zhz && spil load zhz > /dev/null && spil sign zuid-holland-zuid regioplan gem-alblasserdam --status getekend --date 2025-12-01 > /dev/null
$ spil export zuid-holland-zuid -o zhz/region.yaml
> Updated zhz/region.yaml in place: 2 values, 0 rows added, 0 removed, 0 lists in a new order; comments and layout kept.
$ diff $ROOT/regions/zuid-holland-zuid/region.yaml zhz/region.yaml
? 1
> 239c239
> <       - {organisation: gem-alblasserdam, status: invited, date: 2024-03-01}
> ---
> >       - {organisation: gem-alblasserdam, status: signed, date: 2025-12-01}
$ grep '#' $ROOT/regions/zuid-holland-zuid/region.yaml > comments.before && grep '#' zhz/region.yaml | diff comments.before - && wc -l < comments.before
> 81
$ spil load zhz
> zuid-holland-zuid is up to date in spil.db: nothing changed.

=== cli-export-inplace-2: an export of what the file already holds writes nothing at all; a new or empty file gets the canonical export
$ ls -i zhz/region.yaml > inode.before && spil export zuid-holland-zuid -o zhz/region.yaml && ls -i zhz/region.yaml | diff inode.before - && echo same file
> zhz/region.yaml already holds zuid-holland-zuid: nothing changed.
> same file
$ spil export zuid-holland-zuid -o new.yaml && spil export zuid-holland-zuid > canonical.yaml && cmp new.yaml canonical.yaml && echo canonical
> Wrote zuid-holland-zuid to new.yaml.
> canonical
$ : > empty.yaml && spil export zuid-holland-zuid -o empty.yaml && cmp empty.yaml canonical.yaml && echo canonical
> Wrote zuid-holland-zuid to empty.yaml.
> canonical
$ spil export zuid-holland-zuid -o - | cmp - canonical.yaml && echo stdout
> stdout

=== cli-export-inplace-3: recorded rows go into the file in its own style: a changed value keeps its comment, a new value its own line, new rows the indentation and style of their neighbours, new sections after the one before them
$ cp $ROOT/tests/cli/fixtures/styles/region.yaml styles.yaml && cp styles.yaml orig.yaml && spil load --db st.db styles.yaml > /dev/null
$ spil --db st.db sign stijl sso gem-dordrecht --status getekend --date 2025-12-01 > /dev/null && spil --db st.db sign stijl sso gem-alblasserdam --status akkoord > /dev/null && spil --db st.db assign stijl wh wethouder --municipality GM0505 --tasks "$(printf 'Portefeuille jeugd\nen gezondheid')" > /dev/null
$ spil --db st.db fund stijl spuk-1 --source spuk --purpose rc --amount 25000 --status toegekend > /dev/null && spil --db st.db decide stijl besluit-1 --body kerngroep --subject "Werkagenda 2026" --kind besluit --outcome aangenomen --date 2026-01-10 ggd=voor gem-dordrecht=voor+mandate > /dev/null
$ spil --db st.db export stijl -o styles.yaml
> Updated styles.yaml in place: 2 values, 4 rows added, 0 removed, 0 lists in a new order; comments and layout kept.
$ diff orig.yaml styles.yaml
? 1
> 36a37,42
> >   - person: wh
> >     role: wethouder
> >     municipality: GM0505
> >     tasks: |-
> >       Portefeuille jeugd
> >       en gezondheid
> 56c62,63
> <         status: invited   # asked in March
> ---
> >         status: signed   # asked in March
> >         date: 2025-12-01
> 59a67,83
> >       - organisation: gem-alblasserdam
> >         status: agreed
> >         date: 2026-01-15
> > 
> > decisions:
> >   - id: besluit-1
> >     body: kerngroep
> >     date: 2026-01-10
> >     subject: Werkagenda 2026
> >     kind: decision
> >     outcome: adopted
> >     positions:
> >       - {organisation: gem-dordrecht, position: for, mandate: true}
> >       - {organisation: ggd, position: for}
> > 
> > funding:
> >   - {id: spuk-1, source: spuk, purpose: rc, amount: 25000, status: granted}
$ spil --db st.db load styles.yaml
> stijl is up to date in st.db: nothing changed.

=== cli-export-inplace-4: what another file changed goes into the first in its styles: quotes and folded text kept, a row and a value and a list removed with their lines, a flow row that gains a list written as a block, lists in the new order
$ mkdir other && sed -e "s/name: 'Regio Stijl'   # single-quoted/name: Regio \"Stijl\"/" -e 's/    alleen verandert wat veranderd is./    alleen verandert wat veranderd is, en wat er blijft./' -e '/code: GM0512/,+1d' -e '/^    tasks: |$/,+2d' -e '/^    topics:$/,+2d' -e 's/municipality: GM0505}$/municipality: GM0505, area: [GM0505, GM0482]}/' -e 's/organisation: ggd}$/organisation: ggd, email: rita@example.org}/' -e 's/agenda: \[Opening, Werkagenda, Rondvraag\]/agenda: [Rondvraag, Opening, Werkagenda, Sluiting]/' -e 's/, function: chair}/}/' orig.yaml > other/region.yaml && spil load --db other.db other > /dev/null && cp orig.yaml mixed.yaml
$ spil --db other.db export stijl -o mixed.yaml
> Updated mixed.yaml in place: 6 values, 1 row added, 3 removed, 1 list in a new order; comments and layout kept.
$ diff orig.yaml mixed.yaml
? 1
> 6c6
> <   name: 'Regio Stijl'   # single-quoted
> ---
> >   name: 'Regio "Stijl"'   # single-quoted
> 8,9c8,9
> <     Een regio om te laten zien dat een export over het eigen bestand
> <     alleen verandert wat veranderd is.
> ---
> >     Een regio om te laten zien dat een export over het eigen bestand alleen
> >     verandert wat veranderd is, en wat er blijft.
> 14,15d13
> <   - code: GM0512
> <     status: candidate
> 19c17,21
> <   - {id: gem-dordrecht, name: Gemeente Dordrecht, kind: gemeente, municipality: GM0505}
> ---
> >   - id: gem-dordrecht
> >     name: Gemeente Dordrecht
> >     kind: gemeente
> >     municipality: GM0505
> >     area: [GM0505, GM0482]
> 27c29
> <   - {id: rc, name: Rita Coördinator, organisation: ggd}
> ---
> >   - {id: rc, name: Rita Coördinator, organisation: ggd, email: rita@example.org}
> 34,36d35
> <     tasks: |
> <       verbinden
> <       agenderen
> 44c43
> <       - {organisation: ggd, person: rc, membership: member, function: chair}
> ---
> >       - {organisation: ggd, person: rc, membership: member}
> 51,53d49
> <     topics:
> <       - doel
> <       - mandaat
> 65c61
> <     agenda: [Opening, Werkagenda, Rondvraag]
> ---
> >     agenda: [Rondvraag, Opening, Werkagenda, Sluiting]
$ spil --db other.db load mixed.yaml
> stijl is up to date in other.db: nothing changed.

=== cli-export-inplace-5: a file with CRLF line ends keeps them, one with a byte-order mark keeps it
$ sed 's/$/\r/' orig.yaml > crlf.yaml && spil load --db crlf.db crlf.yaml > /dev/null && spil --db crlf.db sign stijl sso gem-dordrecht --status getekend --date 2025-12-01 > /dev/null && spil --db crlf.db export stijl -o crlf.yaml > /dev/null && grep -c $'\r$' crlf.yaml && grep -c . crlf.yaml
> 66
> 66
$ grep -a 'date: 2025-12-01' crlf.yaml | od -c | grep -c '\\r'
> 1
$ (printf '\xef\xbb\xbf' && cat orig.yaml) > bom.yaml && spil load --db bom.db bom.yaml > /dev/null && spil --db bom.db sign stijl sso gem-dordrecht --status getekend > /dev/null && spil --db bom.db export stijl -o bom.yaml > /dev/null && head -c 3 bom.yaml | od -An -tx1
>  ef bb bf
$ spil --db bom.db load bom.yaml && spil --db crlf.db load crlf.yaml
> stijl is up to date in bom.db: nothing changed.
> stijl is up to date in crlf.db: nothing changed.

=== cli-export-inplace-6: a link is followed and the file's mode kept; what is not this region's file is refused, naming why, and left alone
$ cp orig.yaml target.yaml && chmod 640 target.yaml && ln -s target.yaml link.yaml && spil --db st.db export stijl -o link.yaml > /dev/null && test -L link.yaml && stat -c %a target.yaml && grep -c 'spuk-1' target.yaml
> 640
> 1
$ cp $ROOT/regions/ijmond/region.yaml ijmond.yaml && spil --db st.db export stijl -o ijmond.yaml
? 2
! ijmond.yaml: error: the file holds region 'ijmond', not 'stijl'; give the file of this region, or another name to write it anew
! spil: export: ijmond.yaml was not changed
$ cmp ijmond.yaml $ROOT/regions/ijmond/region.yaml && echo untouched
> untouched
$ echo 'notes: [a, b]' > notes.yaml && spil --db st.db export stijl -o notes.yaml
? 2
! notes.yaml:1:1: error: missing 'spil' format version; add 'spil: 1' as the first line
! notes.yaml:1:1: error: unknown key 'notes' in the top level
! spil: export: notes.yaml was not changed
$ spil --db st.db export stijl -o .
? 2
! .: error: not a regular file; give the name of a file
$ ls *.spil-* 2>/dev/null | wc -l
> 0
