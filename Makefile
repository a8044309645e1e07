# freq — two commands on a fresh machine:
#   make run    install what is missing, build, check and measure this repository's registry
#   make test   install what is missing, run the whole test suite
PREFIX ?= /usr/local
SWIFT ?= swift
FREQ := .build/release/freq

.PHONY: run test build install deps benchmark clean

# libgit2-dev and pkg-config are the only system packages freq needs.
deps:
	@if pkg-config --exists libgit2 2>/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "freq needs libgit2-dev and pkg-config: install them (as root: apt-get install libgit2-dev pkg-config)" >&2; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "freq needs libgit2 (>= 1.5) and pkg-config: install them with your system's package manager" >&2; exit 1; fi; \
	echo "installing libgit2-dev and pkg-config..."; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libgit2-dev pkg-config >/dev/null

build: deps
	$(SWIFT) build -c release --product freq

# The main job on this repository: validate the registry, then the statistics from its history.
run: build
	$(FREQ) validate
	$(FREQ) stats

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(FREQ) $(DESTDIR)$(PREFIX)/bin/freq

benchmark: build
	bash Benchmarks/run.sh

clean:
	rm -rf .build
