#!/usr/bin/env bash
# bench/golangci.sh: golangci-lint's wall time and peak memory on the
# benchmark module, with its standard linters and with the standard
# linters plus redisvet, in one run: the same binary (make golangci-lint),
# the two configurations alternating, the analysis cache cleaned before
# every run, the median of REPEAT runs each. Prints a markdown table.
#
#	make perf-golangci                         # 50,000 lines, 3 runs each
#	LINES=100000 REPEAT=5 bench/golangci.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-50000}
REPEAT=${REPEAT:-3}
GO=${GO:-go}
bin=$PWD/bin/golangci-lint
[ -x "$bin" ] || { echo "bench/golangci.sh: $bin is missing: run make golangci-lint" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/golangci.sh: needs GNU time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$GO run ./bench/gen -dir "$work/mod" -seed 1 -lines "$LINES" >/dev/null
cd "$work/mod"
export GOFLAGS=-mod=mod GOLANGCI_LINT_CACHE="$work/lintcache"
$GO build ./... # warm the build cache

cat >"$work/standard.yml" <<'YML'
version: "2"
linters:
  default: standard
YML
cat >"$work/redisvet.yml" <<'YML'
version: "2"
linters:
  default: standard
  enable: [redisvet]
  settings:
    custom:
      redisvet:
        type: module
YML

# run CONFIG: one cold run; prints "seconds KiB issues"
run() {
	"$bin" cache clean >/dev/null
	/usr/bin/time -f "%e %M" -o "$work/time" \
		"$bin" run --config "$1" --issues-exit-code=0 --output.json.path="$work/out.json" --show-stats=false ./... >/dev/null 2>"$work/err" ||
		{ cat "$work/err" >&2; exit 1; }
	echo "$(cat "$work/time") $(grep -o '"FromLinter"' "$work/out.json" | wc -l)"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One run of each, not measured: the go command's export data for
# golangci-lint's loader lands in the build cache.
run "$work/standard.yml" >/dev/null
run "$work/redisvet.yml" >/dev/null
: >"$work/standard.txt"
: >"$work/redisvet.txt"
for _ in $(seq "$REPEAT"); do
	run "$work/standard.yml" >>"$work/standard.txt"
	run "$work/redisvet.yml" >>"$work/redisvet.txt"
done
st=$(cut -d' ' -f1 "$work/standard.txt" | median); sm=$(cut -d' ' -f2 "$work/standard.txt" | median)
rt=$(cut -d' ' -f1 "$work/redisvet.txt" | median); rm=$(cut -d' ' -f2 "$work/redisvet.txt" | median)
si=$(tail -1 "$work/standard.txt" | cut -d' ' -f3); ri=$(tail -1 "$work/redisvet.txt" | cut -d' ' -f3)
echo "| lines | standard linters | standard + redisvet | time ratio | RSS ratio |"
echo "| ---: | ---: | ---: | ---: | ---: |"
awk -v l="$LINES" -v st="$st" -v sm="$sm" -v rt="$rt" -v rm="$rm" -v si="$si" -v ri="$ri" 'BEGIN {
	printf "| %d | %.1f s, %d MiB, %d issues | %.1f s, %d MiB, %d issues | %.2f | %.2f |\n", l, st, sm/1024, si, rt, rm/1024, ri, rt/st, rm/sm }'
