"""What `affiliate compliance …` and `affiliate review …` do, apart from argument parsing."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from affiliate.compliance.checker import CopyPart, check
from affiliate.compliance.corpus import PLATFORMS
from affiliate.compliance.evaluation import Report
from affiliate.compliance.review import QueueItem
from affiliate.config import Settings, get_settings

if TYPE_CHECKING:  # the judge brings the LLM SDKs: imported only when a check uses it
    from affiliate.compliance.judge import Judge


class InputError(ValueError):
    """The ad texts given to the check are unusable; the message names the line."""


class JudgeUnavailable(ValueError):
    """`--judge` was asked for and no LLM is configured to judge."""


@dataclass(frozen=True)
class AdInput:
    line: int
    text: str
    headline: str | None = None
    id: str | None = None
    platform: str | None = None
    niche: str | None = None


def parse_ads(lines: Iterable[str]) -> list[AdInput]:
    """One ad a line: plain text, or a JSON object with a `text` field (and optionally `id`,
    `headline`, `platform`, `niche`). Blank lines are skipped. All lines are read before any
    is checked, so bad input fails before output starts."""
    ads = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("{"):
            ads.append(_json_ad(number, line))
        else:
            ads.append(AdInput(number, line))
    if not ads:
        raise InputError('no ad texts: give one per line, or JSON lines with a "text" field')
    return ads


def _json_ad(number: int, line: str) -> AdInput:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not valid JSON ({exc.msg})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise InputError(f'line {number}: a JSON line needs a non-empty "text" string')
    for key in ("headline", "platform", "niche"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise InputError(f'line {number}: "{key}" must be a string')
    if raw.get("platform") is not None and raw["platform"] not in PLATFORMS:
        raise InputError(
            f"line {number}: unknown platform {raw['platform']!r} (use {', '.join(PLATFORMS)})"
        )
    return AdInput(
        number,
        raw["text"],
        headline=raw.get("headline"),
        id=None if raw.get("id") is None else str(raw["id"]),
        platform=raw.get("platform"),
        niche=raw.get("niche"),
    )


def verdict_lines(
    ads: list[AdInput], platform: str, niche: str | None, judge: Judge | None = None
) -> Iterator[str]:
    """One JSON verdict per ad; a line's own platform or niche wins over the command's. With a
    judge, each verdict is the rules' plus the judge's findings (`checker` says which)."""
    for ad in ads:
        ad_platform, ad_niche = ad.platform or platform, ad.niche or niche
        verdict = check(ad.text, ad_platform, ad_niche, headline=ad.headline)
        if judge is not None:
            part = CopyPart(text=ad.text, headline=ad.headline)
            verdict = judge.verdict([part], ad_platform, ad_niche, verdict)
        out = {"line": ad.line} | ({"id": ad.id} if ad.id else {}) | verdict.to_dict()
        yield json.dumps(out, ensure_ascii=False)


def judge_for_check(wanted: bool | None, settings: Settings | None = None) -> Judge | None:
    """The LLM judge for `affiliate compliance check`: none with --no-judge; the configured
    one by default; the configured one or an error with --judge.

    Stored providers, the rules' search index and the ledger live in the database. It is
    started when a judge is asked for or configured outside it (an API key or LLM_BASE_URL in
    the environment, a provider named in LLM_PROVIDER / LLM_TASK_PROVIDERS); otherwise only a
    database that is already running is asked for stored providers, so an offline check of a
    few lines never starts one."""
    if wanted is False:
        return None
    from affiliate.compliance.judge import TASK
    from affiliate.compliance.judge_config import configured_judge
    from affiliate.content.providers import TEMPLATE, environment_providers
    from affiliate.db.engine import database_url, get_engine

    settings = settings or get_settings()
    choice = settings.llm_task_providers.get(TASK) or settings.llm_provider
    if choice == TEMPLATE:
        if wanted:
            raise JudgeUnavailable(
                f"--judge: the {TASK} task is set to 'template' (no LLM); choose a provider in "
                "LLM_TASK_PROVIDERS / LLM_PROVIDER, or drop --judge"
            )
        return None
    if wanted or choice or environment_providers(settings):
        url = database_url(settings)
    else:
        try:
            url = database_url(settings, start=False)
        except RuntimeError:  # the embedded database is not running: no stored providers
            return None
    judge = configured_judge(get_engine(url), settings)
    if judge is None and wanted:
        raise JudgeUnavailable(
            "--judge needs an LLM provider: add one with `affiliate llm add`, or set "
            "OPENAI_API_KEY, ANTHROPIC_API_KEY or LLM_BASE_URL (with LLM_MODEL)"
        )
    return judge


def format_report(reports: list[Report]) -> str:
    """The evaluation as a small text table: overall figures per split, then per family."""
    lines = ["split     texts  violating  precision  recall"]
    for r in reports:
        lines.append(
            f"{r.name:<9} {r.size:>5}  {r.violating:>9}  {r.overall.precision:>9.3f}"
            f"  {r.overall.recall:>6.3f}"
        )
    everything = reports[-1]
    lines += [
        "",
        f"per family ({everything.name}):",
        "family               support  precision  recall",
    ]
    for name, score in sorted(everything.families.items()):
        support = score.tp + score.fn
        lines.append(f"{name:<20} {support:>8}  {score.precision:>9.3f}  {score.recall:>6.3f}")
    return "\n".join(lines)


def format_queue(items: list[QueueItem]) -> str:
    if not items:
        return "Nothing waiting for review."
    lines = ["verdict  creative  platform  risk    status    rules / headline"]
    for item in items:
        lines.append(
            f"{item.verdict_id:>7}  {item.creative_id:>8}  {item.platform:<8}  {item.risk:<6}  "
            f"{item.status:<8}  {', '.join(item.rule_ids) or '-'} / {item.headline}"
        )
    return "\n".join(lines)
