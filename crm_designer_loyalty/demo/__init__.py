# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: ``demo_data.xml`` (the manifest's ``demo``) and its generator.

The generator, :class:`.crm_designer_demo.CrmDesignerDemo`, is plain Python on
an environment, not a model: a production database has no model for it. The
demo file sets the demo tier thresholds and minimum payout, then calls
``ir.demo._cdl_load_demo_data()`` (base's model that loads demo data), which
runs :meth:`~.crm_designer_demo.CrmDesignerDemo.load`.

Why a ``<function>`` of the demo file rather than a ``post_init_hook`` testing
``env.ref("base.module_crm_designer_loyalty").demo``: Odoo runs a module's demo
files, never its hooks, wherever demo data is loaded, and handles their
failure:

- at installation with demo data, and later by *Settings > Developer Tools >
  Load demo data* (``ir.demo``, ``odoo.modules.loading.force_demo``), which
  loads the demo files of the installed modules: a hook would run in the
  first case only and leave the second with the demo thresholds but no data;
- in a savepoint: if the demo data fails (a company without chart of
  accounts), the module is installed without it and the failure is listed
  (``ir.demo_failure``), where a failing hook aborts the installation.

Core ``account`` does the same: ``account/demo/account_demo.xml`` calls
``account.chart.template._install_demo``, which loads the generated demo data
of ``account/demo/account_demo.py``.
"""

from . import ir_demo
