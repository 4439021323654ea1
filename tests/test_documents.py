"""Every JSON document, as the CLI prints it, against the JSON Schema that `roadmap schema` publishes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app
from roadmap_cli.render.jsonout import VERSIONS
from roadmap_cli.render.shapes import DOCUMENTS

START = "2027-01-04"


def run(runner: CliRunner, *args: str, today: str = "2027-02-10") -> str:
    result = runner.invoke(app, list(args), env={"ROADMAP_TODAY": today})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def schema_of(runner: CliRunner, name: str) -> dict[str, Any]:
    result = runner.invoke(app, ["schema", name])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture
def documents(runner: CliRunner, tmp_path: Path, git_home: Path) -> dict[str, Any]:
    """One of each document, from a plan with ticks, a skip, a note and a replan behind it."""
    docs: dict[str, Any] = {}
    docs["plan"] = json.loads(run(runner, "plan", "-l", "go", "-H", "10", "--start", START, "--json"))
    run(runner, "check", "learn-language-core", "--evidence", "https://example.org/me")
    run(runner, "skip", "sql-fundamentals")
    run(runner, "note", "learn-language-core", "slices and maps")
    docs["replan"] = json.loads(run(runner, "replan", "--from", "2027-02-01", "--json"))
    docs["status"] = json.loads(run(runner, "status", "--json"))
    docs["review"] = json.loads(run(runner, "review", "learn-language-core", "--rating", "good", "--json"))
    docs["assess"] = json.loads(run(runner, "assess", "--rate", "docker=2", "--json"))
    docs["next"] = json.loads(run(runner, "next", "--json"))
    run(runner, "log", "sql-fundamentals", "1h30m", "--on", "2027-02-08", "--note", "joins")
    docs["today"] = json.loads(run(runner, "today", "--json"))
    docs["show"] = json.loads(run(runner, "show", "--json"))
    docs["item"] = json.loads(run(runner, "show", "learn-language-core", "--json"))
    docs["plans"] = json.loads(run(runner, "plans", "--json"))
    docs["export"] = json.loads(run(runner, "export", "--format", "json"))
    docs["backup"] = json.loads(run(runner, "progress", "export"))
    docs["salary"] = json.loads(run(runner, "salary", "--json"))
    docs["levels"] = json.loads(run(runner, "levels", "--json"))
    docs["certs"] = json.loads(run(runner, "certs", "--json"))
    docs["skills"] = json.loads(run(runner, "skills", "--json"))
    docs["stacks"] = json.loads(run(runner, "stacks", "--json"))
    docs["market"] = json.loads(run(runner, "market", "--json"))
    docs["packs"] = json.loads(run(runner, "packs", "list", "--json"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("milestones:\n  - id: Not A Slug\n", encoding="utf-8")
    validation = runner.invoke(app, ["packs", "validate", "--json", str(bad)])
    assert validation.exit_code == 65
    docs["validation"] = json.loads(validation.stdout)
    assert docs["validation"]["files"][0]["problems"]
    docs["doctor"] = json.loads(run(runner, "doctor", "--json"))
    docs["where"] = json.loads(run(runner, "where", "--json"))
    docs["sync"] = json.loads(run(runner, "sync", "init", str(tmp_path / "remote.git"), "--json"))
    docs["sync-status"] = json.loads(run(runner, "sync", "status", "--json"))
    return docs


def test_every_document_has_a_schema_and_a_version() -> None:
    assert set(DOCUMENTS) == set(VERSIONS)


def test_every_document_matches_its_schema(runner: CliRunner, documents: dict[str, Any]) -> None:
    assert set(documents) == set(DOCUMENTS)
    for name, document in documents.items():
        schema = schema_of(runner, name)
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=str)
        assert not errors, f"{name}: {errors[0].json_path}: {errors[0].message}"
        assert document["version"] == VERSIONS[name]


def test_a_schema_refuses_a_key_it_does_not_declare(runner: CliRunner, documents: dict[str, Any]) -> None:
    schema = schema_of(runner, "status")
    document = {**documents["status"], "surprise": 1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_schema_lists_the_documents_and_refuses_an_unknown_one(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["schema"])
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == list(DOCUMENTS)
    unknown = runner.invoke(app, ["schema", "stauts"])
    assert unknown.exit_code == 2
    assert "did you mean 'status'" in unknown.stderr
