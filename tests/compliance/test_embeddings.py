"""pgvector similarity for the policy corpus, through the real openai SDK against a local
server speaking OpenAI's /v1/embeddings: vectors stored with their model, re-embedded when the
model or the corpus changes, fused with full-text ranking, billed exactly, and a failing
server answered by full-text search."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
from decimal import Decimal
from fractions import Fraction

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.migration import MigrationContext
from alembic.operations import Operations
from alembic.script import ScriptDirectory
from pydantic import SecretStr
from typer.testing import CliRunner

from affiliate.cli import app as cli
from affiliate.compliance import retrieval
from affiliate.compliance.corpus import load_corpus
from affiliate.compliance.embeddings import (
    NOT_CONFIGURED,
    MeteredEmbedder,
    OpenAIEmbedder,
    choose_embedder,
)
from affiliate.compliance.policy_index import NO_VECTOR_COLUMN, build_index, chunks
from affiliate.compliance.retrieval import FULL_TEXT, FUSED, search_rules
from affiliate.connect.vault import Vault
from affiliate.content.ledger import GenerationRun
from affiliate.content.providers import add_provider
from affiliate.db import migrate
from affiliate.db.tables import ai_generation_history
from affiliate.db.testing import _admin
from affiliate.server.thread import ServerThread, free_port
from tests.compliance.fake_embeddings import FakeEmbeddings, words
from tests.content.conftest import make_settings

SMALL, LARGE = "text-embedding-3-small", "text-embedding-3-large"
PER_MILLION = {SMALL: Decimal("0.02"), LARGE: Decimal("0.13")}  # prices.yaml, checked here
# No word of it is in the corpus (the test using it checks that).
QUERY = "Shed kilos before summer"
NEAREST = "meta.health.weight_loss"
AD = "Lose 20 pounds fast, melt belly fat. Only 3 spots left!"


@pytest.fixture(scope="session")
def embedding_server():
    fake = FakeEmbeddings()
    with ServerThread(fake.app).start() as server:
        fake.url = server.url
        yield fake


@pytest.fixture
def fake(embedding_server):
    embedding_server.reset()
    return embedding_server


def metered(engine, base_url: str, model: str = SMALL, kind: str = "openai") -> MeteredEmbedder:
    embedder = OpenAIEmbedder(
        kind=kind, name="test", model=model, api_key="sk-test-000000000000",
        base_url=f"{base_url}/v1", timeout=5,
    )  # fmt: skip
    sleeps: list[float] = []
    caller = MeteredEmbedder(embedder, GenerationRun(engine), max_attempts=3, sleep=sleeps.append)
    caller.sleeps = sleeps
    return caller


def ledger(engine):
    with engine.connect() as conn:
        return conn.execute(
            sa.select(ai_generation_history).order_by(ai_generation_history.c.id)
        ).all()


def stored_models(conn) -> list[tuple]:
    return [
        tuple(r)
        for r in conn.execute(
            sa.text(
                "select embedding_model, vector_dims(embedding), count(*)"
                " from app.policy_chunks group by 1, 2"
            )
        )
    ]


def chunk_count() -> int:
    return sum(len(chunks(rule)) for rule in load_corpus().rules)


def exact_cost(model: str, tokens: int) -> Decimal:
    return Decimal(tokens) * PER_MILLION[model] / Decimal(1_000_000)


def test_index_stores_each_chunks_vector_with_its_model_and_bills_the_call(clean_db, fake):
    embedder = metered(clean_db, fake.url)
    with clean_db.begin() as conn:
        report = build_index(conn, embedder=embedder)
        assert report.chunks == report.vectors == chunk_count() == report.vectors_total
        assert stored_models(conn) == [(SMALL, 3, chunk_count())]
        again = build_index(conn, embedder=embedder)
    assert (again.chunks, again.vectors, again.vectors_total) == (0, 0, chunk_count())
    assert "Vectors current" in again.describe("v")

    sent = [text for request in fake.requests for text in request["input"]]
    assert len(sent) == chunk_count()  # one batch is 64 inputs: the corpus fits in one
    assert [(r["model"], r["encoding_format"]) for r in fake.requests] == [(SMALL, "float")]
    [row] = ledger(clean_db)
    tokens = sum(words(text) for text in sent)
    assert (row.task, row.provider, row.model, row.outcome) == (
        "policy_index",
        "openai",
        SMALL,
        "ok",
    )
    assert row.input_tokens == tokens and row.cost == exact_cost(SMALL, tokens)
    assert row.cost.as_tuple().exponent < -6  # finer than the old six places


def test_a_new_model_or_corpus_version_re_embeds_every_chunk(clean_db, fake):
    corpus = load_corpus()
    with clean_db.begin() as conn:
        build_index(conn, corpus, embedder=metered(clean_db, fake.url, SMALL))
        fake.vector_for = lambda text: [0.0, 1.0, 0.0, 0.0]
        larger = build_index(conn, corpus, embedder=metered(clean_db, fake.url, LARGE))
        assert (larger.chunks, larger.vectors) == (0, chunk_count())
        assert stored_models(conn) == [(LARGE, 4, chunk_count())]

        edited = dataclasses.replace(corpus, version=corpus.version + "-edited")
        rebuilt = build_index(conn, edited, embedder=metered(clean_db, fake.url, LARGE))
        assert rebuilt.chunks == rebuilt.vectors == chunk_count()
    assert [r["model"] for r in fake.requests] == [SMALL, LARGE, LARGE]
    assert [row.model for row in ledger(clean_db)] == [SMALL, LARGE, LARGE]


def _rule_of(text: str) -> str:
    """Which rule an indexed text belongs to (the index embeds "source, family: chunk")."""
    return next(
        rule.id
        for rule in load_corpus().rules
        for _, content in chunks(rule)
        if text.endswith(content)
    )


def test_similarity_finds_the_rule_an_ad_means_though_it_shares_no_word(clean_db, fake):
    fake.vector_for = lambda text: (
        [1.0, 0.0] if text == QUERY or _rule_of(text) == NEAREST else [0.0, 1.0]
    )
    with clean_db.begin() as conn:
        full_text = search_rules(conn, "meta", None, QUERY, limit=100)
        text_relevance = conn.scalar(
            sa.text(
                "select max(ts_rank(document, to_tsquery('english', :q))) from app.policy_chunks"
            ),
            {"q": "before | kilos | shed | summer"},  # the query retrieval builds from QUERY
        )
        fused = search_rules(
            conn, "meta", None, QUERY, limit=100, embedder=metered(clean_db, fake.url)
        )

    # Full-text search has nothing to go on: no word matches, several rules tie on the
    # niche, platform and severity boosts, the weight-loss rule among them.
    scores = {m.rule.id: m.score for m in full_text.matches}
    assert text_relevance == 0 and full_text.ranking == FULL_TEXT
    assert scores[NEAREST] == max(scores.values())
    assert list(scores.values()).count(scores[NEAREST]) > 1
    # Similarity picks it out.
    assert (fused.ranking, fused.model) == (FUSED, f"openai {SMALL}")
    assert fused.matches[0].rule.id == NEAREST
    assert sorted(m.rule.id for m in fused.matches) == sorted(scores)  # same platform filter
    assert fused.describe() == f"ranking: {FUSED} (openai {SMALL}, reciprocal-rank fusion)"
    index_row, query_row = ledger(clean_db)
    assert (query_row.task, query_row.input_tokens) == ("policy_search", words(QUERY))
    assert query_row.cost == exact_cost(SMALL, 4) == Decimal("0.00000008")


def _competition_ranks(values: dict[str, float]) -> dict[str, int]:
    """SQL's rank(): 1 + how many are strictly better (ties share a rank)."""
    return {
        key: 1 + sum(other > value for other in values.values()) for key, value in values.items()
    }


