"""Settings, read from the environment (and `.env`) when asked for — never at import time."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The sandbox network signs with this; a real Hotmart account needs its own token.
SANDBOX_HOTTOK = "sandbox-hottok"
# The sandbox's other networks sign or encrypt with these; real accounts need their own.
SANDBOX_CLICKBANK_SECRET_KEY = "SANDBOXSECRETKEY"
SANDBOX_DIGISTORE24_PASSPHRASE = "sandbox-ipn-passphrase"
SANDBOX_POSTBACK_SECRETS = {"sandboxcpa": "sandbox-postback-secret"}
# The query parameter each network reads the affiliate's click id from (and echoes back).
DEFAULT_TRACKING_PARAMS = {"hotmart": "sck", "clickbank": "tid", "digistore24": "cid"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="Any PostgreSQL 15+; unset means the embedded server under AFFILIATE_HOME.",
    )
    affiliate_home: Path = Field(
        default=PROJECT_ROOT / ".affiliate",
        description="Local state: embedded database, Dagster home, logs.",
    )
    hotmart_hottok: SecretStr = Field(
        default=SecretStr(SANDBOX_HOTTOK),
        description="Shared secret Hotmart sends in X-HOTMART-HOTTOK.",
    )
    clickbank_secret_key: SecretStr = Field(
        default=SecretStr(SANDBOX_CLICKBANK_SECRET_KEY),
        description="ClickBank Instant Notification secret key (decrypts INS v6+ bodies).",
    )
    digistore24_ipn_passphrase: SecretStr = Field(
        default=SecretStr(SANDBOX_DIGISTORE24_PASSPHRASE),
        description="Digistore24 IPN passphrase (checks sha_sign).",
    )
    postback_secrets: dict[str, SecretStr] = Field(
        default_factory=lambda: {k: SecretStr(v) for k, v in SANDBOX_POSTBACK_SECRETS.items()},
        description=(
            'Generic S2S postback networks and their secrets, JSON: {"maxbounty": "s3cret"}. '
            "Only networks listed here are accepted at /api/postback/{network}."
        ),
    )
    tracking_params: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_TRACKING_PARAMS),
        description="Query parameter that carries our click id to each network; others: subid.",
    )
    account_currency: str = Field(
        default="USD", description="Currency reports are in; others convert through fx_rates."
    )
    attribution_window_days: int = Field(
        default=30, ge=1, description="A conversion links to a click at most this many days old."
    )
    bot_clicks_per_minute: int = Field(
        default=30, ge=1, description="More clicks than this a minute from one IP hash are bots."
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1,::1",
        description="Proxies whose X-Forwarded-For names the visitor (comma list; * = all).",
    )
    webhook_max_body_bytes: int = Field(
        default=256 * 1024, description="Larger webhook bodies are refused with 413."
    )
    jwt_secret: SecretStr | None = Field(
        default=None,
        description=(
            "HS256 key for login tokens, at least 32 bytes. Unset: a random one is kept in "
            "<AFFILIATE_HOME>/jwt_secret, which only suits one machine; several API servers "
            "must share one JWT_SECRET or they reject each other's tokens."
        ),
    )
    tracking_salt: SecretStr = Field(
        default=SecretStr("sandbox-salt"),
        description="Salt for hashing visitors' IPs; set your own in production.",
    )
    session_encryption_key: SecretStr | None = Field(
        default=None,
        description=(
            "Base64 of 32 random bytes: the vault's AES-256-GCM key for secrets at rest. Unset "
            "means a key generated once in AFFILIATE_HOME/session_key (one machine only); "
            "production must set it."
        ),
    )
    session_encryption_old_keys: SecretStr | None = Field(
        default=None,
        description="Comma-separated base64 keys that still decrypt, during a key rotation.",
    )
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    public_base_url: str | None = Field(
        default=None, description="Base URL ads link to (tracking redirects); default the API URL."
    )
    sandbox_port: int = 8100
    clickbank_feed_url: str | None = Field(
        default=None, description="Marketplace feed URL; unset means the sandbox feed."
    )
    clickbank_hoplink_template: str | None = Field(
        default=None,
        description="Affiliate link per product, e.g. https://hop.clickbank.net/?affiliate=YOU&vendor={vendor}",
    )
    hotmart_base_url: str | None = Field(
        default=None, description="Hotmart's web app; unset means the sandbox marketplace."
    )
    ad_platform_url: str | None = Field(
        default=None, description="Ad platform API base URL; unset means the sandbox ad platform."
    )
    dagster_url: str = Field(
        default="http://127.0.0.1:3000",
        description="Dagster's webserver (runs started by the API).",
    )
    report_timezone: str = "UTC"
    top_offers: int = Field(default=3, description="How many top offers get creatives and ads.")
    daily_budget: str = Field(default="40.00", description="Daily budget per ad set, in USD.")
    openai_api_key: SecretStr | None = Field(
        default=None, description="OpenAI key for the writers (or store one: `affiliate llm add`)."
    )
    anthropic_api_key: SecretStr | None = Field(
        default=None, description="Anthropic key for the writers (or `affiliate llm add`)."
    )
    llm_base_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio), e.g. "
        "http://127.0.0.1:11434/v1: the way to run local models.",
    )
    llm_model: str | None = Field(
        default=None, description="Model for a provider configured by environment variable."
    )
    llm_provider: str | None = Field(
        default=None,
        description="Writer for every task: openai, anthropic, compatible, template, or the name "
        "of a provider added with `affiliate llm add`. Unset: the first one configured.",
    )
    llm_task_providers: dict[str, str] = Field(
        default_factory=dict,
        description='Writer per task, JSON: {"google_rsa": "anthropic", "seo_outline": "local"}.',
    )
    llm_run_budget: Decimal | None = Field(
        default=None,
        ge=0,
        description="Most a generation run may spend on LLM calls, in USD; unset: no cap.",
    )
    llm_meta_prompting: bool = Field(
        default=False,
        description="Write a bespoke prompt per product first, then the copy (two calls).",
    )
    llm_timeout_seconds: float = Field(default=60.0, gt=0, description="Per LLM request.")
    llm_max_attempts: int = Field(
        default=3, ge=1, description="Attempts per LLM call on 429, 5xx and timeouts."
    )
    embedding_provider: str | None = Field(
        default=None,
        description="Embeddings for policy retrieval (pgvector similarity beside full-text "
        "search): openai, compatible, the name of a provider added with `affiliate llm add`, or "
        "none. Unset: the first OpenAI or OpenAI-compatible provider configured, if any.",
    )
    embedding_model: str | None = Field(
        default=None,
        description="Embedding model; default text-embedding-3-small for OpenAI. A compatible "
        "server needs one named (e.g. nomic-embed-text), unless EMBEDDING_PROVIDER names a "
        "stored compatible provider whose model is an embedding model.",
    )

    @property
    def dagster_home(self) -> Path:
        return self.affiliate_home / "dagster"

    @property
    def pgdata(self) -> Path:
        return self.affiliate_home / "pgdata"

    @property
    def api_url(self) -> str:
        return f"http://{self.api_host}:{self.api_port}"

    @property
    def sandbox_url(self) -> str:
        return f"http://127.0.0.1:{self.sandbox_port}"

    @property
    def tracking_base_url(self) -> str:
        return self.public_base_url or self.api_url


def get_settings() -> Settings:
    return Settings()
