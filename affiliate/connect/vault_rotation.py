"""Key rotation: re-seal every stored secret under the vault's current key, losing nothing.

Run it after SESSION_ENCRYPTION_KEY holds the new key and SESSION_ENCRYPTION_OLD_KEYS the old
one, on every process, so nothing keeps writing under the old key. Each row is re-sealed in its
own transaction under `SELECT ... FOR UPDATE`, so a concurrent writer is never overwritten with
a stale secret; a row that does not open is left exactly as it is and reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa

from affiliate.connect.vault import Vault, VaultError, provider_key_aad, session_aad, token_key_id
from affiliate.db.tables import ai_providers, integration_sessions


@dataclass(frozen=True)
class RotationFailure:
    table: str
    row_id: int
    reason: str


@dataclass
class RotationReport:
    rotated: int = 0
    already_current: int = 0
    failed: list[RotationFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class _SecretColumn:
    table: sa.Table
    column: str
    aad: Callable[[sa.Row], bytes]


_SECRET_COLUMNS = (
    _SecretColumn(
        integration_sessions, "encrypted_session", lambda r: session_aad(r.user_id, r.platform)
    ),
    _SecretColumn(ai_providers, "encrypted_api_key", lambda r: provider_key_aad(r.user_id, r.name)),
)


def rotate_sessions(engine: sa.Engine, vault: Vault) -> RotationReport:
    """Re-seal sessions and AI provider keys not yet under `vault`'s current key."""
    report = RotationReport()
    for spec in _SECRET_COLUMNS:
        _rotate_column(engine, vault, spec, report)
    return report


def _rotate_column(
    engine: sa.Engine, vault: Vault, spec: _SecretColumn, report: RotationReport
) -> None:
    secret = spec.table.c[spec.column]
    with engine.connect() as conn:
        scanned = conn.execute(
            sa.select(spec.table.c.id, secret).where(secret.is_not(None)).order_by(spec.table.c.id)
        ).all()
    for row_id, token in scanned:
        # Rows already current are counted from the scan; anything written after it is
        # written by a process that already seals under the current key.
        if _is_current(token, vault):
            report.already_current += 1
        else:
            _rotate_row(engine, vault, spec, row_id, report)


def _rotate_row(
    engine: sa.Engine, vault: Vault, spec: _SecretColumn, row_id: int, report: RotationReport
) -> None:
    table, secret = spec.table, spec.table.c[spec.column]
    with engine.begin() as conn:
        row = conn.execute(
            sa.select(table).where(table.c.id == row_id).with_for_update()
        ).one_or_none()
        if row is None or row._mapping[spec.column] is None:
            return  # deleted or cleared since the scan: nothing left to rotate
        token = row._mapping[spec.column]
        if _is_current(token, vault):
            report.already_current += 1  # a concurrent writer re-sealed it meanwhile
            return
        try:
            aad = spec.aad(row)
            resealed = vault.encrypt(vault.decrypt(token, aad), aad)
        except VaultError as exc:
            report.failed.append(RotationFailure(table.name, row_id, str(exc)))
            return
        conn.execute(
            sa.update(table)
            .where(table.c.id == row_id)
            .values({secret: resealed, table.c.updated_at: sa.func.now()})
        )
    report.rotated += 1


def _is_current(token: str, vault: Vault) -> bool:
    try:
        return token_key_id(token) == vault.current_key_id
    except VaultError:
        return False  # malformed: let the locked pass report it