def test_the_blend_is_reciprocal_rank_fusion_of_the_two_rankings(clean_db, fake):
    """Each rule gets its own angle from the query: similarity ranks them in an order of
    their own, and the fused order must be 1/(60 + full-text rank) + 1/(60 + similarity rank),
    ties broken by the full-text score, then the rule id."""
    ids = sorted(rule.id for rule in load_corpus().rules)
    order = sorted(ids, key=lambda rid: hashlib.sha256(rid.encode()).hexdigest())
    angle = {rid: 0.05 * position for position, rid in enumerate(order)}  # all < pi/2
    fake.vector_for = lambda text: (
        [1.0, 0.0]
        if text == AD
        else [math.cos(angle[_rule_of(text)]), math.sin(angle[_rule_of(text)])]
    )
    with clean_db.begin() as conn:
        full_text = search_rules(conn, "meta", "weight_loss", AD, limit=100)
        fused = search_rules(conn, "meta", "weight_loss", AD, 100, metered(clean_db, fake.url))

    fts_score = {m.rule.id: m.score for m in full_text.matches}
    fts_rank = _competition_ranks(fts_score)
    sim_rank = _competition_ranks({rid: -angle[rid] for rid in fts_score})
    expected = sorted(
        fts_score,
        key=lambda r: (
            -(Fraction(1, 60 + fts_rank[r]) + Fraction(1, 60 + sim_rank[r])),
            -fts_score[r],
            r,
        ),
    )
    assert [m.rule.id for m in fused.matches] == expected
    assert expected != [m.rule.id for m in full_text.matches]  # similarity changed the order
    for match in fused.matches:
        exact = Fraction(1, 60 + fts_rank[match.rule.id]) + Fraction(
            1, 60 + sim_rank[match.rule.id]
        )
        assert match.score == pytest.approx(float(exact), abs=1e-12)


