"""Read a YAML file safely: UTF-8 only, no aliases, numbers kept as the Decimal they were written as."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from .errors import InputError, Problem

MAX_BYTES = 1_000_000
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: ~10× faster
_SPECIAL = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}


class DecimalLoader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader that refuses aliases and reads floats as Decimal from their text."""

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        # A node met twice is an alias; refusing them rules out "billion laughs" documents.
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in a params file", node.start_mark
            )
        return super().construct_object(node, deep)


def _construct_decimal(loader: yaml.Loader, node: yaml.ScalarNode) -> Decimal | str:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(_SPECIAL.get(text.lower(), text))
    except InvalidOperation:
        return text  # e.g. YAML 1.1 sexagesimal; the schema reports it as not a number


DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "not UTF-8"
        try:
            raw.decode("gb18030")
            hint = "not UTF-8 (it looks like GBK/GB18030); save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise InputError([Problem(file, f"byte {exc.start}", hint)]) from None


def read_yaml(path: str | Path) -> object:
    """Parse one YAML file, raising InputError (never a YAML or OS traceback)."""
    file = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError([Problem(file, "", "file not found")]) from None
    except OSError as exc:
        raise InputError([Problem(file, "", f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(file, "", f"larger than {MAX_BYTES} bytes; not a params file")])
    text = _decode(raw, file)
    try:
        return yaml.load(text, Loader=DecimalLoader)  # noqa: S506 - DecimalLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise InputError([Problem(file, where, f"invalid YAML: {what}")]) from None
