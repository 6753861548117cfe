"""A listening socket for each server process (SO_REUSEPORT), so that connections are spread
evenly across the processes.

uvicorn's workers all accept from one socket the parent bound, and the kernel hands most new
connections to whichever worker waits in accept at the moment: of wrk's 64 connections, 46
and 47 went to one of two workers (bench/tracking_load.py), which then had more work than a
core could do while the other core idled. Sockets of their own, bound to the same address
with SO_REUSEPORT, have the kernel choose a worker's socket by a hash of each connection's
addresses instead.

The parent keeps one socket, bound but never listening (a listening one would be given its
share of connections, which nobody accepts), and hands it to uvicorn's supervisor as the
socket to pass to each worker. A worker that receives it (multiprocessing pickles it across)
gets a new socket bound to the same address instead: uvicorn's restarts of dead workers and
its SIGTTIN (one worker more) keep working unchanged.
"""

from __future__ import annotations

import logging
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

log = logging.getLogger("uvicorn.error")  # where uvicorn says where it listens


class ListenerForEachWorker(socket.socket):
    """The parent's socket; unpickled in a worker as that worker's own listening socket."""

    def __reduce__(self):
        return _reuse_port_socket, (self.family, self.getsockname())


def bind_for_workers(host: str, port: int) -> socket.socket:
    """The socket to hand to uvicorn's `Multiprocess`; OSError if the address is taken.

    The address is first checked with a plain bind, so that a second server started on the
    same port fails, as it would without SO_REUSEPORT, instead of quietly sharing its
    connections."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        address = probe.getsockname()  # the port chosen, if it was 0
    return _reuse_port_socket(family, address, ListenerForEachWorker)


def _reuse_port_socket(family: int, address: tuple, kind: type = socket.socket) -> socket.socket:
    sock = kind(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def run_workers(config: uvicorn.Config) -> None:
    """What uvicorn.run does for `config.workers` processes, with a listening socket each;
    OSError if the address cannot be listened on."""
    sock = bind_for_workers(config.host, config.port)
    host, port = sock.getsockname()[:2]
    if sock.family == socket.AF_INET6:
        host = f"[{host}]"
    log.info("Uvicorn running on http://%s:%d with %d workers", host, port, config.workers)
    with sock:
        Multiprocess(config, sockets=[sock]).run()
