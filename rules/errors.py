"""Errors the rules engine raises for input it cannot evaluate."""


class FactsError(ValueError):
    """The facts given to the engine are invalid; the message names the offending fact."""

    def __init__(self, message: str, fact: str | None = None) -> None:
        super().__init__(message)
        self.fact = fact


class UnknownPolicyError(ValueError):
    """The policy profile name is not one the engine implements."""
