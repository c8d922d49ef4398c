"""Fetch the pinned Wix SDK packages (``sdk_packages.txt``) with ``npm pack``, when missing.

Run by ``make contract-packages``. Each package is unpacked into
``tests/contract/.sdk-packages/<name>@<version>/package/`` (only ``package.json`` and the
``build/cjs`` files the contract test reads). An existing folder is kept, so a warm run costs
no network.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.contract.sdk_spec import PACKAGES_DIR, package_dir, pins

WANTED = (
    "package/package.json",
    "package/build/cjs/index.js",
    "package/build/cjs/meta.js",
    "package/build/cjs/meta.d.ts",
)


def fetch(name: str, version: str) -> None:
    """``npm pack name@version`` into a temp dir, then unpack the files we read."""
    target = package_dir(name, version)
    if all((target / member).is_file() for member in WANTED):
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["npm", "pack", "--silent", "--pack-destination", tmp, f"{name}@{version}"],
            check=True,
            capture_output=True,
            text=True,
        )
        tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as tar:
            members = [tar.getmember(m) for m in WANTED]
            tar.extractall(target, members=members, filter="data")
    print(f"fetched {name}@{version}")


def main() -> None:
    PACKAGES_DIR.mkdir(parents=True, exist_ok=True)
    for name, version in pins():
        fetch(name, version)


if __name__ == "__main__":
    main()
