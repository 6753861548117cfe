"""fetch_page over real HTTP (the sandbox) and through an injected httpx transport."""

import socket

import httpx
import pytest

from affiliate.offers.review import FetchError, fetch_page
from affiliate.sandbox.catalog import catalog


def outcome(url: str, **kwargs) -> str:
    with pytest.raises(FetchError) as caught:
        fetch_page(url, **kwargs)
    return caught.value.outcome


def test_fetches_a_sandbox_landing_page(sandbox) -> None:
    product = catalog(7, 300)[0]
    html = fetch_page(f"{sandbox.url}/network/go/{product.id}")
    assert f"<title>{product.title}</title>" in html


def test_errors_become_short_outcomes(sandbox) -> None:
    assert outcome(f"{sandbox.url}/network/go/NOSUCHTHING") == "http-404"
    assert outcome(f"{sandbox.url}/network/go/{catalog(7, 300)[0].id}", max_bytes=500) == (
        "too-large"
    )
    assert outcome("file:///etc/passwd") == "bad-scheme"
    assert outcome("ftp://example.com/page") == "bad-scheme"
    assert outcome("javascript:alert(1)") == "bad-scheme"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    assert outcome(f"http://127.0.0.1:{closed}/sales") == "connect-error"


def fake_site(request: httpx.Request) -> httpx.Response:
    routes = {
        "/moved": httpx.Response(302, headers={"location": "/page"}),
        "/to-file": httpx.Response(302, headers={"location": "file:///etc/passwd"}),
        "/page": httpx.Response(200, html="<h1>Olá</h1>"),
        "/latin1": httpx.Response(
            200, headers={"content-type": "text/html"},
            content='<meta charset="iso-8859-1"><p>Garantia de 7 dias, sem questionário</p>'
            .encode("latin-1"),
        ),
        "/pdf": httpx.Response(200, headers={"content-type": "application/pdf"}, content=b"%"),
        "/huge": httpx.Response(200, html="x" * 3_000_000),
    }  # fmt: skip
    if request.url.path == "/slow":
        raise httpx.ReadTimeout("no answer", request=request)
    return routes[request.url.path]


@pytest.fixture
def client():
    with httpx.Client(transport=httpx.MockTransport(fake_site), follow_redirects=True) as c:
        yield c


def test_redirects_charsets_type_size_and_timeouts(client: httpx.Client) -> None:
    assert fetch_page("https://shop.test/moved", client=client) == "<h1>Olá</h1>"
    assert "questionário" in fetch_page("https://shop.test/latin1", client=client)
    assert outcome("https://shop.test/to-file", client=client) == "bad-scheme"
    assert outcome("https://shop.test/pdf", client=client) == "not-html"
    assert outcome("https://shop.test/huge", client=client) == "too-large"  # 2 MB cap
    assert outcome("https://shop.test/slow", client=client) == "timeout"


def test_a_redirect_loop_stops() -> None:
    loop = httpx.MockTransport(lambda r: httpx.Response(302, headers={"location": r.url.path}))
    with httpx.Client(transport=loop) as looping:
        assert outcome("https://shop.test/again", client=looping) == "too-many-redirects"
