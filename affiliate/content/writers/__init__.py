"""LLM and offline writers behind one interface (see base.py); chosen by providers.py."""
