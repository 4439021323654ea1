"""One module per command or group of commands: each parses its options, calls the code that does
the work and hands the typed result to render. ``COMMANDS`` lists them, for the parser
(``roadmap_cli.cli``) and for the daily commands' way around it (``roadmap_cli.fast``) alike."""

#: Every command, in the order help lists them, and the first paragraph of its help: written here
#: once, and each command's help is made from it (``help_text``). Help and completion read the
#: summaries here, so listing the commands imports none of them.
COMMANDS: dict[str, str] = {
    "plan": "Make a dated, day-by-day study plan that fits the hours you have, on the days you have them.",
    "check": "Tick off what you have done.",
    "skip": "Mark items you already know: they count as done.",
    "note": "Keep a note on an item.",
    "status": "Show where you stand against your plan.",
    "today": "Say what to study today, in the time you have.",
    "next": "Show what to do this week, with the ids to tick.",
    "show": "Show your active plan as it was saved, each item with its state, or one item whole.",
    "log": "Record time you studied an item: partial progress, and your real pace.",
    "review": "Review what you finished, so that you still know it at the interview.",
    "assess": "Rate yourself 0-3 on each skill of your plan; what you already know leaves it.",
    "replan": "Re-flow what is left of your plan from today; ticks and skips are kept.",
    "break": "Plan time off: a holiday, exams, a move. Nothing is planned on those days.",
    "salary": (
        "Show what backend engineers are paid, by level and place, each figure with its source and date."
    ),
    "levels": "Show the career ladder: years at each level, what is expected and what gets you promoted.",
    "certs": (
        "List certifications worth having, their issuers, and when in the plan to study for each, and why."
    ),
    "skills": "List skills with the demand and salary impact the sources give, and the month to learn each.",
    "market": "Show the job-market figures the guides give: growth, openings, roles, languages, path length.",
    "stacks": "List the stacks `roadmap plan --lang` takes, with their frameworks and tools.",
    "export": "Export your plan and progress as Markdown, JSON, CSV or a calendar (.ics).",
    "report": "Write one HTML page of your plan and progress, to keep, print or send to a mentor.",
    "where": "Show where roadmap keeps your files.",
    "doctor": "Check that roadmap's content and files are healthy, and say what to do about what is not.",
    "schema": "Print the JSON Schema of a JSON document roadmap prints, to check or generate code against.",
    "plans": "List the plans you made; make an earlier one your active plan again.",
    "progress": "Back up your progress and merge a backup back in.",
    "sync": "Sync your progress with your other machines, through a git repository you own.",
    "packs": "Content packs: list them, check your own, get the schema, start a new one.",
}

#: Commands whose module is not named as they are (``break`` is a Python keyword).
MODULES = {"break": "breaks"}


def help_text(name: str, body: str) -> str:
    """A command's help: its summary above (written once, in ``COMMANDS``), then the rest."""
    return f"{COMMANDS[name]}\n\n{body}"
