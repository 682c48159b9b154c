"""The bundled departments; shipped inside the package as selfeval.params (see pyproject.toml)."""
