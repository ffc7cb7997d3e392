#!/usr/bin/env bash
# The REPL on a real terminal (cases repl-tmux-N): spil repl runs in a tmux pane, keys go in with
# send-keys, the screen comes back with capture-pane. Covers what a pipe cannot show: the
# prompts, multi-line input, Tab completion, Ctrl-C (cancel the line, interrupt a runaway
# expression or query), Ctrl-D, the history file. The piped behaviour is in tests/cli/repl.t.
#
# Usage: tests/repl/tmux-test.sh SPIL_BINARY
# Exit 0 when all cases pass, 1 when one fails, 77 (ctest's SKIP_RETURN_CODE) without tmux.
# Waits poll the screen (up to 20 s each, for slow sanitizer builds); nothing asserts a time.
set -uo pipefail
spil=${1:?usage: tmux-test.sh SPIL_BINARY}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v tmux >/dev/null; then
  echo "SKIP: tmux is not installed (apt-get install tmux): the REPL's terminal test did not run"
  exit 77
fi

work=$(mktemp -d)
sock="spil-test-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$work"' EXIT

export SPIL_DB="$work/spil.db" SPIL_NOW=2026-01-15T10:00:00Z NO_COLOR=1 SPIL_LANG=en
"$spil" load "$ROOT/regions/zuid-holland-zuid" >/dev/null || { echo "cannot load the region"; exit 1; }

# A pane of 100 x 50 running the REPL; the shell line after it shows how it ended.
tm new-session -d -s repl -x 100 -y 50 \
  "env HOME='$work' XDG_STATE_HOME='$work/state' LANG=C.UTF-8 TERM=screen '$spil' repl zuid-holland-zuid; echo EXIT=\$?; sleep 600"

