"""Instructions per call from a callgrind output file: a function's inclusive Ir
per call, and the same for each function it calls directly (per call of it).

Usage: callgrind_calls.py CALLGRIND_OUT LABEL FUNCTION
  FUNCTION is matched as a prefix of the demangled name ("appjwt::verify(").
Prints one JSON object: {"row": LABEL, "function", "calls", "ir_per_call", "callees"}.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict

COMPRESSED = re.compile(r"\((\d+)\)(?: (.*))?")


def parse(path: str) -> tuple[dict, dict]:
    """(calls and inclusive Ir per callee, the same per (caller, callee) pair)."""
    names: dict[str, str] = {}  # callgrind compresses names to "(id)" after first use
    by_callee: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_edge: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    caller = callee = ""
    pending = 0

    def name_of(text: str) -> str:
        ident, name = COMPRESSED.match(text.strip()).groups()
        if name:
            names[ident] = name
        return names.get(ident, ident)

    with open(path) as out:
        for line in out:
            if line.startswith("fn="):
                caller = name_of(line[3:])
            elif line.startswith("cfn="):
                callee = name_of(line[4:])
            elif line.startswith("calls="):
                pending = int(line[6:].split()[0])
            elif pending and line[:1] in "0123456789+-*":
                inclusive = int(line.split()[1])  # the line after calls=: position, cost
                for totals in (by_callee[callee], by_edge[(caller, callee)]):
                    totals[0] += pending
                    totals[1] += inclusive
                pending = 0
    return by_callee, by_edge


def callees_of(function: str, calls: int, by_edge: dict) -> list[tuple[str, float]]:
    return sorted(((c, total[1] / calls) for (f, c), total in by_edge.items()
                   if f == function and c != function), key=lambda item: -item[1])


def report(path: str, label: str, prefix: str) -> dict:
    by_callee, by_edge = parse(path)
    matches = [n for n in by_callee if n.startswith(prefix) and "'" not in n]
    if not matches:
        raise SystemExit(f"callgrind_calls: no calls to {prefix!r} in {path}")
    function = max(matches, key=lambda n: by_callee[n][1])
    calls, inclusive = by_callee[function]
    callees = callees_of(function, calls, by_edge)
    # Through appjwt's thin wrappers (an overload forwarding to another): the real work.
    while callees and callees[0][0].startswith("appjwt::") and callees[0][1] >= 0.99 * inclusive / calls:
        callees = callees_of(callees[0][0], calls, by_edge)
    return {"row": label, "function": function, "calls": calls, "ir_per_call": inclusive / calls,
            "callees": [{"function": c, "ir_per_call": ir} for c, ir in callees if ir >= 50]}


def main() -> None:
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    print(json.dumps(report(*sys.argv[1:])))


if __name__ == "__main__":
    main()
