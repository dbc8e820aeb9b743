# Two commands do everything on a fresh Debian 12 machine:
#   make run    install what is missing, build, start the main job
#   make test   install what is missing, build, run every test
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
# ccache (when installed) shares compiled objects between checkouts: paths are made relative.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps configure build run test test-fast bench fuzz asan clean format

all: build

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)
	@scripts/build-web

run: build
	@BUILD_DIR=$(BUILD_DIR) scripts/run-main

# The browser e2e test (tests/web) needs Debian's chromium: make test installs it.
test: export SBOMHUB_WITH_BROWSER ?= 1
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Everything except tests that read ../shared/data.
test-fast: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -LE shared-data

bench: build
	@scripts/run-bench

# libFuzzer builds (clang) in build-fuzz/; run one with e.g. build-fuzz/fuzz/formats/fuzz_cyclonedx_json.
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSBOMHUB_FUZZ=ON -DSBOMHUB_BUILD_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS)

# ASan + UBSan build and tests in build-asan/.
asan: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSBOMHUB_SANITIZE=ON -DSBOMHUB_BUILD_BENCH=OFF
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

format:
	find src tests fuzz bench -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) build-fuzz build-asan
