"""Secrets generated once into AFFILIATE_HOME (the single-machine default for keys)."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


class SecretFileError(RuntimeError):
    pass


def read_or_create(path: Path, make: Callable[[], str], production_hint: str) -> str:
    """The text in `path`, creating it once (mode 0600) with `make()` if it does not exist.

    Written under a temporary name and hard-linked into place, so two processes starting at
    once never read a half-written file nor end up with two different secrets. A file that
    others can read is refused, as ssh refuses a readable private key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
        try:
            with os.fdopen(fd, "w") as f:
                f.write(make() + "\n")
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)
                log.warning("Generated %s; %s", path, production_hint)
            except FileExistsError:
                pass  # another process won the race; use its secret
        finally:
            os.unlink(tmp)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise SecretFileError(f"{path} is readable by other users: run `chmod 600 {path}`")
    return path.read_text().strip()
