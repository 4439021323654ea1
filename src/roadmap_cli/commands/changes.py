"""The old home of :mod:`roadmap_cli.changes`, kept for ``roadmap_cli.track`` until it imports the
new one (tests/test_layers.py lists that import as known debt). Not a command."""

from roadmap_cli.changes import Entry as Entry
from roadmap_cli.changes import change_ids as change_ids
from roadmap_cli.changes import record as record
from roadmap_cli.changes import tick_value as tick_value
