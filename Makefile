# Shortcuts; the scripts do the work and install what they need themselves.
.PHONY: setup run test bench

setup:
	bash scripts/setup.sh

run:
	bash scripts/main.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/setup.sh
	.venv/bin/python bench/check.py 10000
