#!/usr/bin/env bash
# A long fuzzing session of one target, continuing past crashes, keeping its corpus.
#   tests/fuzz/run.sh BUILD_DIR ydoc|load|lua|import [SECONDS]     (default 600 s)
# Corpus: BUILD_DIR/corpus/<target> (grows across sessions; seeds are read, never written).
# Crashes, leaks, timeouts: BUILD_DIR/artifacts/<target>/; log: BUILD_DIR/fuzz-<target>.log.
# Minimise a crash:  BUILD_DIR/fuzz_<target> -minimize_crash=1 -runs=20000 \
#                      -exact_artifact_path=OUT CRASH_FILE
# Reproduce one:     BUILD_DIR/fuzz_<target> FILE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/seeds.sh"
build=${1:?usage: run.sh BUILD_DIR ydoc|load|lua|import [SECONDS]}
t=${2:?usage: run.sh BUILD_DIR ydoc|load|lua|import [SECONDS]}
secs=${3:-600}
case $t in
  ydoc|load) kind=yaml dict=$here/yaml.dict ;;
  lua) kind=lua dict=$here/lua.dict ;;
  import) kind=csv dict=$here/csv.dict ;;
  *) echo "run.sh: unknown target $t" >&2; exit 2 ;;
esac
mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
seeds=$build/seeds/$t
rm -rf "$seeds"
gather_seeds "$kind" "$seeds"
# -fork=1 with -ignore_*: a crash is saved and the session goes on in a fresh child process.
exec "$build/fuzz_$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -dict="$dict" -close_fd_mask=2 \
  -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
  "$build/corpus/$t" "$seeds" >"$build/fuzz-$t.log" 2>&1
