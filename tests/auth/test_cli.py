"""`affiliate user create` against the test database."""

import pytest
from typer.testing import CliRunner

from affiliate.cli import app as cli
from tests.auth.conftest import PASSWORD, login


@pytest.fixture
def database(clean_db, db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return clean_db


def create(*args: str, input: str):
    return CliRunner().invoke(cli, ["user", "create", *args], input=input)


def test_created_user_can_log_in(database, client):
    result = create(
        "--email", " Cli@Example.com", "--name", "Cli", "--password-stdin", input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    user_id = int(result.stdout.strip())
    answer = login(client, email="cli@example.com")
    assert answer.status_code == 200
    assert answer.json()["user"] == {"id": user_id, "email": "cli@example.com", "name": "Cli"}


def test_password_prompt_asks_twice(database, client):
    result = create("--email", "p@example.com", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # hidden input is not echoed
    assert login(client, email="p@example.com").status_code == 200


def test_duplicate_email_exits_1_with_a_message(database):
    args = ("--email", "dup@example.com", "--password-stdin")
    assert create(*args, input=PASSWORD).exit_code == 0
    again = create(*args, input=PASSWORD)
    assert again.exit_code == 1
    assert "dup@example.com already exists" in again.stderr


def test_short_password_exits_1_and_says_why(database):
    result = create("--email", "s@example.com", "--password-stdin", input="short\n")
    assert result.exit_code == 1 and "at least 10 characters" in result.stderr