def test_search_keeps_to_platform_and_niche_with_similarity(clean_db, fake):
    with clean_db.begin() as conn:
        embedder = metered(clean_db, fake.url)
        google = search_rules(conn, "google", "software", "Best Tool Ever!!!", 50, embedder)
    assert google.ranking == FUSED and google.matches
    assert all(
        m.rule.applies_to("google") and m.rule.fits_niche("software") for m in google.matches
    )


def test_a_search_with_the_index_current_waits_for_no_one(clean_db, fake):
    """The index's lock is taken only to build: a search embeds its text (an HTTP call) and
    must neither wait behind another search doing so nor make one wait."""
    embedder = metered(clean_db, fake.url)
    with clean_db.begin() as conn:
        build_index(conn, embedder=embedder)
    with clean_db.connect() as other, other.begin():
        build_index(other, embedder=embedder)  # holds the lock until its transaction ends
        with clean_db.begin() as conn:
            conn.execute(sa.text("set local lock_timeout = '2s'"))
            result = search_rules(conn, "meta", None, QUERY, 5, embedder)
    assert result.ranking == FUSED and result.matches


def test_server_down_at_search_answers_full_text_with_a_warning(clean_db, fake, caplog):
    with clean_db.begin() as conn:
        build_index(conn, embedder=metered(clean_db, fake.url))
        expected = search_rules(conn, "meta", "weight_loss", "Lose 20 pounds fast", 5)
    down = metered(clean_db, f"http://127.0.0.1:{free_port()}")
    with caplog.at_level(logging.WARNING), clean_db.begin() as conn:
        result = search_rules(conn, "meta", "weight_loss", "Lose 20 pounds fast", 5, down)
        assert conn.scalar(sa.text("select 1")) == 1  # the caller's transaction is usable

    assert result.ranking == FULL_TEXT and result.matches == expected.matches
    assert "embedding the text failed" in result.note and "cannot reach" in result.note
    assert "fell back to full-text" in caplog.text
    assert "sk-test" not in caplog.text + result.note  # the key never reaches a message
    assert len(down.sleeps) == 2  # three attempts, as the writers make
    assert [r.outcome for r in ledger(clean_db)] == ["ok", "unreachable"]


def test_a_query_the_database_refuses_answers_full_text_in_a_usable_transaction(clean_db, fake):
    # pgvector takes at most 16000 dimensions: a server answering the query with more makes
    # the similarity query fail inside the caller's transaction.
    fake.vector_for = lambda text: [1.0] * 16001 if text == QUERY else [1.0, 0.0]
    with clean_db.begin() as conn:
        expected = search_rules(conn, "meta", None, QUERY, 5)
        result = search_rules(conn, "meta", None, QUERY, 5, metered(clean_db, fake.url))
        assert conn.scalar(sa.text("select count(*) from app.policy_chunks")) == chunk_count()
    assert result.ranking == FULL_TEXT and result.matches == expected.matches
    assert "the similarity query failed" in result.note and "16000" in result.note


def test_a_failing_first_embedding_leaves_the_full_text_index_built(clean_db, fake):
    fake.failures.extend([401])
    with clean_db.begin() as conn:
        result = search_rules(
            conn, "meta", None, "Only 3 spots left!", 3, metered(clean_db, fake.url)
        )
        assert stored_models(conn) == [(None, None, chunk_count())]
    assert result.ranking == FULL_TEXT and len(result.matches) == 3
    assert "embedding failed" in result.note and "rejected the API key" in result.note


def test_transient_errors_are_retried_and_recorded_as_retried(clean_db, fake):
    fake.failures.extend([503, 429])
    embedder = metered(clean_db, fake.url)
    with clean_db.begin() as conn:
        report = build_index(conn, embedder=embedder)
    assert report.vectors == chunk_count() and len(embedder.sleeps) == 2
    assert [r.outcome for r in ledger(clean_db)] == ["retried"]


