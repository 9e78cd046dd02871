"""Differential test against Alembic itself: random revision histories (linear runs,
branches, merges of 2-3 parents, branch labels, depends_on), written as real Alembic version
files in every syntax form miglint's reader claims, must give the same graph in
`miglint graph --format json` as Alembic's ScriptDirectory revision map (ids, parents,
depends_on, heads, bases). Broken histories (missing parent, cycle, duplicate id, unknown
depends_on) must be reported by miglint as the condition Alembic raises or warns about.
usage: /usr/bin/python3 tests/alembic_diff.py MIGLINT [SETS]"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import warnings

from alembic.script import ScriptDirectory

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"alembic-diff: FAIL {name}: {detail}")


def lit(rng, s):
    """A string literal in one of the forms the reader must understand."""
    form = rng.randrange(7)
    if form == 0:
        return repr(s)
    if form == 1:
        return '"%s"' % s
    if form == 2:
        return '"""%s"""' % s
    if form == 3:
        return "r'%s'" % s
    if form == 4 and len(s) > 2:
        return "'%s' '%s'" % (s[:2], s[2:])  # implicit concatenation
    if form == 5:
        return "u'%s'" % s
    return "'''%s'''" % s


def value(rng, items, allow_none=True):
    if not items and allow_none:
        return rng.choice(["None", "()", "[]"]) if rng.random() < 0.3 else "None"
    if len(items) == 1 and rng.random() < 0.6:
        return lit(rng, items[0])
    parts = [lit(rng, x) for x in items]
    form = rng.randrange(4)
    if form == 0:
        return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    if form == 1:
        return "[" + ", ".join(parts) + "]"
    if form == 2:  # over several lines, with a comment and a trailing comma
        return "(\n    " + ",\n    ".join(parts) + ",  # parents\n)"
    return "\\\n    " + ", ".join(parts) + ("," if len(parts) == 1 else "")  # bare tuple, continued


def write_revision(rng, d, rev, name=None):
    """Writes one revision file; `rev` has id, parents, depends_on, labels."""
    fname = name or f"{rev['id']}_{rng.choice(['add_users', 'idx', 'merge', 'seed', 'x'])}.py"
    down = rev["parents"]
    lines = []
    if rng.random() < 0.7:
        lines.append('"""%s\n\nRevision ID: %s\nRevises: %s\nCreate Date: 2024-01-01\n\n"""' %
                     ("migration", rev["id"], ", ".join(down)))
    lines.append("from typing import Sequence, Union")
    lines.append("")
    if rng.random() < 0.5:
        lines.append(f"revision: str = {lit(rng, rev['id'])}")
        lines.append(f"down_revision: Union[str, Sequence[str], None] = {value(rng, down)}")
    else:
        lines.append(f"revision = {lit(rng, rev['id'])}  # the id")
        lines.append(f"down_revision = {value(rng, down)}")
    if rev["labels"] or rng.random() < 0.5:
        lines.append(f"branch_labels = {value(rng, rev['labels'])}")
    if rev["depends"] or rng.random() < 0.5:
        lines.append(f"depends_on = {value(rng, rev['depends'])}")
    # code that assigns the same names where they do not count
    lines.append("\n\ndef upgrade():\n    revision = 'not-this'\n    down_revision = None\n    pass\n")
    lines.append("\nclass Helper:\n    depends_on = 'nothing'\n")
    lines.append("\ndef downgrade():\n    s = '''\nrevision = \"in a string\"\n'''\n    pass\n")
    open(os.path.join(d, fname), "w").write("\n".join(lines) + "\n")


def random_history(rng):
    n = rng.randint(1, 25)
    revs = []
    labels_used = set()
    heads = []
    for i in range(n):
        rid = "%012x" % rng.getrandbits(48)
        r = rng.random()
        if not revs or (r < 0.05 and len(revs) > 3):
            parents = []  # a new base (labelled, so that it is a legitimate branch)
        elif r < 0.2 and len(heads) >= 2:
            parents = rng.sample(heads, min(len(heads), rng.choice([2, 2, 3])))
        elif r < 0.35:
            parents = [rng.choice(revs)["id"]]  # a branch from an older revision
        else:
            parents = [rng.choice(heads)] if heads else [revs[-1]["id"]]
        labels = []
        if (not parents and revs) or rng.random() < 0.1:
            lab = "branch_%d" % i
            labels = [lab]
            labels_used.add(lab)
        depends = []
        if revs and rng.random() < 0.15:
            target = rng.choice(revs)["id"]
            if target not in parents:
                depends = [target]
        if labels_used and rng.random() < 0.05:
            depends.append(rng.choice(sorted(labels_used)))
        rev = {"id": rid, "parents": parents, "labels": labels, "depends": depends}
        revs.append(rev)
        heads = [h for h in heads if h not in parents] + [rid]
    return revs


def alembic_graph(d, locations=None):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            script = ScriptDirectory(d, version_locations=locations)
            m = script.revision_map
            result = {
                "heads": set(m.heads),
                "bases": set(m.bases),
                "revs": {},
            }
            for rev in script.walk_revisions():
                down = rev.down_revision
                parents = [] if down is None else ([down] if isinstance(down, str) else list(down))
                deps = rev.dependencies
                deps = [] if deps is None else ([deps] if isinstance(deps, str) else list(deps))
                result["revs"][rev.revision] = {"parents": parents, "depends": deps}
            return result, None, [str(w.message) for w in caught]
        except Exception as e:  # noqa: BLE001 - whatever Alembic raises is the answer
            return None, e, [str(w.message) for w in caught]


def graph_of(g):
    return {
        "heads": set(g["heads"]),
        "bases": set(g["bases"]),
        "revs": {m["id"]: {"parents": m["parents"], "depends": m["depends_on"]} for m in g["migrations"]},
    }


def miglint_graphs(miglint, d):
    out = subprocess.run([miglint, "graph", "--format", "json", d], capture_output=True, text=True)
    return [graph_of(g) for g in json.loads(out.stdout)["graphs"]]


def miglint_graph(miglint, d):
    graphs = miglint_graphs(miglint, d)
    return graphs[0] if graphs else {"revs": {}, "heads": set(), "bases": set()}


# Where a project that sets its version locations in code keeps its revisions (Neutron's
# layout): versions/ and versions/<release>/<expand|contract>/.
FOLDERS = ["", "2023/expand", "2023/contract", "2024/expand", "2024/contract"]


def one_base(revs):
    """The history with its later bases given the first revision as parent: every folder
    then names another's ids (a folder holding only an unlabelled extra base and its own
    descendants would be a project apart, which only code could join)."""
    for r in revs[1:]:
        if not r["parents"]:
            r["parents"] = [revs[0]["id"]]
    return revs


def split_sets(miglint, rng, tmp, sets):
    """Revision histories spread over release and branch folders, with no alembic.ini and (in
    half of the sets) no env.py, beside a second, unrelated history spread over its own
    folders: miglint must read two graphs, each equal to Alembic's with that project's
    folders as version_locations. The second project reuses the first's branch label names,
    so a depends_on on a label must tie to the nearest folder defining it."""
    compared = refused = 0
    for k in range(sets):
        d = os.path.join(tmp, f"split{k}")
        projects = []
        for name, folders in (("app", FOLDERS), ("other", ["a", "b"])):
            root = os.path.join(d, name)
            locations = [os.path.join(root, "versions", f) for f in folders]
            for loc in locations:
                os.makedirs(loc, exist_ok=True)
            revs = one_base(random_history(rng))
            for r in revs:
                write_revision(rng, rng.choice(locations), r)
            if name == "app" and k % 2:
                open(os.path.join(root, "env.py"), "w").write("# version_locations set here\n")
            projects.append((root, locations, {r["id"] for r in revs}))
        got = miglint_graphs(miglint, d)
        for root, locations, ids in projects:
            want, err, _ = alembic_graph(root, locations)
            if err:
                refused += 1  # a depends_on cycle: compared by the sets above
                continue
            compared += 1
            mine = [g for g in got if set(g["revs"]) & ids]
            check(f"split set {k} ({os.path.basename(root)}): one graph", len(mine) == 1,
                  f"{len(mine)} graphs hold its revisions: {[sorted(g['revs']) for g in mine]}")
            if len(mine) != 1:
                continue
            g = mine[0]
            check(f"split set {k} ({os.path.basename(root)}): same revisions", g["revs"] == want["revs"],
                  f"\n  alembic: {want['revs']}\n  miglint: {g['revs']}")
            check(f"split set {k}: same heads", g["heads"] == want["heads"], f"{want['heads']} != {g['heads']}")
            check(f"split set {k}: same bases", g["bases"] == want["bases"], f"{want['bases']} != {g['bases']}")
        check(f"split set {k}: two projects, not one", len(got) == 2, f"{len(got)} graphs")
    return compared, refused


def miglint_rules(miglint, d):
    out = subprocess.run([miglint, "check", "--format", "json", "--select", "MG1", d],
                         capture_output=True, text=True)
    return {f["rule"] for f in json.loads(out.stdout)["findings"]}


def main():
    miglint = os.path.abspath(sys.argv[1])
    sets = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rng = random.Random(20261121)
    tmp = tempfile.mkdtemp(prefix="miglint-alembic-")
    revisions = 0
    refused = 0
    try:
        for k in range(sets):
            d = os.path.join(tmp, f"ok{k}")
            os.makedirs(os.path.join(d, "versions"))
            revs = random_history(rng)
            revisions += len(revs)
            for r in revs:
                write_revision(rng, os.path.join(d, "versions"), r)
            want, err, _ = alembic_graph(d)
            if err:
                # a random history Alembic refuses (a depends_on on a label of a descendant
                # makes a dependency cycle): miglint must refuse it too
                cycle = type(err).__name__ in ("CycleDetected", "DependencyCycleDetected")
                rules = miglint_rules(miglint, os.path.join(d, "versions"))
                check(f"set {k}: alembic raises {type(err).__name__}, miglint reports MG104",
                      cycle and "MG104" in rules, f"{err!r}; miglint: {rules}")
                refused += 1
                continue
            got = miglint_graph(miglint, os.path.join(d, "versions"))
            check(f"set {k}: same revisions", got["revs"] == want["revs"],
                  f"\n  alembic: {want['revs']}\n  miglint: {got['revs']}")
            check(f"set {k}: same heads", got["heads"] == want["heads"], f"{want['heads']} != {got['heads']}")
            check(f"set {k}: same bases", got["bases"] == want["bases"], f"{want['bases']} != {got['bases']}")

        split, split_refused = split_sets(miglint, rng, tmp, max(sets // 5, 10))

        broken = {"missing parent": "MG101", "cycle": "MG104", "duplicate id": "MG105",
                  "unknown depends_on": "MG106"}
        for k in range(40):
            kind = list(broken)[k % 4]
            d = os.path.join(tmp, f"bad{k}")
            v = os.path.join(d, "versions")
            os.makedirs(v)
            revs = random_history(rng)
            while len(revs) < 3:
                revs = random_history(rng)
            victim = rng.randrange(1, len(revs))
            if kind == "missing parent":
                revs[victim]["parents"] = [revs[victim]["id"][:6] + "ffffff"]
            elif kind == "cycle":
                # the first revision now follows one of its own descendants (or itself)
                desc = {revs[0]["id"]}
                for r in revs[1:]:
                    if any(p in desc for p in r["parents"]):
                        desc.add(r["id"])
                later = [r["id"] for r in revs[1:] if r["id"] in desc]
                revs[0]["parents"] = [rng.choice(later) if later else revs[0]["id"]]
            elif kind == "unknown depends_on":
                revs[victim]["depends"] = ["nosuchrevision"]
            for r in revs:
                write_revision(rng, v, r)
            if kind == "duplicate id":
                write_revision(rng, v, dict(revs[victim], parents=revs[victim]["parents"]), name="zz_copy.py")
            want, err, warned = alembic_graph(d)
            alembic_says = err is not None or any("more than once" in w or "not present" in w for w in warned)
            check(f"broken set {k} ({kind}): alembic objects", alembic_says, "alembic accepted it")
            rules = miglint_rules(miglint, v)
            check(f"broken set {k} ({kind}): miglint reports {broken[kind]}", broken[kind] in rules, str(rules))
    finally:
        shutil.rmtree(tmp)
    print(f"alembic-diff: {sets} random histories ({revisions} revisions; {refused} of them refused by "
          f"Alembic as cycles) and 40 deliberately broken ones compared with Alembic's ScriptDirectory")
    print(f"alembic-diff: {split} projects spread over release/branch folders beside an unrelated "
          f"one ({split_refused} refused by Alembic as cycles) compared with Alembic given those "
          f"folders as version_locations")
    print(f"alembic-diff: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
