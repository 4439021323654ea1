"""What the content says, checked through the commands a person runs: the guides' core stays in the
plan, each stack's titles name its own tools, hours say they are estimates, every market figure and
certification carries its source and date, and every item's documentation links are official.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse

import pytest
from typer.testing import CliRunner

from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.cli import app
from roadmap_cli.planner import add_months
from roadmap_cli.render.units import ESTIMATE_NOTE

START = "2027-01-04"
STACKS = ["python", "typescript", "go", "java", "rust", "csharp", "php"]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def as_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = run(runner, *args, "--json")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    assert doc["version"] == 1
    return doc


def stacks_and_frameworks(catalog: Catalog) -> list[tuple[str, str]]:
    return [(s["id"], f["id"]) for s in catalog.stacks.values() for f in s["frameworks"]]


# -- the guides' core -------------------------------------------------------------------------------


@pytest.mark.parametrize("stack", STACKS)
def test_core_only_at_twelve_hours_keeps_serverless_terraform_and_the_saa(
    runner: CliRunner, stack: str
) -> None:
    doc = as_json(runner, "plan", "-l", stack, "-H", "12", "--start", START, "--core-only", "--dry-run")
    items = {i["id"]: i for i in doc["items"]}
    for item_id in ("serverless-functions", "terraform-infrastructure", "aws-saa-study", "aws-saa-exam"):
        assert item_id in items, item_id
        assert items[item_id]["priority"] == "core"
    assert items["aws-saa-study"]["phase"] == "cloud-and-scale"  # study in phase 3
    assert items["aws-saa-exam"]["phase"] == "portfolio-and-interviews"  # the exam in phase 5
    summary = doc["summary"]
    if stack == "rust":
        # Learning Rust is estimated at 56 h (Python 36 h): its core is 640 h, past the window at
        # 12 h/week, and the plan says so rather than squeezing it (about 13 h/week would fit).
        assert not summary["fits_window"]
        [warning] = summary["warnings"]
        assert "12.3 months" in warning
        assert "about 13 h/week" in warning
        return
    assert 10 <= summary["months"] <= 12, summary["months"]
    end = date.fromisoformat(summary["end"])
    start = date.fromisoformat(START)
    assert add_months(start, 10) <= end + timedelta(days=1) <= add_months(start, 12)
    assert summary["warnings"] == []
    assert summary["fits_window"]


#: What the guides call essential, in the core of every 12 h/week plan: GraphQL basics (named by
#: three guides), gRPC (a required skill for SkillExchange), the AI integration layer with its cost
#: control (the career-path page: backend engineers own it), and a document store (MongoDB or
#: DynamoDB, required by SkillExchange, a step of the dev-roadmap guide).
ESSENTIALS = (
    "graphql-endpoint",
    "grpc-service",
    "ai-llm-streaming",
    "ai-cost-control",
    "nosql-document-store",
)


@pytest.mark.parametrize("stack", STACKS)
def test_core_only_at_twelve_hours_holds_what_the_guides_call_essential(
    runner: CliRunner, catalog: Catalog, stack: str
) -> None:
    doc = as_json(runner, "plan", "-l", stack, "-H", "12", "--start", START, "--core-only", "--dry-run")
    items = {i["id"]: i for i in doc["items"]}
    for item_id in ESSENTIALS:
        assert items[item_id]["priority"] == "core", item_id
    assert "GraphQL basics" in items["graphql-endpoint"]["title"]
    assert doc["summary"]["fits_window"] == (stack != "rust")  # Rust: see the test above
    # a track is a specialty, not a promise of "optional": Terraform and serverless are core items
    for track in ("terraform", "serverless", "graphql", "grpc", "ai-integration"):
        assert any(i["track"] == track and i["priority"] == "core" for i in catalog.items), track
    # the depth stays optional
    for item_id in ("graphql-performance", "ai-pgvector-retrieval", "kafka-event-streaming"):
        assert catalog.by_id[item_id]["priority"] == "optional", item_id
        assert item_id not in items


def test_plan_and_show_give_the_career_path_guides_three_phases_of_3_3_and_4_months(
    runner: CliRunner,
) -> None:
    doc = as_json(runner, "plan", "-l", "python", "-H", "12", "--start", START, "--core-only")
    phases = [g for g in doc["summary"]["guides"] if g["what"].startswith("Career-path phase")]
    assert [g["how_long"] for g in phases] == ["about 3 months", "about 3 months", "about 4 months"]
    assert all((g["source"], g["as_of"]) == ("careerpath-2026", "2026") for g in phases)
    for command in (["show"], ["plan", "-l", "python", "-H", "12", "--start", START, "--dry-run"]):
        code, out, err = run(runner, *command)
        assert code == 0, err
        text = " ".join(out.split())
        for n, months in ((1, 3), (2, 3), (3, 4)):
            assert re.search(rf"about {months} months Career-path phase {n} of 3", text), (command, n)


def test_fewer_hours_never_drop_the_guides_core(runner: CliRunner) -> None:
    doc = as_json(runner, "plan", "-l", "go", "-H", "6", "--start", START, "--dry-run")
    ids = {i["id"] for i in doc["items"]}
    assert {"serverless-functions", "terraform-infrastructure", "aws-saa-study"} <= ids
    assert not doc["summary"]["fits_window"]


def test_learning_the_language_takes_longer_in_rust_java_and_csharp(runner: CliRunner) -> None:
    def hours(stack: str) -> float:
        doc = as_json(runner, "plan", "-l", stack, "-H", "12", "--start", START, "--dry-run")
        return float(next(i["hours"] for i in doc["items"] if i["id"] == "learn-language-core"))

    easy = [hours(s) for s in ("python", "go", "typescript")]
    hard = [hours(s) for s in ("rust", "java", "csharp")]
    assert max(easy) < min(hard)


# -- weekly practice --------------------------------------------------------------------------------


def test_weekly_practice_is_a_few_hours_in_each_week_of_its_span(runner: CliRunner) -> None:
    doc = as_json(runner, "plan", "-l", "python", "-H", "12", "--start", START, "--dry-run")
    for item_id, per_week in (("system-design-weekly", 2), ("coding-interview-practice", 3)):
        item = next(i for i in doc["items"] if i["id"] == item_id)
        assert item["weekly_hours"] == per_week
        weeks = [w for w in doc["weeks"] if any(i["id"] == item_id for i in w["items"])]
        shares = [next(i["hours"] for i in w["items"] if i["id"] == item_id) for w in weeks]
        assert len(weeks) >= 6
        assert all(h <= per_week for h in shares)
        assert sum(shares) == item["hours"]
        assert [w["week"] for w in weeks] == list(range(weeks[0]["week"], weeks[0]["week"] + len(weeks)))
        assert all(len(w["items"]) > 1 for w in weeks[:-1])
        assert all(w["hours"] <= w["capacity"] for w in doc["weeks"])
    code, out, _ = run(runner, "plan", "-l", "python", "-H", "12", "--start", START, "--dry-run")
    assert code == 0
    flat = " ".join(out.split())
    assert "(2 h a week)" in flat
    assert "(3 h a week)" in flat


# -- tools per stack and framework --------------------------------------------------------------------


def tool_names(stack: dict[str, Any], framework: dict[str, Any] | None = None) -> set[str]:
    names = {stack[k] for k in ("orm", "test_tool", "job_queue", "package_manager")}
    for fw in stack["frameworks"] if framework is None else [framework]:
        names |= {fw["name"], *(fw.get(k) for k in ("orm", "test_tool", "job_queue", "package_manager"))}
    names.discard(None)
    return {n.removeprefix("the ") for n in names}


def test_titles_name_the_stacks_own_tools_and_nothing_of_another(runner: CliRunner, catalog: Catalog) -> None:
    pairs = stacks_and_frameworks(catalog)
    assert ("python", "django") in pairs
    assert ("php", "laravel") in pairs
    for stack_id, framework_id in pairs:
        stack = catalog.stacks[stack_id]
        framework = next(f for f in stack["frameworks"] if f["id"] == framework_id)
        certs = [c for c in catalog.certifications if not c.get("stacks") or stack_id in c["stacks"]]
        args = ["plan", "-l", stack_id, "-f", framework_id, "-H", "40", "--start", START, "--dry-run"]
        for cert in certs:
            args += ["--cert", cert["id"]]
        doc = as_json(runner, *args)
        titles = "\n".join(i["title"] for i in doc["items"])
        own = tool_names(stack)
        foreign = set().union(*(tool_names(s) for s in catalog.stacks.values() if s["id"] != stack_id)) - own
        foreign |= {"Quartz", "set up projects with NuGet"}
        if framework_id != "django":
            foreign.add("Django ORM")
        else:
            foreign.add("SQLAlchemy")
        for name in sorted(foreign):
            assert not re.search(rf"(?<![\w/]){re.escape(name)}(?![\w])", titles), (
                stack_id,
                framework_id,
                name,
            )
        tools = doc["summary"]["tools"]
        for key in ("orm", "test_tool", "job_queue"):
            assert tools[key] in titles or (stack_id in ("go", "rust", "java", "php") and key == "orm"), (
                stack_id,
                key,
            )
        assert framework["name"] in titles


def test_each_stack_names_its_tools(runner: CliRunner) -> None:
    def titles(*args: str) -> str:
        doc = as_json(runner, "plan", *args, "-H", "40", "--start", START, "--dry-run")
        return "\n".join(i["title"] for i in doc["items"])

    django = titles("-l", "python", "-f", "django")
    assert "the Django ORM" in django
    assert "SQLAlchemy" not in django
    assert "SQLAlchemy" in titles("-l", "python", "-f", "fastapi")
    java = titles("-l", "java")
    assert "JobRunr" in java
    assert "Flyway" in java
    assert "Quartz" not in java
    csharp = titles("-l", "csharp")
    assert "dotnet CLI" in csharp
    assert "set up projects with NuGet" not in csharp
    php = titles("-l", "php")
    for tool in ("Laravel", "Eloquent", "PHPUnit (or Pest)", "Laravel queues", "Composer"):
        assert tool in php, tool
    code, out, _ = run(runner, "stacks")
    assert code == 0
    assert "our picks" in out  # each stack says which tools the guides do not name


# -- estimates labelled ---------------------------------------------------------------------------------


def test_hours_are_labelled_as_estimates_wherever_they_appear(runner: CliRunner) -> None:
    code, out, _ = run(runner, "plan", "-l", "go", "-H", "12", "--start", START, "--dry-run")
    assert code == 0
    assert "scheduled (estimated)" in out
    assert "Hours are this project's estimates" in out
    doc = as_json(runner, "plan", "-l", "go", "-H", "12", "--start", START)
    assert doc["summary"]["hours_are"] == "estimates"
    assert doc["summary"]["hours_note"] == ESTIMATE_NOTE
    code, md, _ = run(runner, "export", "--format", "md")
    assert code == 0
    assert "(estimated)" in md
    assert ESTIMATE_NOTE in md
    code, csv_text, _ = run(runner, "export", "--format", "csv")
    header, first = csv_text.splitlines()[:2]
    assert header.endswith(",hours_are")
    assert first.endswith(",estimates")
    code, exported, _ = run(runner, "export", "--format", "json")
    assert json.loads(exported)["summary"]["hours_are"] == "estimates"
    code, schema, _ = run(runner, "packs", "schema")
    assert code == 0
    assert "estimate" in json.loads(schema)["$defs"]["Milestone"]["properties"]["hours"]["description"]
    code, schema, _ = run(runner, "schema", "plan")
    assert code == 0
    defs = json.loads(schema)["$defs"]
    assert "estimate" in defs["SummaryDoc"]["description"]
    assert "estimate" in defs["PlanItemDoc"]["description"]
    assert defs["SummaryDoc"]["properties"]["hours_are"]["const"] == "estimates"


# -- certifications -------------------------------------------------------------------------------------


def test_certs_lists_all_six_with_when_and_who_recommends(runner: CliRunner) -> None:
    code, out, _ = run(runner, "certs")
    assert code == 0
    doc = as_json(runner, "certs")
    assert len(doc["certifications"]) == 6
    for cert in doc["certifications"]:
        assert cert["name"] in out
        assert cert["when"]
        assert cert["as_of"]
        for named in cert["recommended_by"]:
            assert named["id"] in out
            assert named["as_of"]
    assert "When" in out
    assert "Named by" in out
    assert "Study" in out


# -- market ---------------------------------------------------------------------------------------------

MARKET_KEYS = {"id", "topic", "title", "value", "note", "source", "source_title", "cited", "as_of"}


def test_market_shows_each_figure_with_its_source_and_date(runner: CliRunner, catalog: Catalog) -> None:
    code, out, err = run(runner, "market")
    assert code == 0, err
    doc = as_json(runner, "market")
    assert doc["filter"] == {"topic": None}
    values = {f["id"]: f["value"] for f in doc["figures"]}
    assert values["bls-developer-growth"] == "17%"
    assert values["bls-openings-per-year"] == "about 129,200"
    assert values["codedeck-live-backend-roles"] == "9,095"
    assert values["skillexchange-open-positions"] == "375"
    assert values["so2025-javascript-share"] == "66%"
    assert values["so2025-rust-admired"] == "72%"
    assert values["serverless-market-2030"] == "$52.13 billion"
    assert values["postgresql-simple-writes"] == "15,000-25,000"
    assert values["mongodb-simple-writes"] == "20,000-35,000"
    for figure in doc["figures"]:
        assert set(figure) == MARKET_KEYS
        assert figure["source"] in catalog.sources
        assert re.fullmatch(r"\d{4}(-\d{2})?", figure["as_of"])
        assert figure["value"] in out
        assert f"{figure['source']} · {figure['as_of']}" in out


def test_market_topic_filters_and_an_unknown_topic_is_a_usage_error(runner: CliRunner) -> None:
    doc = as_json(runner, "market", "--topic", "jobs")
    assert doc["filter"] == {"topic": "jobs"}
    assert {f["topic"] for f in doc["figures"]} == {"jobs"}
    code, out, err = run(runner, "market", "--topic", "weather")
    assert (code, out) == (2, "")
    assert "jobs, languages, serverless, databases, path" in err


def test_the_guides_own_phase_lengths_are_shown(runner: CliRunner) -> None:
    """The career-path page's three phases of about 3, 3 and 4 months (10 months at 12 h a week),
    beside the what-matters guide's five stages, which the pack's phases follow."""
    doc = as_json(runner, "market", "--topic", "path")
    values = {f["id"]: (f["value"], f["source"], f["as_of"]) for f in doc["figures"]}
    assert values == {
        "careerpath-time-to-ready": ("about 10 months", "careerpath-2026", "2026"),
        "careerpath-phase-1-length": ("about 3 months", "careerpath-2026", "2026"),
        "careerpath-phase-2-length": ("about 3 months", "careerpath-2026", "2026"),
        "careerpath-phase-3-length": ("about 4 months", "careerpath-2026", "2026"),
        "whatmatters-plan-length": ("12 months", "whatmatters-2026", "2026"),
    }
    result = runner.invoke(app, ["market", "--topic", "path"], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    out = result.stdout
    flat = " ".join(out.split())
    for phase in ("phase 1 of 3: language and databases", "phase 2 of 3: APIs and auth", "phase 3 of 3"):
        assert phase in flat
    assert (out.count("about 3 months"), out.count("about 4 months")) == (2, 1)
    assert "at 12 h a week" in flat


# -- resources ------------------------------------------------------------------------------------------

#: Hosts of official documentation: the projects' and vendors' own sites, standards bodies, MDN.
OFFICIAL_HOSTS = {
    "docs.python.org",
    "docs.astral.sh",
    "git-scm.com",
    "www.typescriptlang.org",
    "nodejs.org",
    "docs.npmjs.com",
    "go.dev",
    "pkg.go.dev",
    "dev.java",
    "maven.apache.org",
    "doc.rust-lang.org",
    "docs.rs",
    "learn.microsoft.com",
    "www.php.net",
    "getcomposer.org",
    "www.postgresql.org",
    "fastapi.tiangolo.com",
    "docs.djangoproject.com",
    "expressjs.com",
    "fastify.dev",
    "hono.dev",
    "go-chi.io",
    "gin-gonic.com",
    "docs.spring.io",
    "actix.rs",
    "laravel.com",
    "www.rfc-editor.org",
    "docs.railway.com",
    "render.com",
    "fly.io",
    "docs.docker.com",
    "docs.sqlalchemy.org",
    "www.prisma.io",
    "docs.sqlc.dev",
    "hibernate.org",
    "documentation.red-gate.com",
    "docs.liquibase.com",
    "docs.pytest.org",
    "jestjs.io",
    "junit.org",
    "docs.phpunit.de",
    "pestphp.com",
    "docs.github.com",
    "redis.io",
    "spec.openapis.org",
    "learning.postman.com",
    "owasp.org",
    "graphql.org",
    "trpc.io",
    "docs.aws.amazon.com",
    "aws.amazon.com",
    "developers.cloudflare.com",
    "cloud.google.com",
    "prometheus.io",
    "grafana.com",
    "developer.mozilla.org",
    "kubernetes.io",
    "minikube.sigs.k8s.io",
    "www.rabbitmq.com",
    "opentelemetry.io",
    "developer.hashicorp.com",
    "kafka.apache.org",
    "grpc.io",
    "protobuf.dev",
    "www.cncf.io",
    "dotnet.microsoft.com",
    "alembic.sqlalchemy.org",
    "pressly.github.io",
    "vitest.dev",
    "docs.junit.org",
    "training.mirantis.com",
    "education.oracle.com",
    "www.mongodb.com",
    "cheatsheetseries.owasp.org",
    "github.com",  # only a project's own repository, where its docs live (pgvector)
    "leetcode.com",
    "docs.celeryq.dev",
    "docs.bullmq.io",
    "www.jobrunr.io",
    "docs.hangfire.io",
    "docs.pydantic.dev",
}


def all_resources(catalog: Catalog) -> list[tuple[str, list[dict[str, str]]]]:
    lists = []
    for item in catalog.items:
        lists.append((item["id"], item["resources"]))
        lists += [(f"{item['id']}[{s}]", r) for s, r in item["resources_by_stack"].items()]
    return lists


def test_resources_are_official_https_docs_at_most_four_and_unique(catalog: Catalog) -> None:
    lists = all_resources(catalog)
    assert sum(len(r) for _, r in lists) >= 60
    title_of: dict[str, str] = {}
    for where, resources in lists:
        assert len(resources) <= 4, where
        urls = [r["url"] for r in resources]
        assert len(urls) == len(set(urls)), where  # no link twice in one list
        for resource in resources:
            url = urlparse(resource["url"])
            assert url.scheme == "https", (where, resource["url"])
            assert url.hostname in OFFICIAL_HOSTS, (where, resource["url"])
            assert resource["kind"] in {"docs", "tutorial", "reference", "spec"}
            # one URL, one title, across the whole pack
            assert title_of.setdefault(resource["url"], resource["title"]) == resource["title"], where
    # every stack gets the docs of its own language and framework
    learn = catalog.by_id["learn-language-core"]
    api = catalog.by_id["crud-api-with-auth"]
    assert set(learn["resources_by_stack"]) == set(catalog.stacks) == set(api["resources_by_stack"])


def test_resources_reach_the_plan_json_and_the_markdown_export(runner: CliRunner) -> None:
    doc = as_json(runner, "plan", "-l", "python", "-H", "12", "--start", START)
    items = {i["id"]: i for i in doc["items"]}
    urls = [r["url"] for r in items["crud-api-with-auth"]["resources"]]
    assert "https://fastapi.tiangolo.com/" in urls
    assert all(set(r) == {"title", "url", "kind"} for i in doc["items"] for r in i["resources"])
    go = as_json(runner, "plan", "-l", "go", "-H", "12", "--start", START, "--dry-run")
    go_urls = [
        r["url"] for r in next(i for i in go["items"] if i["id"] == "learn-language-core")["resources"]
    ]
    assert "https://go.dev/doc/" in go_urls
    assert "https://docs.python.org/3/tutorial/" not in go_urls
    code, md, _ = run(runner, "export", "--format", "md")
    assert code == 0
    assert "  - Docs: [FastAPI documentation](https://fastapi.tiangolo.com/)" in md
    code, exported, _ = run(runner, "export", "--format", "json")
    by_id = {i["id"]: i for i in json.loads(exported)["items"]}
    assert by_id["crud-api-with-auth"]["resources"] == items["crud-api-with-auth"]["resources"]


def test_a_pack_with_too_many_or_non_https_resources_is_refused(runner: CliRunner, tmp_path: Any) -> None:
    pack = tmp_path / "links.yaml"
    links = "\n".join(
        f'      - {{title: "Doc {n}", url: "https://example.org/{n}", kind: docs}}' for n in range(5)
    )
    pack.write_text(
        "milestones:\n"
        "  - id: many-links\n"
        "    phase: foundations\n"
        '    title: "Too many links"\n'
        "    hours: 2\n"
        "    resources:\n"
        f"{links}\n"
        "    sources: [whatmatters-2026]\n"
        "  - id: plain-http\n"
        "    phase: foundations\n"
        '    title: "An unsafe link"\n'
        "    hours: 2\n"
        "    resources:\n"
        '      - {title: "Doc", url: "http://example.org/", kind: docs}\n'
        "    sources: [whatmatters-2026]\n",
        encoding="utf-8",
    )
    code, _out, err = run(runner, "plan", "-l", "go", "-H", "12", "--pack", str(pack), "--dry-run")
    assert code == 65
    assert "links.yaml:7:7: milestones[0].resources: list should have at most 4 items" in err
    assert "links.yaml:18:29: milestones[1].resources[0].url: string should match pattern" in err


def test_replan_keeps_the_chosen_certifications(runner: CliRunner) -> None:
    cka = "certified-kubernetes-administrator"
    first = as_json(runner, "plan", "-l", "go", "-H", "12", "--start", START, "--cert", cka)
    assert [c["id"] for c in first["certifications"]] == [cka]
    result = runner.invoke(app, ["replan", "--from", "2027-03-01", "--json"])
    assert result.exit_code == 0, result.output
    again = json.loads(result.stdout)
    assert again["request"]["certs"] == [cka]
    assert [c["id"] for c in again["certifications"]] == [cka]
    ids = {i["id"] for i in again["items"]}
    assert "cka-exam-prep" in ids
    assert "aws-saa-study" not in ids
    # the saved plan keeps what each item is: weekly practice, certification study, its docs
    weekly = next(i for i in again["items"] if i["id"] == "system-design-weekly")
    assert weekly["weekly_hours"] == 2
    assert next(i for i in again["items"] if i["id"] == "cka-exam-prep")["cert"] == cka
    learn = next(i for i in [*again["items"], *again["settled"]] if i["id"] == "learn-language-core")
    assert "https://go.dev/doc/" in [r["url"] for r in learn["resources"]]

    as_json(runner, "plan", "-l", "go", "-H", "12", "--start", START, "--cert", "none")
    result = runner.invoke(app, ["replan", "--from", "2027-03-01", "--json"])
    assert result.exit_code == 0, result.output
    none = json.loads(result.stdout)
    assert none["request"]["certs"] == []
    assert none["certifications"] == []


def test_levels_carry_skillexchanges_rung_details(runner: CliRunner) -> None:
    levels = {lv["id"]: lv for lv in as_json(runner, "levels")["levels"]}
    mid = " ".join(levels["mid"]["expects"])
    senior = " ".join(levels["senior"]["expects"])
    assert "OAuth" in mid
    assert "outside services" in mid
    assert "Kubernetes" in senior
    assert "Redis" in senior
    assert "skillexchange-2026" in levels["mid"]["sources"]
    assert "skillexchange-2026" in levels["senior"]["sources"]


def test_oauth_is_named_where_the_guides_name_it(runner: CliRunner, catalog: Catalog) -> None:
    api = catalog.by_id["crud-api-with-auth"]
    assert "OAuth" in api["description"]
    assert {"skillexchange-2026", "devroadmap-2026"} <= set(api["sources"])
