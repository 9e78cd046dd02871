"""Differential test of miglint's Django reader against Django's own MigrationLoader.

Generates random projects (several apps, chains, cross-app dependencies, __first__, squashed
migrations with `replaces`, run_before, branches that conflict, broken dependencies and cycles),
loads each with django.db.migrations.loader.MigrationLoader (no database) and compares with
`miglint graph --format json` (nodes and parents) and `miglint check` (MG101 unknown
dependency, MG104 cycle, MG102 conflicting leaves). Run with /usr/bin/python3 (Debian's
python3-django)."""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 120
passed = failed = 0


def write_project(root, rnd):
    apps = [f"app{i}" for i in range(rnd.randint(1, 4))]
    made = {}
    for app in apps:
        os.makedirs(os.path.join(root, app, "migrations"))
        open(os.path.join(root, app, "__init__.py"), "w").close()
        open(os.path.join(root, app, "migrations", "__init__.py"), "w").close()
        made[app] = []
    broken = rnd.random() < 0.15
    cyclic = rnd.random() < 0.1
    for app in apps:
        n = rnd.randint(1, 6)
        names = [f"{i + 1:04d}_m{i + 1}" for i in range(n)]
        if n > 2 and rnd.random() < 0.2:  # a branch: two migrations after the same parent
            names.append(f"{n:04d}_branch")
        made[app] = names
    specs = {}
    for app in apps:
        names = made[app]
        for i, name in enumerate(names):
            deps = []
            if name.endswith("_branch"):
                deps.append((app, names[int(name[:4]) - 2]))
            elif i > 0:
                deps.append((app, names[i - 1]))
            others = [a for a in apps if a != app]
            if others and rnd.random() < 0.3:
                other = rnd.choice(others)
                deps.append((other, rnd.choice(made[other] + ["__first__"])))
            if rnd.random() < 0.1:
                # an app installed from outside the repository (external for miglint)
                deps.append(("contenttypes", "0002_remove_content_type_name"))
            specs[(app, name)] = {"deps": deps, "replaces": [], "run_before": []}
    # a squash replacing the first migrations of an app
    for app in apps:
        names = [n for n in made[app] if not n.endswith("_branch")]
        if len(names) >= 3 and rnd.random() < 0.35:
            k = rnd.randint(2, len(names) - 1)
            sq = f"{1:04d}_squashed_{k:04d}"
            outside = [d for n in names[:k] for d in specs[(app, n)]["deps"] if d[0] != app]
            specs[(app, sq)] = {"deps": outside, "replaces": [(app, n) for n in names[:k]], "run_before": []}
            made[app].append(sq)
    if len(apps) > 1 and rnd.random() < 0.2:
        a, b = rnd.sample(apps, 2)
        specs[(a, made[a][0])]["run_before"].append((b, made[b][-1]))
    keys = list(specs)
    if broken:
        app, name = rnd.choice(keys)
        specs[(app, name)]["deps"].append((rnd.choice(apps), "9999_missing"))
    if cyclic:
        app, name = rnd.choice(keys)
        app2, name2 = rnd.choice(keys)
        specs[(app2, name2)]["deps"].append((app, name))
        specs[(app, name)]["deps"].append((app2, name2))
    for (app, name), spec in specs.items():
        with open(os.path.join(root, app, "migrations", name + ".py"), "w") as f:
            f.write("from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n")
            f.write(f"    dependencies = {spec['deps']!r}\n")
            if spec["replaces"]:
                f.write(f"    replaces = {spec['replaces']!r}\n")
            if spec["run_before"]:
                f.write(f"    run_before = {spec['run_before']!r}\n")
            f.write("    operations = []\n")
    return apps


DJANGO = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["django.contrib.contenttypes"] + sys.argv[2].split(","), DATABASES={})
django.setup()
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.exceptions import NodeNotFoundError, CircularDependencyError
try:
    loader = MigrationLoader(None, ignore_no_migrations=True)
except NodeNotFoundError:
    print(json.dumps({"error": "unknown"})); sys.exit()
except CircularDependencyError:
    print(json.dumps({"error": "cycle"})); sys.exit()
try:
    loader.graph.ensure_not_cyclic()
except CircularDependencyError:
    print(json.dumps({"error": "cycle"})); sys.exit()
g = loader.graph
ours = set(sys.argv[2].split(","))
nodes = {f"{a}.{n}": sorted(f"{p.key[0]}.{p.key[1]}" for p in g.node_map[(a, n)].parents if p.key[0] in ours)
         for (a, n) in g.nodes if a in ours}
print(json.dumps({"nodes": nodes, "conflicts": sorted(loader.detect_conflicts())}))
'''


def miglint(root):
    graph = json.loads(subprocess.run([BIN, "graph", "--format", "json", "--framework", "django", root],
                                      capture_output=True, text=True, check=True).stdout)
    check = json.loads(subprocess.run([BIN, "check", "--format", "json", "--framework", "django",
                                       "--select", "MG101,MG102,MG104", root],
                                      capture_output=True, text=True).stdout)
    codes = {}
    for x in check["findings"]:
        codes.setdefault(x["rule"], set()).add(x.get("migration") or "")
    nodes = {}
    for gr in graph["graphs"]:
        for m in gr["migrations"]:
            nodes[m["id"]] = sorted(m["parents"])
    return nodes, codes


def main():
    global passed, failed
    rnd = random.Random(20261121)
    for case in range(COUNT):
        root = tempfile.mkdtemp(prefix="mg-django-")
        try:
            apps = write_project(root, rnd)
            want = json.loads(subprocess.run(["/usr/bin/python3", "-c", DJANGO, root, ",".join(apps)],
                                             capture_output=True, text=True, check=True).stdout)
            nodes, codes = miglint(root)
            if "error" in want:
                rule = {"unknown": "MG101", "cycle": "MG104"}[want["error"]]
                ok = rule in codes
                why = f"Django raised {want['error']}, miglint reported {sorted(codes)}"
            else:
                live = {k: v for k, v in nodes.items() if k in want["nodes"] or v}
                conflicts = sorted({m.split(".")[0] for m in codes.get("MG102", ())})
                ok = (live == want["nodes"] and conflicts == want["conflicts"]
                      and "MG101" not in codes and "MG104" not in codes)
                why = f"nodes differ or conflicts {conflicts} != {want['conflicts']} ({sorted(codes)})"
                if live != want["nodes"]:
                    diff = {k: (live.get(k), want["nodes"].get(k)) for k in set(live) | set(want["nodes"])
                            if live.get(k) != want["nodes"].get(k)}
                    why += f": {diff}"
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"django: FAIL case {case}: {why}")
                print(f"  kept in {root}")
                continue
        except subprocess.CalledProcessError as e:
            failed += 1
            print(f"django: FAIL case {case}: {e} {e.stderr}")
            continue
        shutil.rmtree(root)
    print(f"django: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
