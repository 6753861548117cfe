"""Ad and page copy: the writers (offline templates, LLMs) and what they produce."""
