"""Time the demo data generator at two sizes and print the scaling ratio.

Usage: python3 benchmarks/demo_data_load.py -c .build/odoo.conf -d <database>
(the database must have crm_designer_loyalty installed; everything is rolled back).
"""

import argparse
import importlib
import time

import odoo
from odoo.tools import config

SIZES = [(5, 50, 24), (20, 200, 24)]  # (designers, clients, months)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    # importable once the registry loaded the addons path
    demo = importlib.import_module(
        "odoo.addons.crm_designer_loyalty.demo.crm_designer_demo"
    )
    results = []
    for designers, clients, months in SIZES:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            start = time.perf_counter()
            data = demo.CrmDesignerDemo(env).generate(designers, clients, months)
            env.flush_all()
            elapsed = time.perf_counter() - start
            orders = len(data["orders"])
            results.append((clients, orders, elapsed))
            print(
                f"{clients} clients: {orders} orders, {len(data['invoices'])} "
                f"invoices, {len(data['payments'])} payments in {elapsed:.1f} s "
                f"({1000 * elapsed / orders:.0f} ms per order)"
            )
            cr.rollback()
    (_c1, o1, t1), (_c2, o2, t2) = results
    print(f"orders x{o2 / o1:.1f} -> time x{t2 / t1:.1f} (linear when equal)")


if __name__ == "__main__":
    main()
