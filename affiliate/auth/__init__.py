"""Accounts: argon2id passwords, HS256 login tokens, the JWT secret, and per-user scoping.

Plain Python over a SQLAlchemy connection; the HTTP side is `affiliate.server.auth_routes`
and `affiliate.server.deps`.
"""
