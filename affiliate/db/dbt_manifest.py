"""Keep dbt's manifest current: dagster-dbt reads it when the definitions load."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def dbt_executable() -> str:
    """The `dbt` beside this interpreter, so it works without the venv on PATH."""
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def installed_dbt_version(executable: str) -> str | None:
    """dbt-core's version when `executable` is the `dbt` beside this interpreter, else None.

    That script runs the dbt-core installed with this interpreter, so its version is known
    without running it: `dbt --version` takes seconds (it starts dbt and asks the internet for
    the latest release). For any other executable only running it can tell."""
    beside = Path(sys.executable).parent / "dbt"
    if Path(executable).absolute() != beside.absolute():
        return None
    try:
        return version("dbt-core")
    except PackageNotFoundError:
        return None


def manifest_is_stale(project_dir: Path) -> bool:
    manifest = project_dir / "target" / "manifest.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    for folder in ("models", "macros", "tests", "seeds", "snapshots"):
        sources += (project_dir / folder).rglob("*") if (project_dir / folder).exists() else []
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


def ensure_manifest(project_dir: Path) -> Path:
    """Run `dbt parse` when the manifest is missing or older than the project's files."""
    if manifest_is_stale(project_dir):
        result = subprocess.run(
            [
                dbt_executable(),
                "parse",
                "--quiet",
                "--project-dir",
                str(project_dir),
                "--profiles-dir",
                str(project_dir),
            ],
            capture_output=True,
            text=True,
            cwd=project_dir,
        )
        if result.returncode != 0:
            raise RuntimeError(f"dbt parse failed:\n{result.stdout}\n{result.stderr}")
    return project_dir / "target" / "manifest.json"
