.PHONY: test run
# Both targets set up everything themselves (PostgreSQL 15, Python deps, Odoo 18.0): see tools/env.sh.
test:
	@bash tools/test.sh
run:
	@bash tools/run.sh
