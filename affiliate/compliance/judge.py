"""The LLM judge: the configured model reads the copy against the rules retrieved for it.

It exists for what word lists miss (new phrasings; see tests/compliance/README.md). It can
only add to the offline checker's verdict, never take from it:

- the copy reaches the model only as JSON inside <ad_copy> tags, "<" and ">" escaped so no
  text can close them, under a system prompt that says it is data, never instructions;
- a finding counts only if it cites one of the rules the model was given and quotes words
  that are literally in the part it names; anything else is dropped and logged;
- severity comes from the corpus rule, never from the model;
- the merged risk is the higher of the two, so no answer can lower the checker's risk.

A failed judge (timeout, 5xx after retries, invalid output after the repair, the budget)
never passes copy silently: the verdict keeps the checker's findings, adds a `judge.failed`
finding of medium severity (low risk becomes "a person reviews it"), and names the checker
`rules+llm-failed:<provider>/<model>`. That holds for the gate and the command alike: a
verdict the judge was meant to confirm and did not is incomplete, and says so.

What the model is shown is judge_inputs.py's part: the top rules retrieved for the copy (with
similarity ranking when an embedding model is configured) and, always, the disclosure rules
that apply to the platform. Which model judges is judge_config.py's.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from affiliate.compliance.checker import CopyPart
from affiliate.compliance.corpus import Rule
from affiliate.compliance.judge_inputs import ad_copy_block, part_name, rules_block, rules_for_judge
from affiliate.compliance.verdict import Finding, Verdict, with_findings
from affiliate.content.calls import CallLabel
from affiliate.content.ledger import GenerationRun
from affiliate.content.prompt_library import load_prompt
from affiliate.content.repair import ask_with_one_repair
from affiliate.content.writers.base import ChatClient, InvalidOutput, LLMError

if TYPE_CHECKING:
    from affiliate.compliance.embeddings import MeteredEmbedder

log = logging.getLogger(__name__)

TASK = "compliance_judge"  # the task name providers are chosen by and the ledger records
JUDGE_FAILED = "judge.failed"


class JudgeFinding(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a "severity" the model adds is not ours to use

    rule_id: str
    part: str | None = None
    quote: str = Field(min_length=1, max_length=1000)
    fix: str = Field(default="", max_length=1000)


class JudgeAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    findings: list[JudgeFinding] = Field(default_factory=list, max_length=50)


@dataclass
class Judge:
    """One configured model as the judge; its calls go to ``run``'s ledger and budget."""

    client: ChatClient
    run: GenerationRun
    max_attempts: int = 3
    embedder: MeteredEmbedder | None = None  # ranks the rules by similarity too, when set

    @property
    def checker(self) -> str:
        return f"rules+llm:{self.client.kind}/{self.client.model}"

    @property
    def failed_checker(self) -> str:
        return f"rules+llm-failed:{self.client.kind}/{self.client.model}"

    def verdict(
        self,
        parts: Sequence[CopyPart],
        platform: str,
        niche: str | None,
        offline: Verdict,
        *,
        product_id: int | None = None,
        creative_id: int | None = None,
    ) -> Verdict:
        """The offline verdict with the judge's findings added (or its failure recorded)."""
        words = " ".join(w for p in parts for w in (p.headline, p.text) if w)
        with self.run.engine.begin() as conn:
            rules = rules_for_judge(conn, platform, niche, words, self.embedder)
        template = load_prompt(TASK)
        system, user = template.render(
            platform=platform,
            niche=niche.replace("_", " ") if niche else "general",
            rules=rules_block(rules),
            ad_copy=ad_copy_block(parts),
            output_schema=json.dumps(JudgeAnswer.model_json_schema()),
        )
        label = CallLabel(TASK, template.id, str(template.version), product_id, creative_id)
        try:
            answer = self._ask(system, user, label, template.max_output_tokens)
        except LLMError as exc:
            log.warning(
                "compliance judge %s failed%s: %s; the rules' verdict stands, raised to at "
                "least medium risk for a person to review",
                self.checker.split(":", 1)[1],
                f" for creative {creative_id}" if creative_id else "",
                exc,
            )
            return with_findings(offline, [judge_failed(exc)], self.failed_checker)
        return with_findings(offline, accepted(answer, parts, rules, niche), self.checker)

    def _ask(self, system: str, user: str, label: CallLabel, max_tokens: int) -> JudgeAnswer:
        """Ask; on an invalid answer show the model its problems once; then give up."""
        answer, _, problems = ask_with_one_repair(
            self.client, self.run, label, system, user, JudgeAnswer,
            max_tokens=max_tokens, max_attempts=self.max_attempts,
        )  # fmt: skip
        if answer is None:
            raise InvalidOutput(
                f"{self.client.kind} {self.client.model} gave an invalid compliance judgement "
                f"twice; last problems: {'; '.join(problems[:5])}"
            )
        return answer


def accepted(
    answer: JudgeAnswer, parts: Sequence[CopyPart], rules: Sequence[Rule], niche: str | None
) -> list[Finding]:
    """The model's findings that cite a given rule and quote the named part literally."""
    given = {rule.id: rule for rule in rules}
    named = {part_name(p): p for p in parts}
    findings = []
    for item in answer.findings:
        quote = item.quote.strip()
        rule = given.get(item.rule_id.strip())
        # One part: which name the model used for it does not matter.
        part = parts[0] if len(parts) == 1 else named.get((item.part or "").strip())
        place = _locate(part, quote) if part is not None and quote else None
        if rule is None or place is None:
            why = "a rule it was not given" if rule is None else "words not in the copy"
            log.warning("dropped a judge finding citing %s: %s %r", why, item.rule_id, quote[:80])
            continue
        field, start = place
        findings.append(
            Finding(
                rule_id=rule.id,
                family=rule.family,
                severity=rule.severity_for(niche),
                check="llm_judge",
                quote=quote,
                start=start,
                end=start + len(quote),
                fix=item.fix.strip() or rule.fix,
                field=part.field_label(field),
                source=rule.url,
            )
        )
    return findings


def judge_failed(exc: Exception) -> Finding:
    """The judge's failure as a finding: stored with the verdict, shown in the review queue,
    and of medium severity, so copy the rules passed waits for a person."""
    reason = str(exc)
    reason = reason if len(reason) <= 300 else reason[:300] + "…"
    return Finding(
        rule_id=JUDGE_FAILED,
        family="judge",
        severity="medium",
        check="llm_judge_failed",
        quote="",
        start=0,
        end=0,
        fix=f"The LLM judge could not check this copy ({reason}). Review it by hand, or "
        "judge it again once the provider answers.",
    )


def _locate(part: CopyPart, quote: str) -> tuple[str, int] | None:
    for field, words in (("text", part.text), ("headline", part.headline or "")):
        start = words.find(quote)
        if start != -1:
            return field, start
    return None
