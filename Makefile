# freq — two commands on a fresh machine:
#   make run    install what is missing, build, check and measure this repository's registry,
#               and build its website (.build/site)
#   make test   install what is missing, run the whole test suite
# and for releases:
#   make man           one man page per command, from the commands' own help (.build/man/man1)
#   make completions   bash, zsh and fish completion scripts (.build/completions)
#   make dist          dist/freq-VERSION-linux-ARCH.tar.gz: a binary needing only libgit2 and
#                      libc, its man pages and completions (scripts/check-dist.sh proves it)
# and for hostile input:
#   make fuzz FUZZ_SECONDS=60   build the fuzz targets of Fuzz/ with libFuzzer and
#                      AddressSanitizer, run each for FUZZ_SECONDS (README, "Fuzzing")
PREFIX ?= /usr/local
SWIFT ?= swift
FREQ := .build/release/freq
VERSION := $(shell sed -n 's/.*static let string = "\(.*\)"/\1/p' Sources/FreqKit/FreqVersion.swift)
ARCH := $(shell uname -m)
DIST_NAME := freq-$(VERSION)-linux-$(ARCH)
# The man pages' date: the last commit's, so the same source gives the same pages.
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)

.PHONY: run test test-deps build install deps benchmark clean man completions dist check-dist fuzz fuzz-build

# The system packages freq needs: libgit2 (git), cmark-gfm (GitHub's Markdown renderer, for
# `freq site`) and pkg-config to find them.
deps:
	@if pkg-config --exists libgit2 libcmark-gfm 2>/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "freq needs libgit2-dev, libcmark-gfm-dev, libcmark-gfm-extensions-dev and pkg-config: install them (as root: apt-get install libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)" >&2; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "freq needs libgit2 (>= 1.5), cmark-gfm and pkg-config: install them with your system's package manager" >&2; exit 1; fi; \
	echo "installing libgit2-dev, libcmark-gfm-dev and pkg-config..."; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config >/dev/null

# The Swift runtime linked in, as in the release tarball: a freq that starts in 13 ms
# instead of 20 (no dynamic linking of the Swift libraries), and runs without a toolchain.
build: deps
	$(SWIFT) build -c release --product freq --static-swift-stdlib

# The main job on this repository: validate the registry, the statistics from its history,
# and its website.
run: build
	$(FREQ) validate
	$(FREQ) stats
	$(FREQ) site .build/site

# What the browser check needs besides freq's own: Debian's chromium and its driver.
test-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "the browser check needs chromium, chromium-driver and python3: install them (as root: apt-get install chromium chromium-driver python3)" >&2; exit 1; fi; \
	echo "installing chromium, chromium-driver and python3 (for the browser check)..."; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver python3 >/dev/null

# The whole suite: the unit and end-to-end tests, then `freq site` in a real browser
# (scripts/browser-check.py; its screenshots land in .build/site-screenshots).
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 scripts/browser-check.py --freq .build/debug/freq --screenshots .build/site-screenshots

# The binary, the man pages and the completions, where man and the shells look for them.
install: build man completions
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(FREQ) $(DESTDIR)$(PREFIX)/bin/freq
	install -m 0644 .build/man/man1/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -D -m 0644 .build/completions/freq.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/freq
	install -D -m 0644 .build/completions/_freq $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_freq
	install -D -m 0644 .build/completions/freq.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/freq.fish

# ArgumentParser's generate-manual plugin (from the package's own dependency, no network):
# it builds freq in release mode and writes one page per command from their help.
man: deps
	$(SWIFT) package generate-manual --multi-page --date $(MAN_DATE)
	rm -rf .build/man && mkdir -p .build/man/man1
	cp .build/plugins/GenerateManual/outputs/freq/*.1 .build/man/man1/

completions: build
	mkdir -p .build/completions
	$(FREQ) --generate-completion-script bash > .build/completions/freq.bash
	$(FREQ) --generate-completion-script zsh > .build/completions/_freq
	$(FREQ) --generate-completion-script fish > .build/completions/freq.fish

# The release tarball. The binary is built apart (.build-dist) with the Swift runtime and
# Foundation linked in, so the two builds never undo each other.
dist: man completions
	$(SWIFT) build -c release --product freq --static-swift-stdlib --scratch-path .build-dist
	rm -rf dist/$(DIST_NAME) dist/$(DIST_NAME).tar.gz
	install -D -m 0755 .build-dist/release/freq dist/$(DIST_NAME)/bin/freq
	strip dist/$(DIST_NAME)/bin/freq
	install -d dist/$(DIST_NAME)/share/man/man1
	install -m 0644 .build/man/man1/*.1 dist/$(DIST_NAME)/share/man/man1/
	install -D -m 0644 .build/completions/freq.bash dist/$(DIST_NAME)/share/bash-completion/completions/freq
	install -D -m 0644 .build/completions/_freq dist/$(DIST_NAME)/share/zsh/site-functions/_freq
	install -D -m 0644 .build/completions/freq.fish dist/$(DIST_NAME)/share/fish/vendor_completions.d/freq.fish
	install -m 0644 README.md dist/$(DIST_NAME)/
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=$(MAN_DATE) -C dist -czf dist/$(DIST_NAME).tar.gz $(DIST_NAME)
	@echo "dist/$(DIST_NAME).tar.gz: $$(du -h dist/$(DIST_NAME).tar.gz | cut -f1); binary $$(du -h dist/$(DIST_NAME)/bin/freq | cut -f1)"

# Slow (minutes, needs root for debootstrap): not part of `make test`.
check-dist: dist
	bash scripts/check-dist.sh dist/$(DIST_NAME).tar.gz

# Fuzzing: a package of its own (Fuzz/), built apart (.build-fuzz), so that neither the
# normal build nor CI compiles it. Seeds come from the tests' fixtures (FuzzSeedTests);
# the corpus each run grows is kept in .build-fuzz/corpus/TARGET, crashes in
# .build-fuzz/crashes/. Stops at the first target that finds a crash. Swift's own crash
# backtracer is off: AddressSanitizer reports instead.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzFrontMatter FuzzJSONSchema FuzzRegistryConfig FuzzGlob FuzzEditor FuzzHistoryCache
FUZZ_FLAGS ?=

fuzz-build: deps
	$(SWIFT) build --package-path Fuzz --scratch-path .build-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz: fuzz-build
	rm -rf .build-fuzz/seeds
	$(SWIFT) build --build-tests
	FREQ_FUZZ_SEEDS=$(CURDIR)/.build-fuzz/seeds $(SWIFT) test --skip-build --filter FuzzSeedTests
	mkdir -p .build-fuzz/crashes
	for target in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus/$$target; \
		echo "== $$target, $(FUZZ_SECONDS) s"; \
		SWIFT_BACKTRACE=enable=no .build-fuzz/debug/$$target .build-fuzz/corpus/$$target .build-fuzz/seeds/$$target \
			-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=.build-fuzz/crashes/$$target- $(FUZZ_FLAGS) || exit 1; \
	done

benchmark: build
	bash Benchmarks/run.sh

clean:
	rm -rf .build .build-dist .build-fuzz dist
