#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz without CMake: fuzz_ydoc, fuzz_load, fuzz_lua,
# fuzz_import.
#   tests/fuzz/build.sh [BUILD_DIR]        (default: <repo>/build-fuzz)
# Needs clang (Debian packages clang and libclang-rt-dev: libFuzzer's runtime) and the -dev
# packages of scripts/deps. The core (core/*.c minus main.c, plus the embedded stdlib and reference data,
# generated here by cmake/embed.cmake exactly as the CMake build does) is compiled with
# -fsanitize=fuzzer-no-link,address,undefined; the targets are linked with -fsanitize=fuzzer.
# Environment: CC (default clang), JOBS (default nproc), EXTRA_CFLAGS.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-fuzz}
cc=${CC:-clang}
jobs=${JOBS:-$(nproc)}
mkdir -p "$build/obj"

if ! "$cc" --version 2>/dev/null | grep -q clang; then
  echo "build.sh: $cc is not clang (libFuzzer needs clang: apt-get install clang)" >&2
  exit 2
fi

# The embedded files, as in CMakeLists.txt: the reference data and stdlib/**/*.{lua,yaml} minus
# tests.
files="$root/data/municipalities-2024.csv"
while IFS= read -r f; do files="$files|$f"; done < <(
  find "$root/stdlib" \( -name '*.lua' -o -name '*.yaml' \) -not -path "$root/stdlib/tests/*" |
    LC_ALL=C sort)
cmake -DROOT="$root" -DOUT="$build/embedded.c.new" "-DFILES=$files" -P "$root/cmake/embed.cmake"
if cmp -s "$build/embedded.c.new" "$build/embedded.c"; then
  rm "$build/embedded.c.new"
else
  mv "$build/embedded.c.new" "$build/embedded.c"
fi

# The stdlib's bytecode, as in CMakeLists.txt (tools/precompile.c, built without sanitizers:
# it only runs here).
lua_files=()
while IFS= read -r f; do lua_files+=("$f"); done < <(
  find "$root/stdlib" -name '*.lua' -not -path "$root/stdlib/tests/*" | LC_ALL=C sort)
"$cc" -std=c11 -O1 $(pkg-config --cflags lua5.4) "$root/tools/precompile.c" \
  $(pkg-config --libs lua5.4) -o "$build/precompile"
"$build/precompile" "$build/embedded_bytecode.c.new" "$root" "${lua_files[@]}"
if cmp -s "$build/embedded_bytecode.c.new" "$build/embedded_bytecode.c"; then
  rm "$build/embedded_bytecode.c.new"
else
  mv "$build/embedded_bytecode.c.new" "$build/embedded_bytecode.c"
fi

# The libraries the core links: the pkg_check_modules(... REQUIRED ...) of CMakeLists.txt
# (lua5.4 sqlite3 yaml-0.1 jansson, and whatever is added there later).
pkgs=$(sed -n 's/^pkg_check_modules([A-Z_]* REQUIRED IMPORTED_TARGET \([^)]*\)).*/\1/p' \
  "$root/CMakeLists.txt" | tr '\n' ' ')
[ -n "$pkgs" ] || pkgs="lua5.4 sqlite3 yaml-0.1 jansson"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-std=c11 -D_XOPEN_SOURCE=700 -g -O1 -Wall -Wextra -Werror $san $(pkg-config --cflags $pkgs)"
cflags="$cflags -I$root/core ${EXTRA_CFLAGS:-}"
libs="$(pkg-config --libs $pkgs) -lm"

# The core, once, instrumented for coverage (fuzzer-no-link); only what changed is rebuilt.
srcs=()
for f in "$root"/core/*.c "$build/embedded.c" "$build/embedded_bytecode.c"; do
  [ "$(basename "$f")" = main.c ] && continue
  srcs+=("$f")
done
export cc cflags build
printf '%s\n' "${srcs[@]}" | xargs -P "$jobs" -I{} sh -c '
  src={}; obj="$build/obj/$(basename "$src" .c).o"
  if [ ! -e "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find "$(dirname "$src")" -name "*.h" -newer "$obj" | head -1)" ]; then
    echo "  CC $(basename "$src")"; $cc $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
  fi'
objs=()
for f in "${srcs[@]}"; do objs+=("$build/obj/$(basename "$f" .c).o"); done

for t in ydoc load lua import; do
  echo "  LD fuzz_$t"
  $cc $cflags -fsanitize=fuzzer -DSPIL_SOURCE_DIR="\"$root\"" "$root/tests/fuzz/fuzz_$t.c" \
    "${objs[@]}" $libs -o "$build/fuzz_$t"
done
echo "build.sh: built $build/fuzz_ydoc $build/fuzz_load $build/fuzz_lua $build/fuzz_import"
