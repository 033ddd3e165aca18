# Thin wrapper over Meson + Ninja. `make demo` and `make test` install missing Debian
# packages first (scripts/install-deps), so a fresh Debian 12 machine needs nothing else.
BUILD  ?= build
ASAN   ?= build-asan
FUZZ   ?= build-fuzz
MESON  ?= meson

.PHONY: all deps test demo asan fuzz bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --buildtype=debugoptimized

deps:
	@scripts/install-deps

test: deps all
	$(MESON) test -C $(BUILD) --print-errorlogs --num-processes 2

# The demo corpus into a fresh store, its stories, the brief of the largest story, and the
# command that serves them. Never blocks.
demo: deps all
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	@$(BUILD)/newsfuse ingest --db $(BUILD)/demo.db examples/
	@echo; $(BUILD)/newsfuse stories --db $(BUILD)/demo.db
	@$(BUILD)/newsfuse show --db $(BUILD)/demo.db --format md \
	    $$($(BUILD)/newsfuse stories --db $(BUILD)/demo.db --format json | python3 -c \
	    'import json,sys; print(max(json.load(sys.stdin), key=lambda s: (s["articles"], s["outlets"]))["id"])')
	@echo; echo "Serve these stories: make serve"

asan: deps
	@[ -f $(ASAN)/build.ninja ] || CC=$${CC:-gcc} $(MESON) setup $(ASAN) --buildtype=debug \
	    -Db_sanitize=address,undefined -Db_lundef=false
	ninja -C $(ASAN)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    $(MESON) test -C $(ASAN) --print-errorlogs --num-processes 2

fuzz:
	@scripts/install-deps --fuzz
	@[ -f $(FUZZ)/build.ninja ] || CC=clang $(MESON) setup $(FUZZ) --buildtype=debugoptimized -Dfuzz=true \
	    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
	ninja -C $(FUZZ)
	@for t in $(FUZZ)/fuzz/fuzz_*; do [ -x "$$t" ] || continue; echo "== $$t"; \
	    mkdir -p $(FUZZ)/corpus/$$(basename $$t); \
	    "$$t" -max_total_time=$${FUZZ_SECONDS:-60} $(FUZZ)/corpus/$$(basename $$t) fuzz/corpus/$$(basename $$t | sed 's/^fuzz_//') || exit 1; done

bench: deps all
	bench/run

# The web app on the demo store (built by `make demo`; made here from examples/ when missing).
.PHONY: serve
serve: all
	@[ -f $(BUILD)/demo.db ] || $(BUILD)/newsfuse ingest --db $(BUILD)/demo.db examples/
	$(BUILD)/newsfuse serve --db $(BUILD)/demo.db --bind 127.0.0.1 --port 8080

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)
