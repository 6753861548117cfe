"""Compliance Guardian: the policy corpus, the offline checker, retrieval and the review gate.

Public entry points (import from the modules): `checker.check`, `review.record_verdict`,
`review.may_run`, `retrieval.relevant_rules`, `prompting.rules_for_prompt`.
"""
