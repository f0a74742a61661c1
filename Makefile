# smarketd: build, run and test. `make run` and `make test` are the README's two commands.
SWIFT ?= swift
CONFIG ?= config/local.yaml

.PHONY: all deps build release run test system-test clean

all: build

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Runs the daemon in the foreground on the example configuration, with every path under var/.
run: build
	$(SWIFT) run smarketd run --config $(CONFIG)

# Every test: unit and integration tests of the package, then the system test under a real systemd
# in a throw-away container (it needs root, and says so with exit 77 otherwise). Chromium renders the
# HTML report in its test.
test:
	./scripts/install-deps.sh chromium systemd-container jq
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	tests/system/run.sh || [ $$? = 77 ]

# The system test boots a real systemd in a throw-away container (needs root).
system-test: deps
	tests/system/run.sh

clean:
	rm -rf .build var

include Makefile.install
-include Makefile.bench
