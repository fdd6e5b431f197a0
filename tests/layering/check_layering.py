#!/usr/bin/env python3
"""Fails when a library includes a header it may not (docs/architecture.md, "Modules").

Usage: check_layering.py SOURCE_DIR

1. A project header ("folder/x.hpp") may be included only from its own folder or from a folder
   whose CMake library links that folder's library, directly or through others (the links are read
   from each folder's CMakeLists.txt, so this follows the build, not a second list).
2. sqlite3.h only in local_store/*.cpp; Boost only in the HTTP server and the two programs'
   service and command files; protocol/ and domain/ nothing but the standard library,
   nlohmann-json, date (domain) and each other.
Prints every violation as FILE:LINE: message and exits 1 if there is any.
"""
import os
import re
import sys

LIBRARY_FOLDERS = ["log", "domain", "protocol", "config", "net", "local_store", "entities", "sync",
                   "kiosk_ui", "agent", "central"]
# net/connection_stream.hpp is internal to net/: only http_server.cpp includes it.
BOOST_ALLOWED = {"net/http_server.cpp", "net/connection_stream.hpp", "sync/central_client.cpp",
                 "agent/agent_service.cpp", "central/central_command.cpp",
                 "central/pull_waiters.cpp"}
SQLITE_ALLOWED_FOLDER = "local_store"
PURE_FOLDERS = {"domain": {"domain"}, "protocol": {"protocol", "domain"}}
STD_HEADER = re.compile(r"^[a-z_]+(\.h)?$")


def library_links(root):
    """folder -> set of folders its library links (onthaal_<folder>; agent_lib, central_lib)."""
    names = {f"onthaal_{f}": f for f in LIBRARY_FOLDERS}
    names["onthaal_agent_lib"] = "agent"
    names["onthaal_central_lib"] = "central"
    links = {}
    for folder in LIBRARY_FOLDERS:
        text = open(os.path.join(root, folder, "CMakeLists.txt")).read()
        deps = set()
        for block in re.findall(r"target_link_libraries\(([^)]*)\)", text, re.S):
            for word in block.split():
                if word in names and names[word] != folder:
                    deps.add(names[word])
        links[folder] = deps
    return links


def closure(links):
    out = {}
    for folder in links:
        seen, todo = set(), list(links[folder])
        while todo:
            f = todo.pop()
            if f not in seen:
                seen.add(f)
                todo.extend(links.get(f, ()))
        out[folder] = seen
    return out


def check_file(rel, text, reach):
    folder = rel.split("/")[0]
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
        if not m:
            continue
        header = m.group(2)
        top = header.split("/")[0]
        if top in LIBRARY_FOLDERS and "/" in header:
            if top != folder and top not in reach[folder]:
                problems.append(f"{rel}:{number}: includes {header} but {folder} does not link {top}")
            if folder in PURE_FOLDERS and top not in PURE_FOLDERS[folder]:
                problems.append(f"{rel}:{number}: {folder} is pure and may not include {header}")
            continue
        if header == "sqlite3.h" and not (folder == SQLITE_ALLOWED_FOLDER and rel.endswith(".cpp")):
            problems.append(f"{rel}:{number}: sqlite3.h outside local_store/*.cpp")
        if header.startswith("boost/") and rel not in BOOST_ALLOWED:
            problems.append(f"{rel}:{number}: Boost outside the HTTP server and service files")
        if folder in PURE_FOLDERS:
            allowed = STD_HEADER.match(header) or header.startswith("nlohmann/") or \
                (folder == "domain" and header.startswith("date/")) or \
                (folder == "domain" and header == "sodium.h" and rel.endswith(".cpp"))
            if not allowed:
                problems.append(f"{rel}:{number}: {folder} is pure and may not include <{header}>")
    return problems


def main():
    root = sys.argv[1]
    reach = closure(library_links(root))
    problems = []
    checked = 0
    for folder in LIBRARY_FOLDERS:
        for dirpath, _, files in os.walk(os.path.join(root, folder)):
            for name in sorted(files):
                if name.endswith((".cpp", ".hpp")):
                    path = os.path.join(dirpath, name)
                    rel = os.path.relpath(path, root)
                    problems += check_file(rel, open(path).read(), reach)
                    checked += 1
    for p in problems:
        print(p)
    print(f"layering: {checked} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
