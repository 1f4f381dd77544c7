#!/usr/bin/env python3
"""Fails (exit 1) when a valgrind log holds an error or a definite leak in appjwt's code.

    valgrind_report.py LOG

The interpreters (CPython, Node/V8) keep memory until exit and have known
valgrind noise of their own, so only records with a frame in appjwt (the core,
the Python extension, the Node addon) count.
"""

from __future__ import annotations

import re
import sys

OURS = re.compile(r"appjwt|_native\.cpython|appjwt\.node")
RECORD_START = re.compile(
    r"^==\d+== (Invalid |Conditional jump|Use of uninitialised|Syscall param|Mismatched|"
    r"Source and destination overlap|Argument .* of function|\d[\d,]* .*bytes in [\d,]+ blocks "
    r"are definitely lost)"
)


def records(lines: list[str]) -> list[list[str]]:
    found: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if RECORD_START.match(line):
            current = [line]
            found.append(current)
        elif current is not None:
            if re.match(r"^==\d+== ?$", line):
                current = None
            else:
                current.append(line)
    return found


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
        lines = log.read().splitlines()
    ours = [record for record in records(lines) if any(OURS.search(line) for line in record)]
    for record in ours:
        print("\n".join(record), end="\n\n")
    summary = [line for line in lines if "ERROR SUMMARY" in line or "definitely lost:" in line]
    print("\n".join(summary))
    if ours:
        sys.exit(f"valgrind: {len(ours)} error or leak record(s) in appjwt code")
    print("valgrind: no errors or definite leaks in appjwt code")


if __name__ == "__main__":
    main()
