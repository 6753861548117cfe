"""Ad and page copy: the writers (offline templates, LLMs) and what they produce.

Entry point: :func:`affiliate.content.generation.generate` — a product brief and a task
(meta_ad, google_rsa, video_script, email_sequence, landing_page, seo_outline) in, validated
output and its ledger rows out. Prompts live in ``prompts/``, prices in ``prices.yaml``.
"""
