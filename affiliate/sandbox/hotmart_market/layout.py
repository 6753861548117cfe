"""The page shell and the login forms, shared by both markups.

Login pages are the same in v1 and v2 on purpose: their field names are the site's POST
contract, and the self-healing selectors under test are about the logged-in pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

LOGIN_PATH = "/hotmart/login"
TOTP_PATH = "/hotmart/login/2fa"


@dataclass(frozen=True)
class Links:
    """Builds the marketplace's own links; a markup chosen by query string is carried on,
    so a crawler that started at `?markup=v2` stays on v2 while following links."""

    markup_query: str | None = None

    def market(self, page: int) -> str:
        return self._with_markup("/hotmart/market", {"page": page})

    def product(self, product_id: int) -> str:
        return self._with_markup(f"/hotmart/product/{product_id}", {})

    def _with_markup(self, path: str, params: dict[str, object]) -> str:
        if self.markup_query is not None:
            params = {**params, "markup": self.markup_query}
        return f"{path}?{urlencode(params)}" if params else path


def document(title: str, body: str, *, user_name: str | None = None) -> str:
    """A whole HTML page; a logged-in page also stores the user in localStorage, as the
    real site's front-end does, so a captured browser storage_state includes origins too."""
    script = ""
    if user_name is not None:
        # A JS string literal holding JSON; "</" is escaped so no name can end the script.
        user = json.dumps(json.dumps({"name": user_name})).replace("</", "<\\/")
        script = f"<script>localStorage.setItem('hm_user', {user});</script>"
    return (
        '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | Hotmart (sandbox)</title>{script}</head>"
        f"<body>{body}</body></html>"
    )


def login_page(error: str | None = None, email: str = "") -> str:
    form = (
        f'<form id="login-form" method="post" action="{LOGIN_PATH}">'
        '<label for="email">E-mail</label>'
        f'<input id="email" name="email" type="email" autocomplete="username" required '
        f'value="{escape(email)}">'
        '<label for="password">Senha</label>'
        '<input id="password" name="password" type="password" '
        'autocomplete="current-password" required>'
        '<button type="submit">Entrar</button></form>'
    )
    return document("Entrar", f"<main><h1>Entrar na Hotmart</h1>{_error(error)}{form}</main>")


def totp_page(error: str | None = None) -> str:
    form = (
        f'<form id="totp-form" method="post" action="{TOTP_PATH}">'
        '<label for="code">Código de verificação (app autenticador)</label>'
        '<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" '
        'autocomplete="one-time-code" required>'
        '<button type="submit">Verificar</button></form>'
    )
    body = f"<main><h1>Verificação em duas etapas</h1>{_error(error)}{form}</main>"
    return document("Verificação em duas etapas", body)


def _error(message: str | None) -> str:
    return f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