passed=0 failed=0
screen() { tm capture-pane -p -t repl; }
# has TEXT: the screen has TEXT (which may span lines; capture-pane drops trailing blanks).
has() {
  local s
  s=$(screen)
  [[ $s == *"$1"* ]]
}
# wait_for TEXT: poll until the screen has TEXT; 1 after 20 s.
wait_for() {
  local i
  for ((i = 0; i < 200; i++)); do
    has "$1" && return 0
    sleep 0.1
  done
  return 1
}
# check TITLE TEXT...: the case passes when the screen comes to show every TEXT.
check() {
  local title=$1 t missing=()
  shift
  for t in "$@"; do wait_for "$t" || missing+=("$t"); done
  if ((${#missing[@]})); then
    failed=$((failed + 1))
    echo "not ok - $title"
    printf '    screen lacks: %s\n' "${missing[@]}"
    screen | sed 's/^/    | /'
  else
    passed=$((passed + 1))
    echo "ok - $title"
  fi
}
# lacks TITLE TEXT: the screen does not show TEXT (checked after the case's last wait).
lacks() {
  if has "$2"; then
    failed=$((failed + 1))
    echo "not ok - $1"
    echo "    screen has: $2"
  else
    passed=$((passed + 1))
    echo "ok - $1"
  fi
}
keys() { tm send-keys -t repl "$@"; }
text() { tm send-keys -t repl -l "$1"; }
# A clean screen with a fresh prompt before each case.
fresh() {
  keys C-u C-l
  tm clear-history -t repl
  sleep 0.2
}

check "repl-tmux-1: a banner and the region's prompt" \
  "help() lists the helpers, Ctrl-D leaves." "Region zuid-holland-zuid (Zuid-Holland Zuid)" \
  "zuid-holland-zuid>"

fresh
text "1 + 1"; keys Enter
check "repl-tmux-2: an expression prints its value" "zuid-holland-zuid> 1 + 1"$'\n'"2"

fresh
text "function twice(x)"; keys Enter
wait_for ">>" >/dev/null
text "return x * 2"; keys Enter
text "end"; keys Enter
text "twice(21)"; keys Enter
check "repl-tmux-3: an unfinished statement continues after the >> prompt" \
  ">> return x * 2" ">> end" "42"

fresh
text "spil.or"; keys Tab
check "repl-tmux-4: Tab completes a field of a value" "zuid-holland-zuid> spil.organisations("

fresh
text "spil.p"; keys Tab
check "repl-tmux-5: Tab lists the candidates when several fit" "spil.people(" "spil.programmes("

fresh
text 'find("Dord'; keys Tab
check "repl-tmux-6: Tab completes names in the data inside quotes" 'zuid-holland-zuid> find("Dordrecht'
text '")'; keys Enter
check "repl-tmux-7: and the completed line runs" "<municipality GM0505: Dordrecht>"

fresh
text 'print("never")'
wait_for 'print("never")' >/dev/null
keys C-c
wait_for "^C" >/dev/null
text 'print("after")'; keys Enter
check "repl-tmux-8: Ctrl-C cancels the line being typed and the session goes on" \
  'print("never")^C' "after"
lacks "repl-tmux-9: the cancelled line did not run" $'\n'"never"$'\n'

fresh
text 'while true do local s = ("x"):rep(100000) end'; keys Enter
sleep 0.5
keys C-c
check "repl-tmux-10: Ctrl-C interrupts a running expression" "interrupted"
text "1 + 2"; keys Enter
check "repl-tmux-11: the session goes on after the interrupt, its variables kept" \
  "zuid-holland-zuid> 1 + 2"$'\n'"3"

fresh
text "kept = 1"; keys Enter
text "for i = 1, 1e12 do end"; keys Enter
check "repl-tmux-12: a runaway loop meets the instruction limit; the session goes on" \
  "instruction limit (100000000) exceeded" "the session goes on with a fresh budget and its variables"
text "kept + 1"; keys Enter
check "repl-tmux-13: the variables defined before the limit are still there" \
  "zuid-holland-zuid> kept + 1"$'\n'"2"

fresh
text "big = {} for i = 1, 1e9 do big[i] = i end"; keys Enter
check "repl-tmux-19: a table that outgrows the memory limit stops; what it holds is named" \
  "memory limit (64 MiB) exceeded" "free what you no longer need (x = nil)"
text "big = nil kept + 2"; keys Enter
check "repl-tmux-20: freed, the session goes on with its variables" "3"
text "#municipalities()"; keys Enter
check "repl-tmux-21: and the region's data" "10"

fresh
text "1 +"; keys Enter
wait_for ">>" >/dev/null
text "41"; keys Enter
check "repl-tmux-22: an expression left open continues on the next line (1 + ... 41)" "42"
lacks "repl-tmux-23: no ';' the user never typed is blamed" "near ';'"

fresh
text 'n = sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c")'
keys Enter
sleep 0.5
keys C-c
check "repl-tmux-16: Ctrl-C interrupts a query that would run for ever (sql())" "interrupted"
lacks "repl-tmux-17: Ctrl-C stopped it, not the time limit of the statement" "stopped after"
text "2 + 3"; keys Enter
check "repl-tmux-18: the session goes on after the interrupted query" \
  "zuid-holland-zuid> 2 + 3"$'\n'"5"

fresh
keys C-d
check "repl-tmux-14: Ctrl-D leaves with exit 0" "EXIT=0"

if grep -qF "twice(21)" "$work/state/spil/history" 2>/dev/null; then
  passed=$((passed + 1))
  echo "ok - repl-tmux-15: the lines typed are in \$XDG_STATE_HOME/spil/history"
else
  failed=$((failed + 1))
  echo "not ok - repl-tmux-15: the lines typed are in \$XDG_STATE_HOME/spil/history"
fi

# spil trend on a terminal draws a sparkline under the series; piped it does not (monitor.t).
# Quarters rising 10, 20, 30, 40% in Dordrecht: the lowest and the highest of the eight blocks.
printf 'indicator,area,period,numerator,denominator\nks-01,GM0505,2024Q1,10,100\nks-01,GM0505,2024Q2,20,100\nks-01,GM0505,2024Q3,30,100\nks-01,GM0505,2024Q4,40,100\n' >"$work/f.csv"
"$spil" import measurements "$work/f.csv" >/dev/null || { echo "cannot import"; exit 1; }
tm new-session -d -s trend -x 100 -y 20 \
  "env LANG=C.UTF-8 TERM=screen '$spil' trend ks-01 Dordrecht; echo EXIT=\$?; sleep 600"
trend_has() { [[ $(tm capture-pane -p -t trend) == *"$1"* ]]; }
for ((i = 0; i < 200; i++)); do trend_has "EXIT=" && break; sleep 0.1; done
if trend_has "2024Q1 ▁▃▆█ 2024Q4   (10.0 to 40.0)" && trend_has "EXIT=0"; then
  passed=$((passed + 1))
  echo "ok - repl-tmux-16: spil trend draws a sparkline on a terminal"
else
  failed=$((failed + 1))
  echo "not ok - repl-tmux-16: spil trend draws a sparkline on a terminal"
  tm capture-pane -p -t trend | sed 's/^/    | /'
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
