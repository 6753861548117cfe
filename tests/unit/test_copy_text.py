"""COPY text values: what PostgreSQL's jsonb and COPY refuse never reaches them."""

import json

from affiliate.db.copy_text import jsonb, text_field


def test_jsonb_text_reads_back_as_the_same_mapping():
    mapping = {"user-agent": 'Mozilla "5.0"\ttab', "referer": "https://x.example/ç", "ü": "\\"}
    assert json.loads(jsonb(mapping)) == mapping


def test_nul_characters_are_dropped_since_jsonb_refuses_them():
    assert json.loads(jsonb({"sub\x001": "a\x00b"})) == {"sub1": "ab"}


def test_a_lone_surrogate_still_gives_json_text():
    """orjson cannot encode one; the json module can, and COPY's encoding replaces it."""
    text = jsonb({"name": "Keto \ud800"})
    assert json.loads(text) == {"name": "Keto \ud800"}
    assert text_field(text).encode("utf-8", "replace").decode() == '{"name": "Keto ?"}'
