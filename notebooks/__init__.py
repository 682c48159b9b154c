"""The report and audit notebooks; shipped inside the package as selfeval.notebooks (see pyproject.toml)."""
