# The commands a user types. `make demo` and `make test` work on a fresh machine:
# both run the setup script first, which installs only what is missing.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: setup configure build demo demo-kafka test bench bench-nexmark clean

setup:
	@bash scripts/setup.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja

configure: setup $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/examples/page_counts

# The seed's page-count job on a real Kafka broker and PostgreSQL server, started and
# stopped by the script.
demo-kafka: build
	bash scripts/demo_kafka.sh $(BUILD_DIR)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: build
	bash bench/run.sh $(BUILD_DIR)

# Nexmark on Eddy and on Apache Flink side by side (bench/nexmark/run.py); installs Flink into
# the venv first. QUERIES=q0,q1 (default all), EVENTS, PARALLELISM, ENGINES=eddy,flink, CHECK=1
# compares the engines' results instead of timing them. Eddy is built only when it runs.
QUERIES ?=
EVENTS ?= 1000000
PARALLELISM ?= 2
ENGINES ?= eddy,flink
CHECK ?=

bench-nexmark: $(if $(findstring eddy,$(ENGINES)),build,setup)
	bash scripts/setup.d/flink.sh --install
	.venv/bin/python3 bench/nexmark/run.py --eddy $(BUILD_DIR)/eddy --engines $(ENGINES) \
	  --parallelism $(PARALLELISM) $(if $(QUERIES),--queries $(QUERIES)) \
	  $(if $(CHECK),--check $(if $(filter command line,$(origin EVENTS)),--events $(EVENTS)),--events $(EVENTS))

clean:
	rm -rf $(BUILD_DIR)
