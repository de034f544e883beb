# Makefile — builds urc, runs its tests, demo and benchmarks.
# One non-recursive makefile; BUILD names the out-of-tree build folder.
# `make asan` rebuilds everything in $(BUILD)/asan with sanitizers.

BUILD ?= build
.DEFAULT_GOAL := all
CC ?= cc
SAN ?=

PKGS := yaml-0.1 libcgraph libgvc check
APT_PKGS := flex bison libyaml-dev libgraphviz-dev graphviz check pkg-config
TOOLS := flex bison pkg-config dot

CFLAGS ?= -O2 -g
ifeq ($(SAN),1)
CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -MMD -MP
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -iquote compiler -iquote runtime -iquote $(BUILD)/gen

# ---- dependencies: installed when missing (as root), else the command ----
# A plain include: when the dependencies are missing and cannot be
# installed, make stops here rather than compile without them.
ifeq ($(filter clean help,$(MAKECMDGOALS)),)
include $(BUILD)/config.mk
endif

$(BUILD)/config.mk:
	@mkdir -p $(BUILD)
	@missing=""; \
	for t in $(TOOLS); do command -v $$t >/dev/null 2>&1 || missing=1; done; \
	command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PKGS) || missing=1; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "urc: installing build dependencies: $(APT_PKGS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PKGS) >/dev/null || exit 1; \
	  else \
	    echo "urc: missing build dependencies; install them with:"; \
	    echo "  sudo apt-get install -y $(APT_PKGS)"; exit 1; \
	  fi; \
	fi
	@{ echo "YAML_CFLAGS := $$(pkg-config --cflags yaml-0.1)"; \
	   echo "YAML_LIBS := $$(pkg-config --libs yaml-0.1)"; \
	   echo "GV_CFLAGS := $$(pkg-config --cflags libcgraph libgvc)"; \
	   echo "GV_LIBS := $$(pkg-config --libs libcgraph libgvc)"; \
	   echo "CHECK_CFLAGS := $$(pkg-config --cflags check)"; \
	   echo "CHECK_LIBS := $$(pkg-config --libs check)"; } > $@.tmp && mv $@.tmp $@

