"""Write one piece of copy for one product: the single entry point for the `creatives` asset.

``generate(engine, brief, task)`` picks the writer the configuration names for the task
(an LLM provider, or the offline template writer when none is configured), fills the task's
versioned prompt with the product's data as delimited data and the platform rules, validates
the JSON answer against the task's schema, shows the model its errors once if it is invalid,
and writes every call to the ledger. Optional meta-prompting first asks the model to write a
bespoke prompt for this product, audience, tone and channel.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa

from affiliate.config import Settings, get_settings
from affiliate.content.calls import CallLabel
from affiliate.content.formats import SCHEMAS, Output
from affiliate.content.ledger import GenerationRun, LedgerEntry
from affiliate.content.model import ProductBrief
from affiliate.content.prompt_library import PromptTemplate, load_prompt, product_data_block
from affiliate.content.providers import choose_provider, client_for
from affiliate.content.repair import ask_with_one_repair
from affiliate.content.writers.base import ChatClient, InvalidOutput
from affiliate.content.writers.template import VERSION as TEMPLATE_VERSION
from affiliate.content.writers.template import TemplateFormatWriter

# task → what the channel is called in the meta-prompt
TASKS = {
    "meta_ad": "Facebook/Instagram feed ad",
    "google_rsa": "Google Ads responsive search ad",
    "video_script": "TikTok/Instagram Reels video script",
    "email_sequence": "5-email nurture sequence",
    "landing_page": "bridge landing page sections",
    "seo_outline": "SEO article outline",
}
DEFAULT_AUDIENCE = "adults interested in the product's subject"
DEFAULT_TONE = "friendly, plain and honest"
# For formats that are not an ad on one platform (emails, pages, articles).
NO_PLATFORM_RULES = (
    "Follow the FTC's endorsement rules: disclose the affiliate relationship plainly before "
    "any link, and make no health, income, guaranteed-result, scarcity or urgency claims."
)


@dataclass(frozen=True)
class GenerationResult:
    task: str
    provider: str  # openai | anthropic | compatible | template
    model: str | None
    output: Output
    prompt_template: str
    template_version: str
    ledger: list[LedgerEntry] = field(default_factory=list)

    @property
    def cost(self) -> Decimal:
        return sum((e.cost for e in self.ledger), Decimal(0))


def platform_for(task: str) -> str | None:
    """The ad platform whose rules apply to ``task`` (for the Compliance Guardian's rules)."""
    return load_prompt(task).platform


def policy_rules_for(task: str, brief: ProductBrief, niche: str | None = None) -> str:
    """Proactive compliance: the Guardian's top rules for the task's platform and the
    product's niche, put into the prompt before anything is written."""
    from affiliate.compliance.niches import niche_for_category
    from affiliate.compliance.prompting import rules_for_prompt

    platform = platform_for(task)
    if platform is None:
        return NO_PLATFORM_RULES
    return rules_for_prompt(platform, niche or niche_for_category(brief.category))


def generate(
    engine: sa.Engine,
    brief: ProductBrief,
    task: str,
    *,
    settings: Settings | None = None,
    run: GenerationRun | None = None,
    product_id: int | None = None,
    creative_id: int | None = None,
    audience: str | None = None,
    tone: str | None = None,
    variations: int = 3,
    variant: int = 0,
    niche: str | None = None,
    policy_rules_text: str | None = None,
    meta_prompting: bool | None = None,
    client: ChatClient | None = None,
) -> GenerationResult:
    """Validated copy for ``task`` and the ledger rows written for it.

    ``policy_rules_text`` is the block of rules to follow; by default the Compliance
    Guardian's top rules for the task's platform and ``niche`` (from the category if unset).
    ``run`` carries the budget across calls (one per Dagster run); by default a new one with
    LLM_RUN_BUDGET. Raises an
    :class:`~affiliate.content.writers.base.LLMError` (already in the ledger) on failure.
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}: use one of {', '.join(TASKS)}")
    settings = settings or get_settings()
    run = run or GenerationRun(engine, budget=settings.llm_run_budget)
    if client is None:
        config = choose_provider(engine, settings, task)
        client = client_for(config, settings) if config else None
    if client is None:
        return _template(run, brief, task, variant, variations, product_id, creative_id)

    template = load_prompt(task)
    values = {
        "product_data": product_data_block(brief),
        "audience": audience or DEFAULT_AUDIENCE,
        "tone": tone or DEFAULT_TONE,
        "variations": str(max(1, min(variations, 5))),
        "policy_rules": policy_rules_text or policy_rules_for(task, brief, niche),
        "output_schema": json.dumps(SCHEMAS[template.schema].model_json_schema()),
    }
    version = str(template.version)
    meta = settings.llm_meta_prompting if meta_prompting is None else meta_prompting
    system, user = template.render(**values)
    meta_entries: list[LedgerEntry] = []
    if meta:
        bespoke, meta_entries = _meta_prompt(
            client, run, settings, task, values, product_id, creative_id
        )
        # Our own system prompt (data rules, JSON only) stays; the bespoke prompt replaces the
        # generic task text, and the product data and schema are appended by us, not by it.
        user = (
            f"{bespoke}\n\n{values['product_data']}\n\n{values['policy_rules']}\n\n"
            f"The JSON must validate against this JSON Schema:\n{values['output_schema']}"
        )
        version = f"{version}+meta{load_prompt('meta_prompt').version}"
    label = CallLabel(task, template.id, version, product_id, creative_id)
    output, entries = _structured(client, run, settings, template, label, system, user)
    return GenerationResult(task, client.kind, entries[-1].model, output, template.id, version,
                            meta_entries + entries)  # fmt: skip


def _structured(
    client: ChatClient,
    run: GenerationRun,
    settings: Settings,
    template: PromptTemplate,
    label: CallLabel,
    system: str,
    user: str,
) -> tuple[Output, list[LedgerEntry]]:
    """Ask, validate; on invalid output ask once more with the problems; then give up."""
    output, entries, problems = ask_with_one_repair(
        client, run, label, system, user, SCHEMAS[template.schema],
        max_tokens=template.max_output_tokens, max_attempts=settings.llm_max_attempts,
    )  # fmt: skip
    if output is None:
        raise InvalidOutput(
            f"{client.kind} {client.model} gave invalid {label.task} output twice; rejected. "
            f"Last problems: {'; '.join(problems[:5])}"
        )
    return output, entries


def _meta_prompt(client, run, settings, task, values, product_id, creative_id):
    template = load_prompt("meta_prompt")
    system, user = template.render(channel=TASKS[task], **values)
    label = CallLabel(task, template.id, str(template.version), product_id, creative_id)
    output, entries = _structured(client, run, settings, template, label, system, user)
    return output.prompt, entries


def _template(run, brief, task, variant, variations, product_id, creative_id) -> GenerationResult:
    started = time.perf_counter()
    output = TemplateFormatWriter().write(brief, task, variant, variations)
    entry = run.record(
        task=task,
        provider="template",
        model=None,
        prompt_template=f"template.{task}",
        template_version=TEMPLATE_VERSION,
        outcome="ok",
        latency_ms=round((time.perf_counter() - started) * 1000),
        product_id=product_id,
        creative_id=creative_id,
    )
    return GenerationResult(
        task, "template", None, output, f"template.{task}", TEMPLATE_VERSION, [entry]
    )
