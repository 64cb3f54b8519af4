# The commands a user types. `make demo` and `make test` work on a fresh machine:
# both run the setup script first, which installs only what is missing.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: setup configure build demo demo-kafka test bench clean

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

clean:
	rm -rf $(BUILD_DIR)
