# Sourced by smoke.sh and run.sh: gather_seeds KIND DEST fills DEST with the seeds of KIND (yaml,
# lua or csv): the few of tests/fuzz/seeds/KIND, plus the project's own inputs where they live, so
# they are never copied into the tree: the regions' region.yaml and Lua scripts, the bad-input
# corpus, the sandbox corpus, and the bad-import corpus with its baseline and the stdlib tests'
# measurements.csv (a case's `generate` is not run: those files are too big or not files).
gather_seeds() {
  local kind=$1 dest=$2 root f n=0
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkdir -p "$dest"
  cp "$root/tests/fuzz/seeds/$kind"/* "$dest"/ 2>/dev/null || true
  if [ "$kind" = yaml ]; then
    set -- "$root"/regions/*/region.yaml "$root"/tests/bad-input/*/*/region.yaml
  elif [ "$kind" = csv ]; then
    set -- "$root"/tests/bad-import/baseline.csv "$root"/tests/bad-import/*/measurements.csv
    while IFS= read -r f; do set -- "$@" "$f"; done < <(
      find "$root/stdlib/tests" -name measurements.csv | LC_ALL=C sort)
  else
    set -- "$root"/regions/*/*.lua "$root"/tests/sandbox/*/*/main.lua
  fi
  for f in "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$dest/project-$n.$kind"
  done
}
