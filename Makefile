# redisvet developer targets. After cloning: `make demo` runs redisvet on
# the bundled demo module; `make test` runs every test.

SHELL := /bin/bash
GO    ?= go
BIN   := bin/redisvet

# Every fixture module: a directory under testdata/ with its own go.mod.
FIXTURES = $(patsubst %/go.mod,%,$(shell find testdata -name go.mod | sort))

.PHONY: all deps sarif-schema build demo test runtime golangci-lint integration fuzz vet lint bench clean

all: build test

## deps: download the modules of the root module and of every fixture module
deps:
	$(GO) mod download
	@set -e; for d in $(FIXTURES); do \
		echo "cd $$d && $(GO) mod download"; \
		(cd "$$d" && $(GO) mod download); \
	done

## build: build bin/redisvet
build:
	$(GO) build -o $(BIN) ./cmd/redisvet

## demo: run redisvet on testdata/demo, then show the diff its fixes would make
# redisvet exits 3 when it reports findings: that is the point of the demo.
# Any other non-zero status (1: load or type errors, 2: usage, a crash)
# fails the target.
demo: build
	@cd testdata/demo && { \
		echo "== ../../$(BIN) ./..."; \
		st=0; ../../$(BIN) ./... 2>&1 || st=$$?; \
		if [ $$st -ne 0 ] && [ $$st -ne 3 ]; then echo "redisvet failed with exit status $$st" >&2; exit $$st; fi; \
		echo; echo "== ../../$(BIN) -fix -diff ./...   (suggested fixes, files untouched)"; \
		st=0; ../../$(BIN) -fix -diff ./... || st=$$?; \
		if [ $$st -ne 0 ] && [ $$st -ne 3 ]; then echo "redisvet -fix -diff failed with exit status $$st" >&2; exit $$st; fi; \
	}

## sarif-schema: fetch the OASIS SARIF 2.1.0 JSON schema (shipped in an npm
## package) for the test that validates redisvet -sarif output
SARIF_SCHEMA := .cache/sarif-2.1.0.json
sarif-schema: $(SARIF_SCHEMA)
$(SARIF_SCHEMA):
	mkdir -p .cache/npm
	cd .cache/npm && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && \
		tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json
	cp .cache/npm/package/lib/schemas/sarif-2.1.0-rtm.5.json $@

## test: run every test (downloads the modules and the SARIF schema first)
test: deps sarif-schema
	$(GO) test ./...

## runtime: prove each finding's run-time cost against a private
## redis-server (Debian's redis-server package): build each program of
## testdata/runtime with the bug and with the fix, run both, and print one
## "runtime: CHECK: bug: ...; fix: ..." line per claim (the whole test
## output when it fails). Part of make test too.
runtime: deps
	@log=$$(mktemp); st=0; \
	$(GO) test -count=1 -run TestRuntimeCosts -v ./internal/runtimeproof/ >$$log 2>&1 || st=$$?; \
	if [ $$st -ne 0 ]; then cat $$log; else grep '^runtime: \|^ok' $$log; fi; \
	rm -f $$log; exit $$st

## golangci-lint: build bin/golangci-lint, golangci-lint v2.15.0 with the
## redisvet plugin from this clone (module golangci/custom), from the Go
## module proxy alone: the route that needs no git and no published module
golangci-lint:
	cd golangci/custom && GOWORK=off $(GO) build -mod=readonly -o ../../bin/golangci-lint .

## integration: build golangci-lint v2.15.0 with the redisvet plugin (from
## the module proxy) and run it on testdata/golangci
integration: deps
	REDISVET_INTEGRATION=1 $(GO) test -count=1 -timeout 30m -run TestGolangciPlugin -v ./golangci/

## fuzz: fuzz the ownership engine with random control flow around a
## PubSub (FUZZTIME=30s by default; the committed corpus runs in make test)
FUZZTIME ?= 30s
fuzz: deps
	$(GO) test -run '^$$' -fuzz FuzzReleasedNeverReported -fuzztime $(FUZZTIME) ./passes/internal/ownership/

## vet: go vet and gofmt on the project's own code
vet:
	$(GO) vet ./...
	@files=$$(gofmt -l $$(find . -name '*.go' -not -path './testdata/*' -not -path './.git/*')); \
	if [ -n "$$files" ]; then echo "gofmt needed:"; echo "$$files"; exit 1; fi

## lint: golangci-lint, if installed (see .golangci.yml)
lint:
	@lint=$$(command -v golangci-lint || echo "$$($(GO) env GOPATH)/bin/golangci-lint"); \
	if [ -x "$$lint" ]; then echo "$$lint run ./..."; "$$lint" run ./...; \
	else echo "golangci-lint is not installed; skipping (go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0)"; fi

## bench: run the benchmarks
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

## perf: generate modules of PERF_SIZES lines (default "50000 100000 200000")
## and measure go vet, go vet -vettool=redisvet, redisvet and the floor
## (bench/harness; about 20 minutes on two cores; PERF_SIZES="5000 10000"
## for a quick run). Installs GNU time if it is missing.
.PHONY: perf sweep
perf: build
	@test -x /usr/bin/time || { echo "installing GNU time (apt-get)"; apt-get update && apt-get install -y time; }
	$(GO) run ./bench/harness

## perf-golangci: golangci-lint's time and memory on the benchmark module,
## standard linters against standard + redisvet (bench/golangci.sh;
## LINES=50000 REPEAT=3 by default)
.PHONY: perf-golangci
perf-golangci: golangci-lint
	@test -x /usr/bin/time || { echo "installing GNU time (apt-get)"; apt-get update && apt-get install -y time; }
	bench/golangci.sh

## sweep: run redisvet over std, golang.org/x/tools and go-redis v9/v8 and
## fail on panics or analysis errors; SWEEP_SCOPE=ci for a bounded subset
sweep: build
	bench/sweep.sh

clean:
	rm -rf bin
