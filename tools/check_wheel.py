# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Build the addon's wheel as a company would (``pip wheel --no-deps`` on
``crm_designer_loyalty/``, whool build backend) and check its name, its version
(the manifest's, with whool's ``.N`` post-version suffix when commits follow the
last version change) and its requirements: Odoo 18.0 and the OCA addons of
``requirements.txt`` (``odoo-addon-*``), the ones of the manifest's depends.
Usage: python3 tools/check_wheel.py [--isolated]; exits 1 on a mismatch."""

import ast
import re
import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDON = "crm_designer_loyalty"


def build(outdir, isolated):
    """The wheel built into ``outdir``: with whool from the index when
    ``isolated``, else with the whool installed here (tools/env.sh)."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q"]
    command += ["--disable-pip-version-check", "--wheel-dir", str(outdir)]
    if not isolated:
        command.append("--no-build-isolation")
    subprocess.run([*command, str(REPO / ADDON)], check=True)
    (wheel,) = Path(outdir).glob("*.whl")
    return wheel


def expected():
    manifest = ast.literal_eval((REPO / ADDON / "__manifest__.py").read_text())
    oca = {
        line.strip()
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.startswith("odoo-addon-")
    }
    return manifest["version"], oca | {"odoo==18.0.*"}


def check(wheel):
    version, requirements = expected()
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    errors = []
    if metadata["Name"] != f"odoo-addon-{ADDON}":
        errors.append(f"name {metadata['Name']!r}, not 'odoo-addon-{ADDON}'")
    if not re.fullmatch(re.escape(version) + r"(\.\d+)?", metadata["Version"]):
        errors.append(f"version {metadata['Version']} is not the manifest's {version}")
    found = set(metadata.get_all("Requires-Dist") or [])
    if found != requirements:
        errors.append(f"requirements {sorted(found)}, expected {sorted(requirements)}")
    for path in ("__manifest__.py", "i18n/ru.po", "security/ir.model.access.csv"):
        if f"odoo/addons/{ADDON}/{path}" not in names:
            errors.append(f"odoo/addons/{ADDON}/{path} missing from the wheel")
    return metadata, errors


def main():
    with tempfile.TemporaryDirectory() as outdir:
        wheel = build(outdir, "--isolated" in sys.argv)
        metadata, errors = check(wheel)
    for error in errors:
        print(f"wheel {wheel.name}: {error}")
    if errors:
        return 1
    requirements = ", ".join(sorted(metadata.get_all("Requires-Dist")))
    print(f"wheel {wheel.name}: {metadata['Version']}, requires {requirements}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
