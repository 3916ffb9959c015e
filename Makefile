# ccwh — the contact-center warehouse. `make demo` and `make test` work on a fresh Debian
# machine with Go: both install Debian's clickhouse-server when it is missing.
GO       ?= go
PKGS     ?= ./...
VERSION  ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/ccwh/ccwh/jobs.Version=$(VERSION)

.PHONY: all build demo test bench fuzz clickhouse chromium vet clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/ccwh ./cmd/ccwh

# Private ClickHouse + sandbox + migrate + sync of every stream; prints what landed.
demo: clickhouse build
	./bin/ccwh demo --dir ./var/demo --log-format console --log-level warn

# Every test, including the integration tests against a private real ClickHouse (never mocked,
# never skipped when CI is set).
test: clickhouse chromium vet
	CI=$${CI:-1} $(GO) test -race -count=1 -timeout 20m $(PKGS)
	$(MAKE) fuzz FUZZTIME=5s

vet:
	$(GO) vet $(PKGS)

# Benchmarks, each output kept in $(BENCH_OUT) and summarised at the end (bench/summary.awk):
# decode → Arrow for XML, JSON, CSV (one core); Arrow → Parquet with parquet-go (the archive)
# beside Arrow's own pqarrow on the same records (jobs/parquet_bench_test.go); Arrow →
# ClickHouse; whole `ccwh sync` child processes of 100k and 1M rows (rows/s, peak RSS); and
# `ccwh ingest` against `clickhouse-client` loading the same 1M-row CSV into the same table,
# CCWH_BENCH_ROUNDS (5) rounds back to back (rows/s of both, ratio, peak RSS).
BENCH_OUT ?= var/bench
bench: clickhouse
	@mkdir -p $(BENCH_OUT)
	bash -o pipefail -c 'CI=$${CI:-1} $(GO) test -run "^$$" -bench . -benchmem -count=1 -cpu 1 -timeout 30m ./transform/... | tee $(BENCH_OUT)/transform.txt'
	bash -o pipefail -c '$(GO) test -run "^$$" -bench ArrowToParquet -count=1 -cpu 1 -timeout 30m ./jobs/ | tee $(BENCH_OUT)/pqarrow.txt'
	bash -o pipefail -c 'CI=$${CI:-1} $(GO) test -run "^$$" -bench . -benchmem -count=1 -timeout 30m ./load/... | tee $(BENCH_OUT)/load.txt'
	bash -o pipefail -c 'CI=$${CI:-1} $(GO) test -run "^$$" -bench "SyncPeakRSS|IngestVsClickHouseClient" -benchtime 1x -count=1 -timeout 60m ./jobs/ | tee $(BENCH_OUT)/jobs.txt'
	@awk -f bench/summary.awk $(BENCH_OUT)/transform.txt $(BENCH_OUT)/pqarrow.txt $(BENCH_OUT)/load.txt $(BENCH_OUT)/jobs.txt | tee $(BENCH_OUT)/summary.txt

# Every fuzz target of every package for a bounded time (longer by hand: make fuzz FUZZTIME=5m).
# A real finding prints "Failing input" (and is saved under testdata/fuzz); Go's fuzzer sometimes
# ends a time-bounded run with a bare "context deadline exceeded" instead, which is not a finding.
FUZZTIME ?= 10s
fuzz:
	@for p in $$(grep -l --include='*_test.go' -r '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for t in $$(grep -h '^func Fuzz' $$p/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
			echo "fuzz $$p $$t ($(FUZZTIME))"; \
			out=$$($(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$p 2>&1); rc=$$?; \
			echo "$$out" | tail -n 3; \
			if [ $$rc -ne 0 ]; then \
				if echo "$$out" | grep -q 'Failing input\|panic:' || ! echo "$$out" | grep -q 'context deadline exceeded'; then \
					echo "$$out"; exit 1; fi; \
				echo "(go fuzz: deadline noise, no failing input)"; \
			fi; \
		done; \
	done

# Installs Debian's clickhouse-server when missing (apt-get; the tests start private instances).
clickhouse:
	@$(GO) run ./cmd/ccwh dev install-clickhouse

# Installs Debian's chromium when missing (the status page is tested in headless Chromium).
chromium:
	@$(GO) run ./cmd/ccwh dev install-chromium

clean:
	rm -rf bin var
