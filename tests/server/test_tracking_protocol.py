"""The hot paths answered from uvicorn's HTTP parser (`TrackingHttpProtocol`), as `affiliate
serve` runs them: HTTP/1.1 on raw sockets — keep-alive, pipelining in order with requests for
the app, Expect: 100-continue, chunked and oversized bodies, HTTP/1.0, the idle timeout."""

import json
import socket
import time

import pytest
import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.server.app import create_app
from affiliate.server.thread import ServerThread
from tests.hotmart_payloads import envelope
from tests.tracking_links import make_link

TOKEN = "test-hottok"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.scalar(sa.text(f"select count(*) from app.{table}"))


@pytest.fixture
def server(db_url, clean_db):
    make_link(clean_db, "abc123", network="clickbank")
    app = create_app(db_url, Settings(hotmart_hottok=TOKEN))
    with ServerThread(app, timeout_keep_alive=1).start() as running:
        yield running


def connect(server) -> socket.socket:
    return socket.create_connection((server.host, server.port), timeout=10)


def webhook(event_id: str, *, chunked: bool = False, extra: str = "") -> bytes:
    body = json.dumps(envelope(event_id=event_id, transaction=f"T-{event_id}")).encode()
    head = "POST /api/webhooks/hotmart HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
    head += f"X-HOTMART-HOTTOK: {TOKEN}\r\n{extra}"
    if chunked:
        half = len(body) // 2
        parts = [body[:half], body[half:]]
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
        return (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + chunks
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def get(path: str, version: str = "1.1") -> bytes:
    return f"GET {path} HTTP/{version}\r\nHost: t\r\nUser-Agent: {BROWSER}\r\n\r\n".encode()


class Responses:
    """Reads answers one after another from a socket (they all carry a content-length)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.buffer = sock, b""

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("closed by the server")
        self.buffer += data

    def next(self) -> tuple[int, dict[str, str], bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines)
        length = int(headers.get("content-length", 0))
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return int(status_line.split()[1]), headers, body

    def closed(self) -> bool:
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True


def test_many_requests_on_one_connection_hot_and_not(server, clean_db):
    sock = connect(server)
    answers = Responses(sock)
    for n in range(3):
        sock.sendall(get(f"/r/abc123?sub1=n{n}"))
        status, headers, _ = answers.next()
        assert status == 302 and "tid=" in headers["location"]
        sock.sendall(webhook(f"keep-{n}"))
        assert answers.next()[0] == 200
        sock.sendall(get("/api/ping"))
        assert answers.next()[:1] == (200,)
    sock.close()
    assert count(clean_db, "webhook_inbox") == 3


def test_pipelined_answers_come_in_request_order(server, clean_db):
    # Hot paths only: a redirect answered at once waits behind a webhook's commit.
    sock = connect(server)
    sock.sendall(
        webhook("hot-1") + get("/r/abc123") + get("/api/webhooks/nowhere") + webhook("hot-2")
    )
    answers = Responses(sock)
    assert [answers.next()[0] for _ in range(4)] == [200, 302, 404, 200]
    sock.close()
    sock = connect(server)
    # One write: a webhook (answered only once committed), a request for the app, a
    # redirect, an unknown network, a second webhook, and the app again.
    sock.sendall(
        webhook("pipe-1")
        + get("/api/ping")
        + get("/r/abc123")
        + get("/api/webhooks/nowhere")
        + webhook("pipe-2")
        + get("/api/health")
    )
    answers = Responses(sock)
    got = [answers.next() for _ in range(6)]
    assert [status for status, _, _ in got] == [200, 200, 302, 404, 200, 200]
    assert json.loads(got[1][2]) == {"ok": True}  # the app's ping
    assert "tid=" in got[2][1]["location"]
    assert json.loads(got[5][2]) == {"status": "ok", "database": "ok"}
    sock.close()
    assert count(clean_db, "webhook_inbox") == 4


def test_expect_100_continue_and_a_chunked_body(server, clean_db):
    sock = connect(server)
    request = webhook("expecting", extra="Expect: 100-continue\r\n")
    head, body = request.split(b"\r\n\r\n", 1)
    sock.sendall(head + b"\r\n\r\n")
    assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
    sock.sendall(body)
    answers = Responses(sock)
    assert answers.next()[0] == 200
    sock.sendall(webhook("chunked", chunked=True))
    assert answers.next()[0] == 200
    sock.close()
    assert count(clean_db, "webhook_inbox") == 2


def test_an_oversized_body_is_refused_before_it_is_read(db_url, clean_db):
    app = create_app(db_url, Settings(hotmart_hottok=TOKEN, webhook_max_body_bytes=2000))
    with ServerThread(app).start() as running:
        sock = connect(running)
        request = webhook("big", extra="Expect: 100-continue\r\n")
        head = request.split(b"\r\n\r\n", 1)[0].replace(b"Content-Length:", b"X-Old:")
        sock.sendall(head + b"\r\nContent-Length: 5000000\r\n\r\n")
        answers = Responses(sock)
        status, headers, body = answers.next()
        assert status == 413 and headers["connection"] == "close"
        assert "5000000" in json.loads(body)["error"]
        assert answers.closed()
        # Chunked, with no length given: refused once it passes the limit.
        sock = connect(running)
        chunk = b"x" * 1500
        sock.sendall(
            b"POST /api/webhooks/hotmart HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
            b"X-HOTMART-HOTTOK: " + TOKEN.encode() + b"\r\n\r\n"
            b"%x\r\n%s\r\n%x\r\n%s\r\n" % (len(chunk), chunk, len(chunk), chunk)
        )
        answers = Responses(sock)
        assert answers.next()[0] == 413 and answers.closed()
    assert count(clean_db, "webhook_inbox") == 0


def test_http_1_0_and_connection_close_get_their_answer_then_the_connection_ends(server):
    closing = get("/r/abc123").replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n")
    for request in (get("/r/abc123", "1.0"), closing):
        sock = connect(server)
        sock.sendall(request)
        answers = Responses(sock)
        status, headers, _ = answers.next()
        assert status == 302 and headers["connection"] == "close"
        assert answers.closed()


def test_a_link_made_after_start_is_looked_up_and_unknown_codes_get_404(server, clean_db):
    make_link(clean_db, "fresh1")
    sock = connect(server)
    answers = Responses(sock)
    sock.sendall(get("/r/fresh1") + get("/r/nope") + get("/r/fresh1"))
    assert [answers.next()[0] for _ in range(3)] == [302, 404, 302]
    sock.close()


def test_an_idle_connection_is_closed_after_the_keep_alive_timeout(server):
    sock = connect(server)
    sock.sendall(get("/r/abc123"))
    answers = Responses(sock)
    assert answers.next()[0] == 302
    started = time.monotonic()
    assert answers.closed()  # timeout_keep_alive=1 in the fixture
    assert 0.5 < time.monotonic() - started < 5
