"""Regenerates the standard-library module lists the python-stdlib-shadow rule (PKG-5) checks.

Run it with each interpreter the platform offers (pyenv on the build machine had them all):

    for v in 2.7 3.6 3.9 3.10 3.12; do ~/.pyenv/versions/$v.*/bin/python generate.py > $v.json; done

Python 3.10+ publish the list themselves (sys.stdlib_module_names). Older ones do not, so the
list is the interpreter's own stdlib folder (modules, packages, lib-dynload extensions) plus
sys.builtin_module_names, minus what 3.10's own list leaves out of the same scan (`test`,
`site-packages` contents, `__phello__`-style test helpers): under 3.10 this scan minus EXCLUDED is a
subset of sys.stdlib_module_names (what it misses are Windows/macOS-only modules, irrelevant on Linux).
Only top-level names matter: a user's `json.py` or `json/` shadows `json`, whatever its submodules.
"""
import json
import re
import os
import sys
import sysconfig

EXCLUDED = {"test", "site-packages", "__phello__", "__hello__", "_testcapi", "_testbuffer",
            "_testimportmultiple", "_testmultiphase", "_xxtestfuzz", "_ctypes_test", "_testinternalcapi",
            "xxlimited", "xxsubtype", "_xxsubinterpreters", "xxlimited_35", "_testclinic"}


def scan():
    names = set(sys.builtin_module_names)
    stdlib = sysconfig.get_paths()["stdlib"]
    for folder in (stdlib, os.path.join(stdlib, "lib-dynload")):
        for entry in os.listdir(folder):
            full = os.path.join(folder, entry)
            if entry.endswith(".py"):
                names.add(entry[:-3])
            elif entry.endswith(".so") or entry.endswith(".pyd"):
                names.add(entry.split(".")[0])
            elif os.path.isdir(full) and os.path.exists(os.path.join(full, "__init__.py")):
                names.add(entry)
    identifier = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
    return {n for n in names if identifier.match(n) and n not in EXCLUDED}


if hasattr(sys, "stdlib_module_names"):
    modules = set(sys.stdlib_module_names)
else:
    modules = scan()

sys.stdout.write(json.dumps({
    "python": "%d.%d" % sys.version_info[:2],
    "source": "sys.stdlib_module_names" if hasattr(sys, "stdlib_module_names") else "stdlib folder scan + sys.builtin_module_names",
    "modules": sorted(modules),
}, indent=0) + "\n")
