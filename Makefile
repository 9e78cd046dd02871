# miglint: `make` builds build/miglint; `make demo`, `make check` install what is missing first.
# Quiet by default; V=1 shows the commands. Honours CC, CFLAGS, LDFLAGS.

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BUILD ?= build

# The server headers must be of libpg_query's major version (checked again in miglint/pg.h).
PG_MAJOR = $(shell sed -n 's/^\#define PG_MAJORVERSION "\([0-9]*\)"/\1/p' /usr/include/pg_query.h 2>/dev/null)
PG_SERVER_INC = $(firstword $(wildcard /usr/include/postgresql/$(PG_MAJOR)/server/nodes/parsenodes.h \
	deps/pg$(PG_MAJOR)/usr/include/postgresql/$(PG_MAJOR)/server/nodes/parsenodes.h))

MG_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Iinclude -I$(BUILD) -isystem $(patsubst %/nodes/parsenodes.h,%,$(PG_SERVER_INC)) -MMD -MP
# libpg_query is linked statically: its thread-local memory context is then reached without
# __tls_get_addr on every palloc (about 3% of all instructions), and the binary stands alone.
# jansson, libyaml and nettle are linked statically too when their archives are installed (the
# Debian -dev packages ship them): a process then starts without three shared objects to map
# and bind, about a fifth of `miglint --version` (7.4 ms instead of 9.3 in our VM).
static_or_shared = $(if $(findstring /,$(shell $(CC) -print-file-name=lib$(1).a)),-l:lib$(1).a,-l$(1))
LDLIBS = -l:libpg_query.a $(call static_or_shared,jansson) $(call static_or_shared,yaml) \
	$(call static_or_shared,nettle) -lpthread

Q = $(if $(V),,@)
SAY = $(if $(V),@true,@printf '  %-6s %s\n')

# Sources sit in folders in pipeline order (src/cli, src/run, src/discover, ...) and rules in
# folders by family (rules/idempotency, ...); every .c below them is part of the library.
SRC = $(filter-out src/cli/main.c,$(sort $(shell find src -name '*.c')))
RULES = $(sort $(shell find rules -name '*.c'))
RULE_DIRS = $(sort $(dir $(RULES)))
vpath %.md $(RULE_DIRS)
LIB_OBJ = $(SRC:%.c=$(BUILD)/%.o) $(RULES:%.c=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN = $(BUILD)/tests/abi_check $(BUILD)/tests/pgsplit

.PHONY: all deps deps-test demo check test unit golden abi schema truth asan valgrind bench \
	install uninstall clean regen

all: deps
	+$(Q)$(MAKE) --no-print-directory $(BUILD)/miglint

deps:
	$(Q)ci/install-deps build

deps-test:
	$(Q)ci/install-deps test

$(BUILD)/miglint: $(BUILD)/src/cli/main.o $(BUILD)/libmiglint.a
	$(SAY) LINK $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libmiglint.a: $(LIB_OBJ)
	$(SAY) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c | $(BUILD)/rules_list.h
	$(SAY) CC $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(MG_CFLAGS) $(CFLAGS) -c -o $@ $<

# A rule's documentation is rules/<family>/<name>.md, embedded as a C string.
$(BUILD)/docs/%.h: %.md tools/md2c
	$(Q)mkdir -p $(dir $@)
	$(Q)tools/md2c $< > $@

DOC_H = $(patsubst %.c,$(BUILD)/docs/%.h,$(notdir $(RULES)))
$(LIB_OBJ): | $(DOC_H)

# The rule registry: one line per file in rules/, rewritten only when the list changes.
$(BUILD)/rules_list.h: FORCE
	$(Q)mkdir -p $(BUILD)
	$(Q)for f in $(RULES); do n=$${f##*/}; echo "MG_RULE($${n%.c})"; done > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi
FORCE:

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libmiglint.a
	$(SAY) CC $@
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(MG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

$(BUILD)/tests/%: tests/%.c $(BUILD)/libmiglint.a
	$(SAY) CC $@
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(MG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench_parse: tools/bench_parse.c $(BUILD)/libmiglint.a
	$(SAY) CC $@
	$(Q)$(CC) $(MG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

demo: all
	@echo "== miglint check fixtures/demo (the bundled example migrations) =="
	@$(BUILD)/miglint check fixtures/demo; status=$$?; \
	echo "== miglint exited $$status: 0 clean, 1 findings (the demo migrations have some on purpose), 2 error"; \
	[ $$status -le 1 ]

# Every test. The sanitizer run rebuilds everything with ASan+UBSan in build-asan/ and runs
# the unit and golden tests there; valgrind runs the fixture tree once.
check: deps-test
	+$(Q)$(MAKE) --no-print-directory test
	+$(Q)$(MAKE) --no-print-directory asan
	+$(Q)$(MAKE) --no-print-directory valgrind
	@echo "check: all test suites passed"

test: $(BUILD)/miglint $(UNIT_BIN) $(TOOL_BIN)
	$(Q)tests/run-unit $(BUILD)
	$(Q)tests/headers $(CC) $(filter-out -MMD -MP,$(MG_CFLAGS))
	$(Q)tests/golden $(BUILD)/miglint
	$(Q)tests/rules $(BUILD)/miglint
	$(Q)tests/abi $(BUILD)
	$(Q)tests/cli $(BUILD)/miglint
	$(Q)tests/config $(BUILD)/miglint
	$(Q)tests/baseline $(BUILD)/miglint
	$(Q)tests/install
	$(Q)tests/pre-commit $(BUILD)/miglint
	$(Q)tests/action $(BUILD)/miglint
	$(Q)tests/json-schema $(BUILD)/miglint
	$(Q)tests/sarif $(BUILD)/miglint
	$(Q)tests/alembic $(BUILD)/miglint
	$(Q)tests/graph $(BUILD)/miglint
	$(Q)tests/django $(BUILD)/miglint
	$(Q)tests/sqitch $(BUILD)/miglint
	$(Q)tests/pg-truth $(BUILD)
	$(Q)tests/lock-truth $(BUILD)
	$(Q)tests/cycles $(BUILD)

unit: $(UNIT_BIN)
	$(Q)tests/run-unit $(BUILD)

golden: $(BUILD)/miglint
	$(Q)tests/golden $(BUILD)/miglint

regen: $(BUILD)/miglint
	$(Q)tests/golden $(BUILD)/miglint --regen

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan:
	+$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" test
	@echo "asan: the whole test suite passed under ASan+UBSan (LeakSanitizer on)"

valgrind: $(BUILD)/miglint
	$(Q)tests/valgrind $(BUILD)/miglint

bench: $(BUILD)/miglint $(BUILD)/bench_parse
	$(Q)tools/bench $(BUILD)
	$(Q)tools/bench-alembic $(BUILD)

MANDIR ?= $(PREFIX)/share/man

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/miglint $(DESTDIR)$(PREFIX)/bin/miglint
	install -m 644 docs/miglint.1 $(DESTDIR)$(MANDIR)/man1/miglint.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/miglint $(DESTDIR)$(MANDIR)/man1/miglint.1

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD) build-asan -name '*.d' 2>/dev/null)
