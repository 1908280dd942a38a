"""The errors samantha raises.

Every error is a :class:`SamanthaError`, so a bot that embeds samantha can catch
that one class. Messages are written for a person: they say what went wrong and,
where it helps, what to do about it.

- :class:`KnowledgeError`: a review file or the facts table cannot be used.
- :class:`ModelError`: the embedding model cannot be loaded or run.
- :class:`StateError`: a saved conversation cannot be restored.
"""

from __future__ import annotations


class SamanthaError(Exception):
    """Base class of every error samantha raises."""


class KnowledgeError(SamanthaError):
    """A file in the knowledge folder is missing, unreadable or malformed."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ModelError(SamanthaError):
    """The embedding model could not be loaded or used."""


class StateError(SamanthaError):
    """A saved conversation state is not one samantha can resume."""
