#!/usr/bin/env python3
"""Fails when a product library holds a function over 50 lines or a file over 500 lines
(DEVELOPERS.md, "Code"). Tests and benchmarks aside.

Usage: check_sizes.py SOURCE_DIR
A function is found as clang-format lays it out here: a signature starting in column 0, its body
opened by the first line that ends in "{", closed by the next "}" in column 0.
"""
import os
import sys

FOLDERS = ["log", "domain", "protocol", "config", "net", "local_store", "entities", "sync",
           "kiosk_ui", "agent", "central"]
MAX_FUNCTION, MAX_FILE = 50, 500


def signature_start(line):
    return (line and not line[0].isspace() and "(" in line and not line.rstrip().endswith(";")
            and not line.startswith(("#", "//", "namespace", "struct", "class", "enum", "}"))
            and "=" not in line.split("(")[0])


def long_functions(lines):
    i = 0
    while i < len(lines):
        if signature_start(lines[i]):
            j = i
            while j < len(lines) and j < i + 6 and not lines[j].rstrip().endswith("{"):
                if lines[j].rstrip().endswith(";"):
                    break
                j += 1
            if j < len(lines) and lines[j].rstrip().endswith("{"):
                k = j + 1
                while k < len(lines) and not lines[k].startswith("}"):
                    k += 1
                if k - i + 1 > MAX_FUNCTION:
                    yield i + 1, k - i + 1, lines[i][:80]
                i = k
        i += 1


def main():
    root = sys.argv[1]
    problems = []
    for folder in FOLDERS:
        for dirpath, _, files in os.walk(os.path.join(root, folder)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                lines = open(path).read().split("\n")
                if len(lines) > MAX_FILE:
                    problems.append(f"{rel}: {len(lines)} lines (at most {MAX_FILE})")
                for line, length, text in long_functions(lines):
                    problems.append(f"{rel}:{line}: a function of {length} lines: {text}")
    for p in problems:
        print(p)
    print(f"sizes: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
