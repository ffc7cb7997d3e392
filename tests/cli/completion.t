# The completion scripts and the man page, written from the tables of commands and options by
# `spil _generate` (cases cli-completion-N).

=== cli-completion-1: the bash completion parses and completes commands, options and their values
$ spil _generate bash spil.bash && bash -n spil.bash && echo parses
> parses
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil ch); COMP_CWORD=1; _spil; echo "${COMPREPLY[*]}"'
> check
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil --j); COMP_CWORD=1; _spil; echo "${COMPREPLY[*]}"'
> --json
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil load --d); COMP_CWORD=2; _spil; echo "${COMPREPLY[*]}"'
> --dry-run --db
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil trend ks-01 NL --by q); COMP_CWORD=5; _spil; echo "${COMPREPLY[*]}"'
> quarter
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil check zhz --programme k); COMP_CWORD=4; _spil; echo "${COMPREPLY[*]}"'
> kngg kansrijke-start
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil fund zhz x --status r); COMP_CWORD=5; _spil; echo "${COMPREPLY[*]}"'
> requested rejected
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil sign zhz a b --status d); COMP_CWORD=6; _spil; echo "${COMPREPLY[*]}"'
> declined
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil import m); COMP_CWORD=2; _spil; echo "${COMPREPLY[*]}"'
> measurements
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil help exp); COMP_CWORD=2; _spil; echo "${COMPREPLY[*]}"'
> export

=== cli-completion-2: region ids are completed from the database, the one --db names when given
$ spil load $ROOT/regions/zuid-holland-zuid > /dev/null && spil --db fl.db load $ROOT/regions/flevoland > /dev/null
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil check zu); COMP_CWORD=2; _spil; echo "${COMPREPLY[*]}"'
> zuid-holland-zuid
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil --db fl.db status ""); COMP_CWORD=4; _spil; echo "${COMPREPLY[*]}"'
> flevoland
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil compare ks-01 --db fl.db --region ""); COMP_CWORD=6; _spil; echo "${COMPREPLY[*]}"'
> flevoland
$ bash -c 'source ./spil.bash; COMP_WORDS=(spil sign zuid-holland-zuid ""); COMP_CWORD=3; _spil; echo "[${COMPREPLY[*]}]"'
> []

=== cli-completion-3: the zsh completion names every command and parses (when zsh is there)
$ spil _generate zsh _spil && head -1 _spil
> #compdef spil
$ grep -c "^        '[a-z]*:" _spil
> 26
$ if command -v zsh >/dev/null; then zsh -n _spil; fi

=== cli-completion-4: the man page spil(1) is clean roff and documents every command and option
$ spil _generate man spil.1 && if command -v mandoc >/dev/null; then mandoc -T lint -W warning spil.1; else man -l spil.1 > /dev/null; fi
!= (empty)
$ MANWIDTH=100 man -l spil.1 2>/dev/null | sed 's/^ *//'
> spil load DIR [DIR...]
> spil decide REGION ID [ORG=POSITION[+mandate]...]
> -o, --output FILE
> --assume FILE
> -V, --version
> SPIL_DB

=== cli-completion-5: the build wrote the same scripts and page, and installs them where shells and man look
$ B=$(dirname "$(readlink -f "$(command -v spil)")"); spil _generate man | cmp - $B/spil.1 && spil _generate bash | cmp - $B/spil.bash && spil _generate zsh | cmp - $B/_spil && echo same
> same
$ B=$(dirname "$(readlink -f "$(command -v spil)")"); cmake --install $B --prefix inst > /dev/null && ls inst/bin/spil inst/share/man/man1/spil.1 inst/share/bash-completion/completions/spil inst/share/zsh/vendor-completions/_spil
> inst/bin/spil
> inst/share/man/man1/spil.1
> inst/share/bash-completion/completions/spil
> inst/share/zsh/vendor-completions/_spil

=== cli-completion-6: _generate is refused without a kind it knows
$ spil _generate fish
? 2
! spil: _generate: give bash, zsh or man, and optionally a FILE
