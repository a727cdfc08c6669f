#!/usr/bin/env bash
# Robustness sweep: runs bin/redisvet standalone (tests included, its
# default) over large bodies of real Go code and fails on any panic,
# analysis error or unexpected exit status. Findings are fine: redisvet
# exits 3 when it reports some, 0 when it reports none; 1 means errors
# (packages that do not load or type-check, analyzer errors), 2 usage or
# a runtime crash.
#
#   SWEEP_SCOPE=full (default): the standard library (std),
#     golang.org/x/tools/... v0.52.0, github.com/redis/go-redis/v9/...
#     v9.23.0, github.com/go-redis/redis/v8/... v8.11.5, and the web
#     modules the handler tests use (testdata/webmod): gin, echo, fiber v2
#     and v3, grpc.
#   SWEEP_SCOPE=ci: net/http/... and encoding/... of the standard library,
#     and go-redis v9: a few minutes at most on two cores.
#
# x/tools, go-redis and the web modules are analysed from a temporary module that requires
# them (GOFLAGS=-mod=mod); modules missing from the module cache come from
# GOPROXY (x/tools needs a few that `make deps` does not download). Also
# checks that two `redisvet -json` runs over go-redis v9 are identical.
#
# Usage: bench/sweep.sh   (or make sweep; make build first)
set -uo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
rv=${REDISVET:-$root/bin/redisvet}
scope=${SWEEP_SCOPE:-full}
[ -x "$rv" ] || { echo "sweep: $rv not found: run make build" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/redisvet-sweep.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

have_time=0
[ -x /usr/bin/time ] && have_time=1

# Temporary modules. Their go.sum starts from the repository's, so that
# GOPROXY=off works when everything is in the module cache.
mkdir -p "$tmp/std" "$tmp/tools" "$tmp/goredis" "$tmp/web"
cat > "$tmp/tools/go.mod" <<'EOF'
module sweep.example/tools

go 1.26.0

require golang.org/x/tools v0.52.0
EOF
cp "$root/go.sum" "$tmp/tools/go.sum"
cat > "$tmp/goredis/go.mod" <<'EOF'
module sweep.example/goredis

go 1.26.0

require (
	github.com/go-redis/redis/v8 v8.11.5
	github.com/redis/go-redis/v9 v9.23.0
)
EOF
cp "$root/testdata/redismod/go.sum" "$tmp/goredis/go.sum"
sed 's#^module .*#module sweep.example/web#' "$root/testdata/webmod/go.mod" >"$tmp/web/go.mod"
cp "$root/testdata/webmod/go.sum" "$tmp/web/go.sum"

# name|directory|GOFLAGS|patterns
case "$scope" in
full)
	targets=(
		"std|$tmp/std||std"
		"x/tools|$tmp/tools|-mod=mod|golang.org/x/tools/..."
		"go-redis v9|$tmp/goredis|-mod=mod|github.com/redis/go-redis/v9/..."
		"go-redis v8|$tmp/goredis|-mod=mod|github.com/go-redis/redis/v8/..."
		"gin|$tmp/web|-mod=mod|github.com/gin-gonic/gin/..."
		"echo|$tmp/web|-mod=mod|github.com/labstack/echo/v4/..."
		"fiber v2|$tmp/web|-mod=mod|github.com/gofiber/fiber/v2/..."
		"fiber v3|$tmp/web|-mod=mod|github.com/gofiber/fiber/v3/..."
		"grpc|$tmp/web|-mod=mod|google.golang.org/grpc/..."
	)
	;;
ci)
	targets=(
		"std net/http, encoding|$tmp/std||net/http/... encoding/..."
		"go-redis v9|$tmp/goredis|-mod=mod|github.com/redis/go-redis/v9/..."
	)
	;;
*)
	echo "sweep: SWEEP_SCOPE must be full or ci, not $scope" >&2
	exit 2
	;;
esac

echo "redisvet sweep ($scope): $("$rv" -V=full 2>/dev/null | head -1)"
go version
echo

