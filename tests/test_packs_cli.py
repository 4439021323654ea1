"""`roadmap packs` and user packs as a person uses them: add, replace, list, validate, schema, new."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from roadmap_cli.catalog.registry import builtin_files
from roadmap_cli.catalog.schema import SECTIONS
from roadmap_cli.cli import app

START = "2027-01-04"

NEW_MILESTONE = """\
sources:
  - id: team-notes
    title: "Team notes"
    publisher: "Our team"
    as_of: "2026-11"
milestones:
  - id: team-onboarding
    phase: foundations
    title: "Onboard onto our {framework} service"
    hours: 5
    depends_on: [learn-language-core]
    sources: [team-notes]
"""

REPLACE = """\
pack:
  id: sqlite-first
  title: "SQLite first"
  version: "1.2"
milestones:
  - id: sql-fundamentals
    replace: true
    phase: foundations
    title: "Write raw SQL against SQLite"
    hours: 9
    sources: [whatmatters-2026]
"""


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def plan_items(runner: CliRunner, *extra: str) -> dict[str, dict[str, Any]]:
    code, out, err = invoke(runner, "plan", "-l", "python", "-H", "12", "--start", START, "--json", *extra)
    assert code == 0, err
    return {item["id"]: item for item in json.loads(out)["items"]}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pack_given_with_pack_adds_a_milestone(runner: CliRunner, tmp_path: Path) -> None:
    assert "team-onboarding" not in plan_items(runner)
    pack = write(tmp_path / "team.yaml", NEW_MILESTONE)
    item = plan_items(runner, "--pack", str(pack))["team-onboarding"]
    assert item["title"] == "Onboard onto our FastAPI service"
    assert item["hours"] == 5
    assert item["phase"] == "foundations"


def test_a_pack_in_the_user_folder_is_read_by_every_command(runner: CliRunner, roadmap_home: Path) -> None:
    write(roadmap_home / "config" / "packs" / "team.yaml", NEW_MILESTONE)
    assert "team-onboarding" in plan_items(runner)


def test_replace_true_replaces_a_builtin_item_in_place(runner: CliRunner, tmp_path: Path) -> None:
    before = plan_items(runner)["sql-fundamentals"]
    pack = write(tmp_path / "sqlite.yaml", REPLACE)
    items = plan_items(runner, "--pack", str(pack))
    after = items["sql-fundamentals"]
    assert before["title"] != after["title"] == "Write raw SQL against SQLite"
    assert after["hours"] == 9
    assert list(items).count("sql-fundamentals") == 1
    # the items that depend on it still do
    assert "sql-fundamentals" in items["joins-and-indexes"]["depends_on"]


def test_reusing_an_id_without_replace_names_both_places(runner: CliRunner, tmp_path: Path) -> None:
    pack = write(tmp_path / "clash.yaml", REPLACE.replace("    replace: true\n", ""))
    code, _, err = invoke(runner, "plan", "-l", "go", "-H", "10", "--pack", str(pack))
    assert code == 65
    builtin = next(p for p in builtin_files() if p.name == "milestones.yaml")
    assert f"{pack}:6:9: milestone id 'sql-fundamentals' is already defined at {builtin}:" in err
    assert "add `replace: true`" in err


def test_two_user_packs_clash_and_the_later_may_replace(runner: CliRunner, tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", NEW_MILESTONE)
    second = write(
        tmp_path / "b.yaml",
        NEW_MILESTONE.replace("Onboard onto", "Pair on").replace(
            "  - id: team-onboarding\n", "  - id: team-onboarding\n    replace: true\n"
        ),
    )
    code, _, err = invoke(runner, "packs", "validate", str(first), str(second))
    assert code == 65
    assert f"{second}:2:9: source id 'team-notes' is already defined at {first}:2:9" in err
    third = write(tmp_path / "c.yaml", second.read_text(encoding="utf-8").split("milestones:")[1])
    third.write_text("milestones:" + third.read_text(encoding="utf-8"), encoding="utf-8")
    items = plan_items(runner, "--pack", str(first), "--pack", str(third))
    assert items["team-onboarding"]["title"] == "Pair on our FastAPI service"


def test_packs_list(runner: CliRunner, tmp_path: Path, roadmap_home: Path) -> None:
    write(roadmap_home / "config" / "packs" / "sqlite.yaml", REPLACE)
    extra = write(tmp_path / "team.yaml", NEW_MILESTONE)
    code, out, err = invoke(runner, "packs", "list", "--json", "--pack", str(extra))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["user_packs_dir"] == str(roadmap_home / "config" / "packs")
    builtin, sqlite, team = doc["packs"]
    assert builtin["builtin"]
    assert builtin["id"] == "backend-core"
    assert builtin["version"]
    assert builtin["counts"]["milestones"] > 30
    assert builtin["counts"]["projects"] == 5
    assert sqlite == {
        "id": "sqlite-first",
        "title": "SQLite first",
        "version": "1.2",
        "description": "",
        "builtin": False,
        "files": [str(roadmap_home / "config" / "packs" / "sqlite.yaml")],
        "counts": {"milestones": 1},
        "replaces": ["sql-fundamentals"],
    }
    assert team["id"] == "team"
    assert team["counts"] == {"sources": 1, "milestones": 1}
    code, out, _ = invoke(runner, "packs", "list", "--pack", str(extra))
    assert code == 0
    assert "backend-core 2026.11  built-in\n" in out
    assert "sqlite-first 1.2  your packs folder: sqlite.yaml\n  SQLite first\n" in out
    assert "  1 milestone · replaces sql-fundamentals\n" in out
    assert f"team  --pack {extra}\n  1 milestone, 1 source\n" in out
    assert f"Your packs folder: {roadmap_home / 'config' / 'packs'}" in out


def test_packs_list_without_user_packs_says_how_to_start(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "packs", "list")
    assert code == 0
    assert "roadmap packs new NAME" in out


def test_validate_a_good_pack(runner: CliRunner, tmp_path: Path) -> None:
    pack = write(tmp_path / "sqlite.yaml", REPLACE)
    code, out, err = invoke(runner, "packs", "validate", str(pack))
    assert (code, err) == (0, "")
    assert f"✓ {pack} · sqlite-first 1.2: 1 milestone (replaces sql-fundamentals)" in out
    code, out, _ = invoke(runner, "packs", "validate", "--json", str(pack))
    doc = json.loads(out)
    assert doc["valid"] is True
    assert doc["files"][0]["pack"]["id"] == "sqlite-first"


def test_validate_json_lists_problems_with_positions(runner: CliRunner) -> None:
    bad = Path(__file__).parent / "packs" / "bad" / "several-problems.yaml"
    code, out, _ = invoke(runner, "packs", "validate", "--json", str(bad))
    assert code == 65
    doc = json.loads(out)
    assert doc["valid"] is False
    problems = doc["files"][0]["problems"]
    assert [(p["line"], p["column"]) for p in problems] == [(5, 12), (7, 5), (9, 5), (16, 15)]
    assert problems[2]["message"] == "milestones[1].titel: unknown field `titel`; did you mean `title`?"


def test_every_builtin_file_validates(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "packs", "validate", *map(str, builtin_files()))
    assert code == 0, err


# -- packs new ---------------------------------------------------------------------------------


def test_new_writes_a_starter_that_validates_and_is_used(runner: CliRunner, roadmap_home: Path) -> None:
    code, out, err = invoke(runner, "packs", "new", "my-team")
    assert code == 0, err
    target = roadmap_home / "config" / "packs" / "my-team.yaml"
    assert f"Wrote {target}" in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "replace: true" in text  # the commented example
    code, _, err = invoke(runner, "packs", "validate", str(target))
    assert code == 0, err
    assert "my-team-first-milestone" in plan_items(runner, "--months", "24")


def test_new_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    target = write(tmp_path / "mine.yaml", "# mine\n")
    code, _, err = invoke(runner, "packs", "new", "mine", "--output", str(target))
    assert code == 1
    assert f"error: {target} already exists; not overwriting it" in err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize("name", ["My Team", "team_1", "x-", "a" * 41])
def test_new_rejects_a_bad_name(runner: CliRunner, name: str) -> None:
    code, _, err = invoke(runner, "packs", "new", name)
    assert code == 2
    assert "is not a pack name" in err


# -- packs schema ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    result = CliRunner().invoke(app, ["packs", "schema"])
    assert result.exit_code == 0
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_schema_describes_the_pack_format(schema: dict[str, object]) -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    assert schema["title"]
    properties = schema["properties"]
    assert isinstance(properties, dict)
    assert set(properties) == set(SECTIONS)
    assert schema["additionalProperties"] is False


def test_every_section_item_may_say_replace(schema: dict[str, object]) -> None:
    defs: dict[str, dict[str, object]] = schema["$defs"]  # type: ignore[assignment]
    for section, spec in schema["properties"].items():  # type: ignore[attr-defined]
        if section == "pack":
            continue
        ref = spec["items"]["$ref"].rsplit("/", 1)[1]
        assert "replace" in defs[ref]["properties"], section  # type: ignore[operator]


@pytest.mark.parametrize("path", builtin_files(), ids=lambda p: p.name)
def test_schema_accepts_every_builtin_file(schema: dict[str, object], path: Path) -> None:
    import jsonschema

    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_schema_accepts_the_starter_pack(schema: dict[str, object]) -> None:
    import jsonschema

    from roadmap_cli.views.packs import starter_pack

    jsonschema.validate(yaml.safe_load(starter_pack("my-team")), schema)


@pytest.mark.parametrize(
    "broken",
    [
        {"milestones": [{"id": "x", "phase": "foundations", "title": "T", "hourz": 4, "sources": ["s"]}]},
        {"milestones": [{"id": "x", "phase": "foundations", "title": "T", "hours": "4", "sources": ["s"]}]},
        {
            "milestones": [
                {"id": "Bad Id", "phase": "foundations", "title": "T", "hours": 4, "sources": ["s"]}
            ]
        },
        {
            "milestones": [
                {"id": "x", "phase": "p", "title": "T", "hours": 4, "sources": ["s"], "replace": "yes"}
            ]
        },
        {"pack": {"id": "p", "title": "P", "version": 1.1}},
        {"milestone": []},
    ],
)
def test_schema_rejects_a_broken_pack(schema: dict[str, object], broken: dict[str, object]) -> None:
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_every_packs_subcommand_has_help_with_an_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["packs"])
    out = result.stdout + result.stderr
    for name in ("list", "validate", "schema", "new"):
        assert name in out
        code, help_text, _ = invoke(runner, "packs", name, "--help")
        assert code == 0
        assert "Example:" in help_text, name
    code, help_text, _ = invoke(runner, "packs", "--help")
    assert "Example:" in help_text


def test_editing_a_user_pack_is_seen_on_the_next_run(runner: CliRunner, roadmap_home: Path) -> None:
    pack = write(roadmap_home / "config" / "packs" / "team.yaml", NEW_MILESTONE)
    assert plan_items(runner)["team-onboarding"]["hours"] == 5
    assert (roadmap_home / "cache" / "catalog.json").exists()
    pack.write_text(NEW_MILESTONE.replace("hours: 5", "hours: 7"), encoding="utf-8")
    assert plan_items(runner)["team-onboarding"]["hours"] == 7
    pack.unlink()
    assert "team-onboarding" not in plan_items(runner)