def test_an_unpriced_openai_model_is_never_called(clean_db, fake):
    with clean_db.begin() as conn:
        report = build_index(conn, embedder=metered(clean_db, fake.url, "text-embedding-9"))
    assert "no price for openai model 'text-embedding-9'" in report.note
    assert fake.requests == [] and ledger(clean_db) == []


def test_a_compatible_server_embeds_free_of_charge(clean_db, fake):
    embedder = metered(clean_db, fake.url, "nomic-embed-text", kind="compatible")
    with clean_db.begin() as conn:
        assert build_index(conn, embedder=embedder).vectors == chunk_count()
    [row] = ledger(clean_db)
    assert (row.provider, row.model, row.cost) == ("compatible", "nomic-embed-text", Decimal(0))


# The migration on a server without pgvector ---------------------------------------------


def _migration_0010(url: str):
    return ScriptDirectory.from_config(migrate.alembic_config(url)).get_revision("0010").module


def test_the_migration_adds_the_vector_columns_only_where_pgvector_is_offered(db_url):
    module = _migration_0010(db_url)
    assert module.similarity_statements(False) == ()
    added = " ".join(module.similarity_statements(True))
    assert "add column if not exists embedding vector" in added
    assert "add column if not exists embedding_model text" in added


@pytest.fixture
def upgrade_db(db_url):
    url = str(sa.make_url(db_url).set(database=sa.make_url(db_url).database + "_vector"))
    _admin(url, "drop database if exists {name} with (force)", "create database {name}")
    engine = sa.create_engine(url)
    yield url, engine
    engine.dispose()
    _admin(url, "drop database if exists {name} with (force)")


def _columns(engine, table: str) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "select attname, format_type(atttypid, atttypmod) from pg_attribute"
                " where attrelid = cast(:t as regclass) and attnum > 0 and not attisdropped"
            ),
            {"t": f"app.{table}"},
        ).all()
    return dict(rows)


def test_upgrade_keeps_costs_and_without_pgvector_retrieval_stays_full_text(
    upgrade_db, fake, monkeypatch, caplog
):
    url, engine = upgrade_db
    migrate.upgrade(url, "0009")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "insert into app.ai_generation_history (task, provider, cost)"
                " values ('t', 'openai', 0.000123);"
                # Like dbt's staging view over the ledger: the type change must get past it.
                "create view analytics.stg_app__ai_generation_history as"
                " select id, cost from app.ai_generation_history"
            )
        )
    migrate.upgrade(url)
    columns = _columns(engine, "policy_chunks")
    assert columns["embedding"] == "vector" and columns["embedding_model"] == "text"
    assert _columns(engine, "ai_generation_history")["cost"] == "numeric(18,10)"
    with engine.connect() as conn:
        assert conn.scalar(sa.text("select cost from app.ai_generation_history")) == Decimal(
            "0.000123"
        )

    # The same upgrade on a server that does not offer pgvector.
    command.downgrade(migrate.alembic_config(url), "0009")
    assert "embedding" not in _columns(engine, "policy_chunks")
    module = _migration_0010(url)
    monkeypatch.setattr(module, "vector_available", lambda conn: False)
    with caplog.at_level(logging.WARNING), engine.begin() as conn:
        migration = Operations.context(MigrationContext.configure(conn))
        with migration:
            module.upgrade()
    assert "does not offer pgvector" in caplog.text and "full-text only" in caplog.text
    assert not {"embedding", "embedding_model"} & set(_columns(engine, "policy_chunks"))
    assert _columns(engine, "ai_generation_history")["cost"] == "numeric(18,10)"

    monkeypatch.setattr(retrieval, "_warned", set())
    caplog.clear()
    with caplog.at_level(logging.WARNING), engine.begin() as conn:
        plain = search_rules(conn, "meta", "weight_loss", QUERY, 5)
        report = build_index(conn, embedder=metered(engine, fake.url))
        fused = search_rules(conn, "meta", "weight_loss", QUERY, 5, metered(engine, fake.url))
        search_rules(conn, "meta", None, QUERY, 5, metered(engine, fake.url))
    assert report.note == NO_VECTOR_COLUMN and report.vectors == 0
    assert fused.ranking == FULL_TEXT and fused.note == NO_VECTOR_COLUMN
    assert fused.matches == plain.matches and fake.requests == []
    assert [r.getMessage() for r in caplog.records] == [  # said once, not per search
        f"policy retrieval is full-text only: {NO_VECTOR_COLUMN}"
    ]


# Which embedder the settings give -----------------------------------------------------


def settings(**overrides):
    values = dict(embedding_provider=None, embedding_model=None) | overrides
    return make_settings(**values)


