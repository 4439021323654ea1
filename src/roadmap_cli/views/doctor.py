"""What ``roadmap doctor`` found, as typed results: the checks (:mod:`roadmap_cli.doctor`) make
them, and render turns them into text or JSON without knowing how they were made."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from roadmap_cli.errors import ExitCode

Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str
    exit_code: ExitCode = ExitCode.FAILURE  # what a failure of this check makes the command exit with
