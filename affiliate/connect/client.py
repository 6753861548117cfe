"""The API calls `affiliate connect` makes from the user's computer."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


class ConnectClientError(RuntimeError):
    """The API refused; the message is the server's own explanation."""


@dataclass
class ConnectClient:
    api_url: str
    bearer: str | None = None

    def login(self, email: str, password: str) -> None:
        body = self._call("POST", "/api/auth/login", {"email": email, "password": password})
        self.bearer = body["token"]

    def connect_token(self, platform: str) -> str:
        return self._call("POST", f"/api/local-connect-v2/{platform}/token")["connectToken"]

    def upload(self, platform: str, token: str, storage_state: dict, fingerprint: dict) -> dict:
        return self._call(
            "POST",
            f"/api/local-connect-v2/{platform}/upload",
            {"connectToken": token, "storageState": storage_state, "fingerprint": fingerprint},
        )

    def status(self, platform: str) -> dict:
        return self._call("GET", f"/api/local-connect-v2/{platform}/status")

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        headers = {"Authorization": f"Bearer {self.bearer}"} if self.bearer else {}
        try:
            answer = httpx.request(
                method, self.api_url.rstrip("/") + path, json=body, headers=headers, timeout=30
            )
        except httpx.HTTPError as exc:
            raise ConnectClientError(f"cannot reach the API at {self.api_url}: {exc}") from exc
        if answer.status_code >= 400:
            try:
                message = answer.json().get("error") or answer.text
            except ValueError:
                message = answer.text
            raise ConnectClientError(f"{method} {path} → {answer.status_code}: {message}")
        return answer.json()