failed=0
rows=()
i=0
for t in "${targets[@]}"; do
	IFS='|' read -r name dir flags patterns <<<"$t"
	i=$((i + 1))
	out="$tmp/out.$i"
	# shellcheck disable=SC2086 # patterns are words
	pkgs=$(cd "$dir" && GOFLAGS="$flags" go list -e $patterns 2>/dev/null | wc -l)
	# shellcheck disable=SC2086
	variants=$(cd "$dir" && GOFLAGS="$flags" go list -e -test $patterns 2>/dev/null | wc -l)
	echo "== $name: redisvet $patterns   ($pkgs packages, $variants with test variants)"
	start=$(date +%s.%N)
	if [ $have_time = 1 ]; then
		# shellcheck disable=SC2086
		(cd "$dir" && GOFLAGS="$flags" /usr/bin/time -f '%e %M' -o "$tmp/time.$i" "$rv" $patterns >"$out" 2>&1)
		st=$?
		read -r wall rss < <(tail -1 "$tmp/time.$i")
		rss=$((rss / 1024))
	else
		# shellcheck disable=SC2086
		(cd "$dir" && GOFLAGS="$flags" "$rv" $patterns >"$out" 2>&1)
		st=$?
		wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
		rss="?"
	fi
	findings=$(grep -cE '^[^ ]+\.go:[0-9]+:[0-9]+: ' "$out")
	panics=$(grep -cE '^panic: |^goroutine [0-9]+ \[|^fatal error: ' "$out")
	status=ok
	if [ "$panics" -ne 0 ]; then
		status="PANIC"
	elif [ $st -ne 0 ] && [ $st -ne 3 ]; then
		status="ERRORS (exit $st)"
	fi
	if [ "$status" != ok ]; then
		failed=1
		echo "-- $status; output (last 60 lines, full output kept in ${TMPDIR:-/tmp}/redisvet-sweep-failure-$i.txt):"
		tail -60 "$out"
		cp "$out" "${TMPDIR:-/tmp}/redisvet-sweep-failure-$i.txt"
	else
		# A taste of what it reports: by kind of finding.
		grep -oE 'is not closed|discarded without being closed|built on every [a-z]+|never executed|closed by a defer in the loop body|created in a loop|stored in [A-Za-z_.]+, but nothing' "$out" |
			sed -E 's/stored in [A-Za-z_.]+, but nothing/stored in a field nothing closes/' | sort | uniq -c | sed 's/^/   /'
		echo "   $findings findings, $(grep -E '^[^ ]+\.go:[0-9]+:[0-9]+: ' "$out" | grep -vc '_test\.go:') of them outside _test.go files"
	fi
	rows+=("$(printf '| %s | %s | %s / %s | %s | %s | %s | %s | %s |' "$name" "$patterns" "$pkgs" "$variants" "$findings" "$wall" "$rss" "$st" "$status")")
	echo
done

# Determinism: two -json runs over go-redis v9 (findings and all).
echo "== determinism: redisvet -json github.com/redis/go-redis/v9/... twice"
det=ok
(cd "$tmp/goredis" && GOFLAGS=-mod=mod "$rv" -json github.com/redis/go-redis/v9/... >"$tmp/j1" 2>"$tmp/j1.err")
s1=$?
(cd "$tmp/goredis" && GOFLAGS=-mod=mod "$rv" -json github.com/redis/go-redis/v9/... >"$tmp/j2" 2>"$tmp/j2.err")
s2=$?
if [ $s1 -ne 0 ] || [ $s2 -ne 0 ]; then
	det="FAILED (exit $s1, $s2)"
	cat "$tmp/j1.err"
elif ! cmp -s "$tmp/j1" "$tmp/j2"; then
	det="DIFFERENT OUTPUT"
	diff "$tmp/j1" "$tmp/j2" | head -20
fi
[ "$det" = ok ] || failed=1
echo "   $det ($(wc -c <"$tmp/j1") bytes of JSON)"
echo

echo "| target | patterns | packages / with tests | findings | wall s | peak MiB | exit | status |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
echo "| determinism (-json twice, go-redis v9) | | | | | | | $det |"
if [ $failed -ne 0 ]; then
	echo
	echo "sweep: FAILED" >&2
	exit 1
fi
echo
echo "sweep: no panics, no analysis errors"
