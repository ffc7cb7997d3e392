# Sourced by smoke.sh and run.sh: gather_seeds KIND DEST fills DEST with the seeds of KIND (yaml
# or lua): the few of tests/fuzz/seeds/KIND, plus the project's own inputs where they live, so
# they are never copied into the tree: the regions' region.yaml and Lua scripts, the bad-input
# corpus and the sandbox corpus.
gather_seeds() {
  local kind=$1 dest=$2 root f n=0
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkdir -p "$dest"
  cp "$root/tests/fuzz/seeds/$kind"/* "$dest"/ 2>/dev/null
  if [ "$kind" = yaml ]; then
    set -- "$root"/regions/*/region.yaml "$root"/tests/bad-input/*/*/region.yaml
  else
    set -- "$root"/regions/*/*.lua "$root"/tests/sandbox/*/*/main.lua
  fi
  for f in "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$dest/project-$n.$kind"
  done
}
