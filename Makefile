# Entry points for people and CI. Every target installs missing Debian packages first
# (scripts/install-deps is a no-op when all are present).
.PHONY: deps build docs demo test unit e2e asan fuzz-build fuzz bench format clean

FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

# Documentation generated from tables in the code (docs/findings.md from the finding
# catalogue); a unit test fails while the checked-in file is stale.
docs: build
	build/release/tools/netlens_docs docs/findings.md

# The main job on a built-in scenario: a demo network made of namespaces, inspected
# with netlens, then removed.
demo: build
	@scripts/demo build/release/src/netlens

# Everything CI runs: unit and end-to-end tests on the release build, the unit tests
# again under ASan+UBSan and a short run of every fuzz target, both from the one
# sanitizer build (the fuzz preset).
test: build fuzz-build
	ctest --preset release
	ctest --preset fuzz

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

fuzz-build: deps
	@cmake --preset fuzz -DNETLENS_FUZZ_SECONDS=5 >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)

fuzz: fuzz-build
	scripts/run-fuzz $(FUZZ_SECONDS)

bench: build
	bench/iface_bench.sh build/release/src/netlens
	bench/sockets_bench.sh build/release/src/netlens
	bench/route_bench.sh build/release/src/netlens
	bench/netns_bench.sh build/release/src/netlens
	bench/trace_bench.sh build/release/src/netlens

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
