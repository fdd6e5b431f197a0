# Entry points for people and CI. See README.md.
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
JOBS      ?= $(shell nproc)
CMAKE_GEN := -G Ninja
# ccache keys without this checkout's path, so a fresh clone elsewhere (CI) reuses what was built.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps browser-deps build build-release test test-sanitize fuzz demo clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# What a packager runs: an optimised Release build (-O3), with the same warnings as errors.
RELEASE_DIR ?= build-release
build-release: deps
	cmake -S . -B $(RELEASE_DIR) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(RELEASE_DIR) -j $(JOBS)

# playwright-core from the npm registry (pinned in package-lock.json); it drives Debian's chromium
# and never downloads a browser.
browser-deps: deps
	@cd tests/browser && { { [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] && [ -d node_modules/qrcode ] && [ -d node_modules/jsqr ]; } || npm ci --no-audit --no-fund; }

test: build browser-deps
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Unit and integration tests once more under AddressSanitizer + UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(ASAN_DIR) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DONTHAAL_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -LE browser

# libFuzzer targets (fuzz/, docs/fuzzing.md): built with Debian's clang (libFuzzer is clang's)
# with ASan + UBSan into build-fuzz/, then each run for FUZZ_SECONDS; fails on any finding.
# FUZZ_TARGETS names some of them (default: all).
FUZZ_DIR     ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: deps
	cmake -S . -B $(FUZZ_DIR) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Fuzz \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DONTHAAL_FUZZ=ON
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target onthaal_fuzzers
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_TARGETS)

demo: build
	scripts/demo.sh $(BUILD_DIR)

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(RELEASE_DIR) $(FUZZ_DIR) .demo
