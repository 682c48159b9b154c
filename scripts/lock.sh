#!/usr/bin/env bash
# Refresh requirements.lock: resolve pyproject.toml's pins (with the test and dask extras) in a
# throw-away venv and record every installed distribution, transitive ones included, by version.
# Run it after changing a pin in pyproject.toml, then commit both files together.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade 'setuptools>=68'
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check '.[test,dask]'
{
  echo "# Every Python package the set-up installs, transitive ones included. Made by scripts/lock.sh from"
  echo "# pyproject.toml's pins; scripts/setup.sh installs exactly this set. Do not edit by hand."
  "$tmp/venv/bin/python" -m pip freeze --all --disable-pip-version-check --exclude pip --exclude selfeval
} > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) packages" >&2
