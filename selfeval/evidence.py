"""The evidence manifest: every file a batch wrote and read, with its SHA-256, and its verification."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .files import write_atomic

MANIFEST = "manifest.json"
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
    """Every file under the output folder except the manifest itself, in a stable order."""
    return sorted(p for p in out_dir.rglob("*") if p.is_file() and p.name != MANIFEST)


def write_manifest(out_dir: Path, inputs: list[Path], meta: dict[str, object]) -> Path:
    """Hash every output and input file and write DIR/manifest.json atomically."""
    manifest = dict(meta)
    manifest["files"] = [file_entry(p, p.relative_to(out_dir).as_posix()) for p in output_files(out_dir)]
    manifest["inputs"] = [file_entry(p, str(p.resolve())) for p in inputs if p.is_file()]
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False)
    return write_atomic(out_dir / MANIFEST, text + "\n")


@dataclass
class Verification:
    """What differs between a folder and its manifest."""

    added: list[str]
    missing: list[str]
    changed: list[str]

    @property
    def ok(self) -> bool:
        """Whether the folder is exactly as the manifest says."""
        return not (self.added or self.missing or self.changed)


def verify(out_dir: Path) -> Verification:
    """Recompute every hash in DIR/manifest.json; report files added, missing or changed since."""
    manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    listed = {row["path"]: row for row in manifest["files"]}
    present = {p.relative_to(out_dir).as_posix() for p in output_files(out_dir)}
    result = Verification(sorted(present - listed.keys()), [], [])
    checks = [(out_dir / name, name, row) for name, row in listed.items()]
    checks += [(Path(row["path"]), f"input {row['path']}", row) for row in manifest.get("inputs", [])]
    for path, name, row in checks:
        if not path.is_file():
            result.missing.append(name)
        elif path.stat().st_size != row["size"] or sha256(path) != row["sha256"]:
            result.changed.append(name)
    return result
