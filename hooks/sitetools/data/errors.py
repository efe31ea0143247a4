"""The one error of the data layer: a problem in a data file, in one line.

    data/statutes.yml: entry 'cc-338': field 'parts[0].punishments[1].max': must be greater than 0
"""

from __future__ import annotations


class DataError(Exception):
    """A problem in a data file, described in one line."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        entry: str | None = None,
        field: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file, self.entry, self.field, self.line = file, entry, field, line
        self.problem = " ".join(problem.split())
        where = [file]
        if line is not None:
            where.append(f"line {line}" + (f", column {column}" if column is not None else ""))
        if entry is not None:
            where.append(f"entry {entry}")
        if field:
            where.append(f"field '{field}'")
        super().__init__(": ".join([*where, self.problem]))
