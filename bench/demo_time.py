"""How long a new user waits: `make demo` from a fresh clone, twice (issue #2: < 5 minutes).

Clones the repository's HEAD into a temporary folder, runs `make demo` there (venv creation
and dependency installs included; pip's wheel cache is whatever this machine has) and again
(warm), and prints both durations. Ports 8000 and 8100 must be free.

    .venv/bin/python bench/demo_time.py [--keep]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], cwd: Path, log: Path) -> float:
    started = time.monotonic()
    with log.open("w") as out:
        result = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}); see {log}")
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the clone for inspection")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="affiliate-bench-"))
    clone = workdir / "clone"
    try:
        subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
        cold = timed(["make", "demo"], clone, workdir / "demo-cold.log")
        warm = timed(["make", "demo"], clone, workdir / "demo-warm.log")
        print(f"make demo, fresh clone (venv + install + lifecycle): {cold:6.1f} s")
        print(f"make demo, second run (idempotent re-run):          {warm:6.1f} s")
        print(f"goal: under 300 s from a fresh clone — {'met' if cold < 300 else 'NOT met'}")
    finally:
        subprocess.run(
            [str(clone / ".venv/bin/affiliate"), "db", "down"], cwd=clone, capture_output=True
        )
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
