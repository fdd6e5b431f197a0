#!/usr/bin/env python3
"""The layering check must catch what it is for: run it on a copy of the build files with three
planted violations and expect exactly those three. Usage: check_layering_test.py SOURCE_DIR"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDERS = ["log", "domain", "protocol", "config", "net", "local_store", "entities", "sync", "kiosk_ui",
           "agent", "central"]

root = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    for folder in FOLDERS:
        os.makedirs(os.path.join(tmp, folder))
        shutil.copy(os.path.join(root, folder, "CMakeLists.txt"), os.path.join(tmp, folder))
    planted = {
        "protocol/bad.hpp": '#include "local_store/sqlite_database.hpp"\n',
        "sync/bad.cpp": "#include <sqlite3.h>\n#include <boost/asio/io_context.hpp>\n",
        "entities/fine.cpp": '#include "protocol/records.hpp"\n#include "local_store/transaction.hpp"\n',
    }
    for rel, text in planted.items():
        with open(os.path.join(tmp, rel), "w") as f:
            f.write(text)
    run = subprocess.run([sys.executable, os.path.join(HERE, "check_layering.py"), tmp],
                         capture_output=True, text=True)
    lines = [l for l in run.stdout.splitlines() if not l.startswith("layering:")]
    expected = ["protocol/bad.hpp:1: includes", "sync/bad.cpp:1: sqlite3.h", "sync/bad.cpp:2: Boost"]
    ok = run.returncode == 1 and len(lines) == 4 and all(
        any(l.startswith(e) for l in lines) for e in expected)
    # protocol/bad.hpp is reported twice: protocol does not link local_store, and it is pure.
    print(run.stdout)
    print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
    sys.exit(0 if ok else 1)