def test_no_provider_configured_means_no_embedder(clean_db):
    choice = choose_embedder(clean_db, settings())
    assert choice.embedder is None and choice.reason == NOT_CONFIGURED
    anthropic_only = settings(anthropic_api_key=SecretStr("sk-ant-000000000000"))
    assert choose_embedder(clean_db, anthropic_only).embedder is None
    named = settings(anthropic_api_key=SecretStr("sk-ant-000000000000"),
                     embedding_provider="anthropic")  # fmt: skip
    assert "has no embeddings API" in choose_embedder(clean_db, named).reason


def test_the_openai_key_gives_text_embedding_3_small_unless_told_otherwise(clean_db, fake):
    key = SecretStr("sk-test-000000000000")
    choice = choose_embedder(clean_db, settings(openai_api_key=key))
    assert choice.embedder.label == f"openai {SMALL}" and "env:openai" in choice.reason
    large = choose_embedder(clean_db, settings(openai_api_key=key, embedding_model=LARGE))
    assert large.embedder.model == LARGE
    off = choose_embedder(clean_db, settings(openai_api_key=key, embedding_provider="none"))
    assert off.embedder is None and "'none'" in off.reason
    unpriced = choose_embedder(clean_db, settings(openai_api_key=key, embedding_model="e-9"))
    assert unpriced.embedder is None and "no price" in unpriced.reason


def test_a_compatible_server_needs_its_embedding_model_named(clean_db, fake):
    server = f"{fake.url}/v1"
    unnamed = choose_embedder(clean_db, settings(llm_base_url=server, llm_model="llama3.1:8b"))
    assert unnamed.embedder is None and "set EMBEDDING_MODEL" in unnamed.reason
    choice = choose_embedder(
        clean_db, settings(llm_base_url=server, llm_model="llama3.1:8b",
                           embedding_model="nomic-embed-text")
    )  # fmt: skip
    assert choice.embedder.label == "compatible nomic-embed-text"
    with clean_db.begin() as conn:
        assert build_index(conn, embedder=choice.embedder).vectors == chunk_count()
    assert fake.requests[0]["model"] == "nomic-embed-text"


def test_a_stored_compatible_provider_named_for_embeddings_brings_its_model(clean_db, fake):
    chosen = settings(embedding_provider="embedder")
    add_provider(
        clean_db, Vault.from_settings(chosen), kind="compatible", name="embedder",
        base_url=f"{fake.url}/v1", model="nomic-embed-text",
    )  # fmt: skip
    choice = choose_embedder(clean_db, chosen)
    assert choice.embedder.label == "compatible nomic-embed-text"
    assert "provider embedder" in choice.reason
    missing = choose_embedder(clean_db, settings(embedding_provider="elsewhere"))
    assert missing.embedder is None and "'elsewhere' is not configured" in missing.reason


# The commands ----------------------------------------------------------------------------


@pytest.fixture
def command_env(clean_db, db_url, monkeypatch):
    """The commands' environment: the test database, and no provider from the machine's."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "LLM_BASE_URL", "LLM_MODEL",
                 "LLM_PROVIDER", "EMBEDDING_PROVIDER", "EMBEDDING_MODEL"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_index_and_rules_say_whether_similarity_is_used(command_env, fake):
    indexed = run("compliance", "index")
    assert indexed.exit_code == 0, indexed.output
    assert "chunks indexed" in indexed.stdout
    assert "Vectors: none (no embedding model configured" in indexed.stdout
    rules = run("compliance", "rules", "--platform", "meta", "--text", QUERY)
    assert rules.stdout.startswith("ranking: full-text (no embedding model configured")

    command_env.setenv("LLM_BASE_URL", f"{fake.url}/v1")
    command_env.setenv("EMBEDDING_MODEL", "nomic-embed-text")
    indexed = run("compliance", "index")
    assert indexed.exit_code == 0, indexed.output
    assert indexed.stdout.splitlines()[1] == (
        f"Vectors: {chunk_count()} chunks embedded with compatible nomic-embed-text."
    )
    assert run("compliance", "index").stdout.splitlines() == [
        f"Index current ({load_corpus().version}).",
        f"Vectors current: {chunk_count()} chunks, compatible nomic-embed-text.",
    ]
    rules = run("compliance", "rules", "--platform", "meta", "--text", QUERY, "--limit", "2")
    assert rules.exit_code == 0, rules.output
    header, *lines = rules.stdout.splitlines()
    assert header == (
        "ranking: full-text + similarity (compatible nomic-embed-text, reciprocal-rank fusion)"
    )
    assert len(lines) == 2 and lines[0].startswith("0.0")
