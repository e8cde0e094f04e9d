# SPDX-License-Identifier: GPL-2.0
#
#   make                 module (for KVER/KDIR) and user-space tools
#   make deps            install everything build, demo and tests need (root)
#   make check           deps, build, host unit tests, then the selftests in one
#                        VM boot per target kernel; ends with "N passed, N failed"
#   make demo            the main job: a demo in a VM
#   make debug-kernel    build (once, cached) the KASAN/lockdep/kmemleak kernel
#   make KVER=6.12.95+deb12-amd64    build the module for another kernel

# Default kernel: the running one if its build tree exists, else the newest
# installed one that has a build tree.
KVER ?= $(shell k=$$(uname -r); if [ -e /lib/modules/$$k/build/Makefile ]; then echo $$k; \
	else ls -d /lib/modules/*/build 2>/dev/null | cut -d/ -f4 | sort -V | tail -n1; fi)
KDIR ?= /lib/modules/$(KVER)/build

all: module tools

module:
	@[ -n "$(KVER)" ] && [ -e "$(KDIR)/Makefile" ] || \
		{ echo "no kernel build tree for '$(KVER)' at $(KDIR); run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools/cryptoctl
	$(MAKE) -C selftests

deps:
	scripts/install-deps

check: deps
	scripts/check

demo: deps
	scripts/demo

debug-kernel: deps
	scripts/build-debug-kernel

# Kernel style checks on the module sources (checkpatch from linux-source,
# sparse through the kernel build).
lint:
	/var/cache/espgw/scripts/checkpatch.pl --no-tree --strict --terse \
		--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,LINUX_VERSION_CODE,CONSTANT_COMPARISON -f $(filter-out %.mod.c,$(wildcard kmod/*.[ch])) \
		include/uapi/linux/espgw.h
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 modules

clean:
	-[ -e "$(KDIR)/Makefile" ] && $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/cryptoctl clean
	$(MAKE) -C selftests clean
	rm -rf build

.PHONY: all module tools deps check demo debug-kernel lint clean
