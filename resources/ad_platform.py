"""The ad platform as a Dagster resource (the sandbox ad platform unless configured)."""

from __future__ import annotations

from dagster import ConfigurableResource

from affiliate.ads.platform import AdPlatform, SandboxAdPlatform
from affiliate.config import get_settings


class AdPlatformResource(ConfigurableResource):
    base_url: str | None = None
    token: str = "sandbox-token"

    def client(self) -> AdPlatform:
        settings = get_settings()
        return SandboxAdPlatform(
            self.base_url or settings.ad_platform_url or settings.sandbox_url, token=self.token
        )
