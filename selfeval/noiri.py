"""Imported before nbformat, by the modules that run and export notebooks: jsonschema without its IRI grammar.

jsonschema imports rfc3987_syntax, when installed, for its "iri" format checks, and building that grammar
costs ~1.4-1.9 s of start-up in every process that imports nbformat (a batch's own and each worker's).
Notebook schemas use no IRI formats, so these processes go without it; jsonschema skips a format checker
whose module cannot be imported. Kernels and other processes keep jsonschema as it is.
"""
import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
