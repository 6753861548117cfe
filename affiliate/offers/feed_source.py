"""Open a marketplace feed as a byte stream, whether it arrives zipped or as plain XML."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

ZIP_MAGIC = b"PK\x03\x04"


class FeedError(Exception):
    """The feed as a whole cannot be read (not XML, wrong root, unusable archive)."""


class _PrefixedStream(io.RawIOBase):
    """A stream that replays bytes already read for sniffing, then continues the original.

    Sniffing by reading lets non-seekable sources (pipes, HTTP bodies) work too.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@contextmanager
def open_feed(source: BinaryIO | bytes | Path | str) -> Iterator[BinaryIO]:
    """Yield the feed's XML bytes as a stream; a ``.zip`` must hold exactly one ``.xml``.

    Zips are detected by their magic bytes, not the file name, because downloaded feeds are
    often saved under names that do not say what they are.
    """
    if isinstance(source, bytes | bytearray):
        stream: BinaryIO = io.BytesIO(bytes(source))
        owned = False
    elif isinstance(source, str | Path):
        try:
            stream = open(source, "rb")  # noqa: SIM115 - closed in the finally below
        except OSError as exc:
            raise FeedError(f"cannot open feed file {source}: {exc.strerror}") from exc
        owned = True
    else:
        stream, owned = source, False
    try:
        head = stream.read(len(ZIP_MAGIC))
        if head != ZIP_MAGIC:
            yield io.BufferedReader(_PrefixedStream(head, stream))  # type: ignore[arg-type]
            return
        # zipfile needs random access; only a stream that cannot seek is read into memory.
        if stream.seekable():
            stream.seek(-len(head), io.SEEK_CUR)
            archive_source: BinaryIO = stream
        else:
            archive_source = io.BytesIO(head + stream.read())
        with _single_xml_member(archive_source) as member:
            yield member
    finally:
        if owned:
            stream.close()


@contextmanager
def _single_xml_member(archive_source: BinaryIO) -> Iterator[BinaryIO]:
    try:
        archive = zipfile.ZipFile(archive_source)
    except zipfile.BadZipFile as exc:
        raise FeedError(f"feed looks like a zip but cannot be opened: {exc}") from exc
    with archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".xml")]
        if len(names) != 1:
            raise FeedError(
                f"zipped feed must contain exactly one .xml file, found {len(names)}: "
                f"{names or archive.namelist()}"
            )
        with archive.open(names[0]) as member:
            yield member  # type: ignore[misc]
