"""roadmap: an offline study planner for people becoming backend engineers."""

__version__ = "0.1.0"