# ---- sources ----
GEN := $(BUILD)/gen
COMPILER_SRC := $(filter-out compiler/main.c,$(wildcard compiler/*.c))
COMPILER_OBJ := $(COMPILER_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/parser.o $(BUILD)/obj/gen/lexer.o
RUNTIME_SRC := $(wildcard runtime/*.c)
RUNTIME_OBJ := $(RUNTIME_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/obj/%.o)

URC := $(BUILD)/urc
UNIT := $(BUILD)/check_urc
FUZZ := $(BUILD)/fuzz_check
FUZZ_COMMON := $(BUILD)/obj/tests/fuzz/fuzz_common.o

.PHONY: all check demo asan valgrind bench clean golden-update unit golden fuzz help
all: $(URC)

help:
	@echo "make          build $(URC)"
	@echo "make demo     check, build and draw the shipped guidelines; decide sample requests"
	@echo "make check    run every test (unit, golden, fuzz)"
	@echo "make asan     the tests under AddressSanitizer and UBSan"
	@echo "make valgrind the tests under valgrind"
	@echo "make bench    benchmarks (prints figures)"

$(GEN)/parser.c $(GEN)/parser.h &: grammar/parser.y
	@mkdir -p $(GEN)
	bison -Wall -Werror -o $(GEN)/parser.c --header=$(GEN)/parser.h $<

$(GEN)/lexer.c $(GEN)/lexer.h &: grammar/lexer.l
	@mkdir -p $(GEN)
	flex --outfile=$(GEN)/lexer.c --header-file=$(GEN)/lexer.h $<

# Generated code is ours to compile strictly too, bar flex's unused helpers.
$(BUILD)/obj/gen/lexer.o: $(GEN)/lexer.c | $(GEN)/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-unused-function -Wno-missing-prototypes -Wno-shadow -c -o $@ $<

$(BUILD)/obj/gen/parser.o: $(GEN)/parser.c | $(GEN)/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c | $(GEN)/parser.h $(GEN)/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

# Only the diagram module includes Graphviz headers.
$(BUILD)/obj/compiler/diagram.o: CPPFLAGS += $(GV_CFLAGS)
# Only the test-file reader includes libyaml on the compiler side.
$(BUILD)/obj/compiler/testfile.o: CPPFLAGS += $(YAML_CFLAGS)

$(BUILD)/liburcc.a: $(COMPILER_OBJ)
	rm -f $@
	ar rcs $@ $^

# liburc: the runtime a payer embeds; it never links the compiler.
$(BUILD)/liburc.a: $(RUNTIME_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/runtime/%.o: runtime/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(YAML_CFLAGS) -c -o $@ $<

LIBS = $(BUILD)/liburcc.a $(BUILD)/liburc.a $(YAML_LIBS) -lm

$(URC): $(BUILD)/obj/compiler/main.o $(BUILD)/liburcc.a $(BUILD)/liburc.a
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/obj/compiler/main.o $(LIBS) $(GV_LIBS)

$(UNIT): $(UNIT_OBJ) $(BUILD)/liburcc.a $(BUILD)/liburc.a
	$(CC) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(LIBS) $(CHECK_LIBS)

# Every fuzzer links fuzz_common.o, which needs neither library.
$(FUZZ): $(BUILD)/obj/tests/fuzz/fuzz_check.o $(FUZZ_COMMON) $(BUILD)/liburcc.a $(BUILD)/liburc.a
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/obj/tests/fuzz/fuzz_check.o $(FUZZ_COMMON) $(LIBS)

# The test-file fuzzer builds tables, as `urc test` does: both libraries.
$(BUILD)/fuzz_test: $(BUILD)/obj/tests/fuzz/fuzz_test.o $(FUZZ_COMMON) $(BUILD)/liburcc.a $(BUILD)/liburc.a
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/obj/tests/fuzz/fuzz_test.o $(FUZZ_COMMON) $(LIBS)

# The runtime's fuzzer links liburc alone, as a payer would.
$(BUILD)/fuzz_review: $(BUILD)/obj/tests/fuzz/fuzz_review.o $(FUZZ_COMMON) $(BUILD)/liburc.a
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/obj/tests/fuzz/fuzz_review.o $(FUZZ_COMMON) $(BUILD)/liburc.a $(YAML_LIBS) -lm

# ---- tests ----
unit: $(UNIT)
	$(UNIT)

golden: $(URC)
	sh tests/golden/run.sh $(URC)
	sh tests/golden/dot/run.sh $(URC)
	sh tests/golden/review/run.sh $(URC)
	sh tests/golden/test/run.sh $(URC)
	sh tests/golden/diff/run.sh $(URC)

golden-update: $(URC)
	sh tests/golden/run.sh $(URC) --update
	sh tests/golden/dot/run.sh $(URC) --update
	sh tests/golden/review/run.sh $(URC) --update
	sh tests/golden/test/run.sh $(URC) --update
	sh tests/golden/diff/run.sh $(URC) --update

check: $(URC) $(UNIT)
	$(UNIT)
	sh tests/golden/run.sh $(URC)
	sh tests/golden/dot/run.sh $(URC)
	sh tests/golden/review/run.sh $(URC)
	sh tests/golden/test/run.sh $(URC)
	sh tests/golden/diff/run.sh $(URC)
	$(URC) test guidelines/
	$(URC) check guidelines/
	$(MAKE) --no-print-directory SAN=1 BUILD=$(BUILD)/asan fuzz

fuzz: $(FUZZ) $(BUILD)/fuzz_test $(BUILD)/fuzz_review $(URC)
	$(FUZZ) guidelines tests/golden
	$(BUILD)/fuzz_test --lib tests/golden/test/lib guidelines tests/golden/test
	$(URC) build -o $(BUILD)/fuzz.urt guidelines/
	$(BUILD)/fuzz_review $(BUILD)/fuzz.urt tests/golden/review/cases.yaml tests/golden/review/batch.jsonl tests/golden/review/explain_approval.yaml

# The main job on the shipped library: check it, compile it, draw every
# guideline, and decide the sample requests.
demo: $(URC)
	$(URC) check guidelines/
	$(URC) build -o $(BUILD)/guidelines.urt guidelines/
	@mkdir -p $(BUILD)/diagrams
	$(URC) dot -T svg -o $(BUILD)/diagrams guidelines/
	$(URC) dot -T png -o $(BUILD)/diagrams guidelines/
	@echo "urc: diagrams are in $(BUILD)/diagrams/"
	$(URC) review -t $(BUILD)/guidelines.urt guidelines/examples/requests.yaml

asan:
	$(MAKE) --no-print-directory SAN=1 BUILD=$(BUILD)/asan $(BUILD)/asan/urc $(BUILD)/asan/check_urc
	$(BUILD)/asan/check_urc
	sh tests/golden/run.sh $(BUILD)/asan/urc
	sh tests/golden/review/run.sh $(BUILD)/asan/urc
	$(BUILD)/asan/urc check guidelines/

VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
valgrind: $(URC) $(UNIT)
	@command -v valgrind >/dev/null || { echo "valgrind missing: apt-get install -y valgrind"; exit 1; }
	CK_FORK=no $(VALGRIND) $(UNIT)
	$(VALGRIND) $(URC) check guidelines/
	URC_WRAP="$(VALGRIND)" sh tests/golden/run.sh $(URC)
	URC_WRAP="$(VALGRIND)" sh tests/golden/review/run.sh $(URC)

bench: $(URC)
	sh bench/check_bench.sh $(URC) $(BUILD)/bench
	sh bench/runtime_bench.sh $(URC) $(BUILD)/bench
	sh bench/dot_bench.sh $(URC) $(BUILD)/bench

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
