"""The evidence manifest: every file of an output folder, inputs included, with its SHA-256, and its verification.

manifest.json lists every file under the folder by its path relative to the folder, except itself and
manifest.sha256, which holds the manifest's own SHA-256 in `sha256sum` format. That hash is what a reviewer
writes down or signs: `selfeval verify DIR --expect HASH` then proves the folder is the one signed.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from .files import LOCK, WriteFailed, write_atomic

MANIFEST = "manifest.json"
MANIFEST_SHA = "manifest.sha256"
UNLISTED = (MANIFEST, MANIFEST_SHA, LOCK)  # at the top of the folder only: the same names below are hashed
_HEX = frozenset("0123456789abcdef")


class ManifestError(ValueError):
    """manifest.json is not a manifest selfeval can read (cut short, not UTF-8, rows without their keys)."""
FORMAT = 2  # 2: paths relative to the folder, inputs copied into it
TOOLS = ("selfeval", "papermill", "nbconvert", "nbclient", "ipykernel", "pandas")


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entry(path: Path, name: str) -> dict[str, object]:
    """One manifest row: the name it is listed under, its size and hash."""
    return {"path": name, "size": path.stat().st_size, "sha256": sha256(path)}


def tool_versions(chromium: str | None) -> dict[str, str]:
    """Versions of the packages that made the evidence, and of the browser that printed it."""
    found = {}
    for name in TOOLS:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    found["chromium"] = chromium or "not used"
    return found


def output_files(out_dir: Path) -> list[Path]:
    """Every file under the folder except the manifest, its hash file and the folder's lock, in a stable order.

    As rglob("*") and is_file() find them (links to files included, linked folders not entered, an unreadable
    folder skipped) in Path order, but from os.scandir's entries: a province's 40,000 files took 1.5 s so.
    """
    found: list[tuple[str, ...]] = []
    _walk(str(out_dir), (), found)
    return [out_dir.joinpath(*parts) for parts in sorted(found) if len(parts) > 1 or parts[0] not in UNLISTED]


def _walk(folder: str, parts: tuple[str, ...], found: list[tuple[str, ...]]) -> None:
    """Add the parts (below the folder walked from) of every file under `folder` to `found`."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except PermissionError:
        return
    for entry in listed:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, (*parts, entry.name), found)
        elif entry.is_file():
            found.append((*parts, entry.name))


def relative(path: Path, out_dir: Path) -> str:
    """A path inside the folder as the manifest names it: relative, with forward slashes."""
    return path.resolve().relative_to(out_dir.resolve()).as_posix()


def write_manifest(out_dir: Path, inputs: list[dict[str, str]], meta: dict[str, object]) -> str:
    """Hash every file of the folder, write manifest.json and manifest.sha256; return the manifest's SHA-256.

    `inputs` are rows {path (relative to the folder), kind, source}: which files are the run's inputs.
    """
    manifest = {"format": FORMAT, **meta}
    manifest["files"] = [file_entry(p, relative(p, out_dir)) for p in output_files(out_dir)]
    manifest["inputs"] = inputs
    data = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    try:
        write_atomic(out_dir / MANIFEST, data)
        write_atomic(out_dir / MANIFEST_SHA, f"{digest}  {MANIFEST}\n")
    except WriteFailed:
        # The folder has changed since any earlier manifest: none is better than one that misleads.
        for name in (MANIFEST, MANIFEST_SHA):
            with suppress(OSError):
                (out_dir / name).unlink()
        raise
    return digest


def run_meta(started: datetime, chromium: str | None, departments: list[dict]) -> dict[str, object]:
    """What a manifest says about the run: tool versions, start and end (UTC), each department."""
    return {"tool": "selfeval", "versions": tool_versions(chromium),
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"), "departments": departments}


@dataclass
class Verification:
    """What differs between a folder and its manifest, and whether the manifest is the one expected."""

    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)   # listed paths that do not lie inside the folder
    digest: str = ""                                   # SHA-256 of manifest.json as found
    expected: str | None = None                        # the SHA-256 asked for (--expect)
    recorded: str | None = None                        # what manifest.sha256 says (None: no such file)

    @property
    def digest_ok(self) -> bool:
        """Whether manifest.json is the one expected, and agrees with manifest.sha256 when there is one."""
        expected_ok = self.expected is None or self.digest == self.expected.strip().lower()
        return expected_ok and (self.recorded is None or self.recorded == self.digest)

    @property
    def ok(self) -> bool:
        """Whether the folder is exactly as the manifest says, and the manifest the one expected."""
        return not (self.added or self.missing or self.changed or self.outside) and self.digest_ok


class _Inside:
    """Whether listed paths stay inside a folder: relative, no `..`, and not through a link that leaves it.

    Each listed folder is resolved once and then only each file's own name is asked whether it is a link:
    resolving every path in full asked the system about each part of it, a third of a province's verify.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.root = str(out_dir.resolve())
        self.folders: dict[str, str] = {}

    def __call__(self, name: str) -> bool:
        pure = PurePosixPath(name)
        if not name or pure.is_absolute() or ".." in pure.parts or name.startswith("\\"):
            return False
        try:
            folder = str(pure.parent)
            if folder not in self.folders:
                self.folders[folder] = str((self.out_dir / folder).resolve())
            leaf = os.path.join(self.folders[folder], pure.name)
            resolved = str(Path(leaf).resolve()) if os.path.islink(leaf) else leaf
        except (OSError, RuntimeError):  # a link loop: nothing it names lies in the folder
            return False
        return resolved == self.root or resolved.startswith(self.root.rstrip("/") + "/")


def _recorded(out_dir: Path) -> str | None:
    """The hash manifest.sha256 records, "" when it is unreadable, None when there is no such file."""
    try:
        text = (out_dir / MANIFEST_SHA).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""
    return text.split()[0].lower() if text.split() else ""


def _rows(manifest: object, key: str, fields: dict[str, type]) -> list[dict]:
    """The rows under `key`, each a mapping with `fields` of their types; ManifestError naming the first that is not."""
    rows = manifest.get(key) if isinstance(manifest, dict) else None
    if not isinstance(rows, list):
        raise ManifestError(f"没有 {key} 列表")
    for n, row in enumerate(rows):
        for name, kind in fields.items():
            value = row.get(name) if isinstance(row, dict) else None
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ManifestError(f"{key}[{n}] 缺少 {name}，或不是{'整数' if kind is int else '文本'}")
    return rows


def read_manifest(out_dir: Path) -> dict:
    """DIR/manifest.json, checked to be one selfeval wrote the shape of; ManifestError saying what is wrong."""
    try:
        text = (out_dir / MANIFEST).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError("不是 UTF-8 编码的文本") from None
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"不是完整的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
    for row in _rows(manifest, "files", {"path": str, "size": int, "sha256": str}):
        if len(row["sha256"]) != 64 or not _HEX.issuperset(row["sha256"]):
            raise ManifestError(f"files 中 {row['path']!r} 的 sha256 不是 64 位十六进制数")
    _rows(manifest, "inputs", {"path": str})
    if "departments" in manifest:
        _rows(manifest, "departments", {"id": str})
    return manifest


def _promised(out_dir: Path, manifest: dict, listed: set[str]) -> list[str]:
    """Outputs the manifest's departments and the status records name that the manifest does not list."""
    promises = [("manifest.json departments", d.get("outputs", [])) for d in manifest.get("departments", [])]
    for name in sorted(n for n in listed if n.startswith("status/") and n.endswith(".json")):
        try:
            record = json.loads((out_dir / name).read_text(encoding="utf-8"))
            promises.append((name, list(record.get("outputs", {}).values())))
        except (OSError, ValueError, AttributeError):
            continue  # not a record (or unreadable): its own row says whether it changed
    return [f"{output} (named by {where}, not among the manifest's files)" for where, outputs in promises
            for output in (outputs if isinstance(outputs, list) else []) if output not in listed]


def _same(files: list[tuple[str, Path, dict]]) -> list[bool]:
    """Whether each file still has its row's size and hash."""
    return [path.stat().st_size == row["size"] and sha256(path) == row["sha256"] for _, path, row in files]


def _compared(files: list[tuple[str, Path, dict]]) -> list[bool]:
    """_same of every file, in order, a thread per core each hashing every n-th file: reads and hashlib let go of
    the GIL (2000 province departments: 1.25 s in one thread, 0.8 s in two; a future per file was slower)."""
    hashers = min(4, len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else 1
    if hashers < 2 or len(files) < 2 * hashers:
        return _same(files)
    with ThreadPoolExecutor(hashers) as pool:
        shares = list(pool.map(_same, [files[k::hashers] for k in range(hashers)]))
    merged = [False] * len(files)
    for k, share in enumerate(shares):
        merged[k::hashers] = share
    return merged


def verify(out_dir: Path, expect: str | None = None) -> Verification:
    """Recompute every hash in DIR/manifest.json; report files added, missing or changed, and the manifest's own hash.

    An output a department's record promises is missing unless the manifest lists it too. ManifestError when
    manifest.json cannot be read as a manifest.
    """
    manifest = read_manifest(out_dir)
    result = Verification(digest=sha256(out_dir / MANIFEST), expected=expect, recorded=_recorded(out_dir))
    listed = {row["path"]: row for row in manifest["files"]}
    present = {p.relative_to(out_dir).as_posix() for p in output_files(out_dir)}
    result.added = sorted(present - listed.keys())
    inside = _Inside(out_dir)
    kept: list[tuple[str, Path, dict]] = []  # the files to compare, in the manifest's order
    for name, row in listed.items():
        path = out_dir / name
        if not inside(name):
            result.outside.append(name)
        elif not path.is_file():
            result.missing.append(name)
        else:
            kept.append((name, path, row))
    result.changed += [name for (name, _, _), same in zip(kept, _compared(kept)) if not same]
    result.missing += sorted(set(_promised(out_dir, manifest, set(listed))))
    for row in manifest["inputs"]:
        name = row["path"]
        if not inside(name):
            result.outside.append(f"input {name}")
        elif name not in listed:
            result.missing.append(f"input {name}")
    return result
