"""The evidence manifest: every file of an output folder, inputs included, with its SHA-256, and its verification.

manifest.json lists every file under the folder by its path relative to the folder, except itself and
manifest.sha256, which holds the manifest's own SHA-256 in `sha256sum` format. That hash is what a reviewer
writes down or signs: `selfeval verify DIR --expect HASH` then proves the folder is the one signed.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from .files import write_atomic

MANIFEST = "manifest.json"
MANIFEST_SHA = "manifest.sha256"
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
    """Every file under the folder except the manifest and its hash file, in a stable order."""
    return sorted(p for p in out_dir.rglob("*")
                  if p.is_file() and not (p.parent == out_dir and p.name in (MANIFEST, MANIFEST_SHA)))


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
    write_atomic(out_dir / MANIFEST, data)
    digest = hashlib.sha256(data).hexdigest()
    write_atomic(out_dir / MANIFEST_SHA, f"{digest}  {MANIFEST}\n")
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


def _inside(name: str) -> bool:
    """Whether a listed path stays inside the folder (relative, no `..`)."""
    pure = PurePosixPath(name)
    return bool(name) and not pure.is_absolute() and ".." not in pure.parts and not name.startswith("\\")


def _recorded(out_dir: Path) -> str | None:
    """The hash manifest.sha256 records, "" when it is unreadable, None when there is no such file."""
    try:
        text = (out_dir / MANIFEST_SHA).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""
    return text.split()[0].lower() if text.split() else ""


def verify(out_dir: Path, expect: str | None = None) -> Verification:
    """Recompute every hash in DIR/manifest.json; report files added, missing or changed, and the manifest's own hash."""
    result = Verification(digest=sha256(out_dir / MANIFEST), expected=expect, recorded=_recorded(out_dir))
    manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    listed = {row["path"]: row for row in manifest.get("files", [])}
    present = {p.relative_to(out_dir).as_posix() for p in output_files(out_dir)}
    result.added = sorted(present - listed.keys())
    for name, row in listed.items():
        path = out_dir / name
        if not _inside(name):
            result.outside.append(name)
        elif not path.is_file():
            result.missing.append(name)
        elif path.stat().st_size != row["size"] or sha256(path) != row["sha256"]:
            result.changed.append(name)
    for row in manifest.get("inputs", []):
        name = str(row.get("path", ""))
        if not _inside(name):
            result.outside.append(f"input {name}")
        elif name not in listed:
            result.missing.append(f"input {name}")
    return result
