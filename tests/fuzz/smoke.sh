#!/usr/bin/env bash
# Smoke test of the libFuzzer targets: each runs a bounded number of inputs over its seeds
# (tests/fuzz/seeds plus the project's regions and corpora, see seeds.sh), mutating them, and the test fails on any crash, sanitizer report, leak,
# abort or timeout; and each finding kept in tests/fuzz/crashes/<target>-<n> must run clean.
# New inputs go to a temporary corpus, never into the seeds.
#   tests/fuzz/smoke.sh BUILD_DIR [RUNS] [SECONDS]    (defaults: 3000 runs, 20 s per target)
# BUILD_DIR holds fuzz_ydoc, fuzz_load, fuzz_lua and fuzz_import (tests/fuzz/build.sh, or CMake
# with -DSPIL_FUZZ=ON). Exit 0 when every target ran clean, 1 otherwise, 2 on a usage error.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/seeds.sh"
build=${1:?usage: smoke.sh BUILD_DIR [RUNS] [SECONDS]}
runs=${2:-3000}
secs=${3:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
for spec in ydoc:yaml load:yaml lua:lua import:csv; do
  t=${spec%%:*} seeds=$tmp/seeds-$t
  gather_seeds "${spec#*:}" "$seeds"
  bin=$build/fuzz_$t
  if [ ! -x "$bin" ]; then
    echo "smoke.sh: $bin not built" >&2
    exit 2
  fi
  mkdir -p "$tmp/$t"
  # Findings kept in crashes/<target>-<n> are regression inputs: each must now run clean.
  regress=("$here"/crashes/"$t"-*)
  if [ -e "${regress[0]}" ] && ! "$bin" -close_fd_mask=2 "${regress[@]}" >"$tmp/$t.regress.log" 2>&1; then
    status=1
    echo "fuzz_$t: a kept finding still fails; its log:" >&2
    tail -n 80 "$tmp/$t.regress.log" >&2
  fi
  # -close_fd_mask=2: region code's print() goes to stderr; sanitizer reports still show.
  # -seed=1: the same mutations each run, so a failure here repeats.
  if "$bin" -runs="$runs" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
     -seed=1 -close_fd_mask=2 -artifact_prefix="$tmp/$t-" "$tmp/$t" "$seeds" \
     >"$tmp/$t.log" 2>&1; then
    echo "fuzz_$t: ok ($(grep -Eo 'Done [0-9]+ runs' "$tmp/$t.log" | tail -1 || true))"
  else
    status=1
    echo "fuzz_$t: FAILED; its log:" >&2
    tail -n 80 "$tmp/$t.log" >&2
    for a in "$tmp/$t"-*; do
      [ -e "$a" ] || continue
      mkdir -p "$build/fuzz-artifacts"
      cp "$a" "$build/fuzz-artifacts/"
      echo "reproducer kept: $build/fuzz-artifacts/$(basename "$a")" >&2
    done
  fi
done
exit $status
