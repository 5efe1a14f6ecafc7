# Kith — `make run` starts the server with demo data; `make test` runs every test.
GO       ?= go
NPM      ?= npm
BIN      := bin/kith
GOTEST   := $(GO) test -p 2 -count=1

.PHONY: run build frontend test test-go test-frontend test-browser generate check-generated lint bench clean

run: build
	KITH_ENV=development ./$(BIN) serve --demo

build: frontend
	$(GO) build -o $(BIN) ./cmd/kith

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && $(NPM) ci --no-audit --no-fund
	touch $@

frontend: frontend/node_modules/.installed
	cd frontend && $(NPM) run build

# Go tests run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set
# (set but unreachable: they fail). Then the frontend unit tests and the
# browser tests against the built binary.
test: test-go test-frontend test-browser

test-go:
	$(GO) vet ./...
	$(GOTEST) ./...

test-frontend: frontend/node_modules/.installed
	cd frontend && $(NPM) test

test-browser: build
	cd frontend && KITH_BIN=$(CURDIR)/$(BIN) $(NPM) run e2e

# Regenerates ent, gqlgen and the frontend's GraphQL types.
generate: frontend/node_modules/.installed
	cd ent && $(GO) run -mod=mod entc.go
	$(GO) tool gqlgen generate
	cd frontend && $(NPM) run codegen

# Fails when committed generated code differs from what the generators write.
check-generated: generate
	@git diff --exit-code -- ent graph frontend/src/gql gqlgen.yml || \
		(echo "generated code is stale: run 'make generate' and commit" >&2; exit 1)
	@test -z "$$(git status --porcelain -- ent graph frontend/src/gql)" || \
		(git status --porcelain -- ent graph frontend/src/gql; echo "generated files are not committed" >&2; exit 1)

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...

# Benchmarks never run in `make test`. After the Go benchmarks, the load test
# builds the server, runs it as a child process on a loopback port with a
# temporary SQLite database (or the scratch PostgreSQL database in
# LOADTEST_DATABASE_URL, which it fills with test users and a board),
# subscribes 10,000 websocket clients to one board and reports delivery
# latency, memory per subscriber and goroutine cleanup after abrupt
# disconnects. About a minute; it stops by itself after LOADTEST_TIMEOUT.
#
# Then the score bench (cmd/kith-scorebench): gen-data, then the full value-
# score recompute against a bare SQL script doing the same core work and the
# bare GROUP BY alone. On the scratch PostgreSQL database in
# SCORES_BENCH_DATABASE_URL (which it migrates and fills; REUSE=1 keeps data
# already there) or a temporary SQLite file; size with SCORES_BENCH_CUSTOMERS
# and SCORES_BENCH_ORDERS.
LOADTEST_TIMEOUT ?= 3m
LOADTEST_DATABASE_URL ?=
SCORES_BENCH_DATABASE_URL ?=
SCORES_BENCH_CUSTOMERS ?= 100000
SCORES_BENCH_ORDERS ?= 1000000
bench:
	$(GO) test -p 1 -run '^$$' -bench . -benchmem ./...
	GO=$(GO) $(GO) run ./cmd/kith-loadtest -subscribers 10000 -posts 5 -cycles 10000 \
		-timeout $(LOADTEST_TIMEOUT) -database-url '$(LOADTEST_DATABASE_URL)'
	$(GO) run ./cmd/kith-scorebench -database-url '$(SCORES_BENCH_DATABASE_URL)' \
		-customers $(SCORES_BENCH_CUSTOMERS) -orders $(SCORES_BENCH_ORDERS) $(if $(REUSE),-reuse)

clean:
	rm -rf bin frontend/node_modules
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete
