"""Differential test of miglint's sqitch plan reader against `sqitch plan` (Debian's sqitch).

Generates random plans (requirements, conflicts, tags, reworked changes, and now and then a
requirement planned later, an unknown one, a self-requirement or a duplicate without rework).
sqitch refuses a broken plan; miglint must then report MG104/MG105/MG106/MG119 at
sqitch.plan, and for a plan sqitch accepts report none of them and list the same changes in
the same order in `miglint graph --format json`."""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 60
PLAN_RULES = {"MG104", "MG105", "MG106", "MG119"}
D = "2024-01-01T00:00:00Z Ann <ann@example.com>"


def make_plan(rnd):
    lines, planned, tags = [], [], []
    since_tag = set()
    for i in range(rnd.randint(2, 12)):
        if planned and rnd.random() < 0.15:
            tag = f"v{len(tags) + 1}"
            tags.append(tag)
            lines.append(f"@{tag} {D} # tag")
            since_tag = set()
            continue
        rework = [c for c in planned if c not in since_tag]
        if tags and rework and rnd.random() < 0.15:
            name = rnd.choice(rework)
            reqs = [f"{name}@{tags[-1]}"]
        else:
            name = f"c{i}"
            reqs = rnd.sample(planned, min(len(planned), rnd.randint(0, 2)))
        if rnd.random() < 0.1:
            reqs.append("!" + f"gone{i}")
        planned.append(name)
        since_tag.add(name)
        lines.append(f"{name} [{' '.join(reqs)}] {D} # change" if reqs else f"{name} {D} # change")
    fault = rnd.random()
    changes = [k for k, l in enumerate(lines) if not l.startswith("@")]
    if fault < 0.1 and len(changes) > 1:  # a requirement planned later
        a, b = sorted(rnd.sample(changes, 2))
        later = lines[b].split()[0]
        first = lines[a].split(" ", 1)
        lines[a] = f"{first[0]} [{later}] {D} # change"
    elif fault < 0.2:
        k = rnd.choice(changes)
        lines[k] = f"{lines[k].split()[0]} [nosuch] {D} # change"
    elif fault < 0.27:
        k = rnd.choice(changes)
        n = lines[k].split()[0]
        lines[k] = f"{n} [{n}] {D} # change"
    elif fault < 0.35:
        k = rnd.choice(changes)
        lines.insert(k + 1, f"{lines[k].split()[0]} {D} # again")
    return "%syntax-version=1.0.0\n%project=diff\n\n" + "\n".join(lines) + "\n"


def main():
    rnd = random.Random(20261121)
    passed = failed = 0
    for case in range(COUNT):
        root = tempfile.mkdtemp(prefix="mg-sqitch-")
        with open(os.path.join(root, "sqitch.conf"), "w") as f:
            f.write("[core]\n\tengine = pg\n")
        with open(os.path.join(root, "sqitch.plan"), "w") as f:
            f.write(make_plan(rnd))
        r = subprocess.run(["sqitch", "plan", "--no-headers", "-f", "format:%n"], cwd=root,
                           capture_output=True, text=True)
        sqitch_ok = r.returncode == 0 and "error" not in r.stderr.lower() and "error" not in r.stdout.lower()
        # every planned change needs a deploy script for miglint to see the project
        names = []
        for line in open(os.path.join(root, "sqitch.plan")):
            w = line.split()
            if w and not line.startswith(("%", "@")):
                names.append(w[0])
        for d in ("deploy", "revert", "verify"):
            os.makedirs(os.path.join(root, d))
            for n in set(names):
                open(os.path.join(root, d, n + ".sql"), "w").write("SELECT 1;\n")
        chk = json.loads(subprocess.run([BIN, "check", "--format", "json", root], capture_output=True,
                                        text=True).stdout)
        found = {x["rule"] for x in chk["findings"]} & PLAN_RULES
        ok = (not found) == sqitch_ok
        why = f"sqitch {'accepts' if sqitch_ok else 'refuses'} the plan, miglint reports {sorted(found)}"
        if ok and sqitch_ok:
            graph = json.loads(subprocess.run([BIN, "graph", "--format", "json", root], capture_output=True,
                                              text=True, check=True).stdout)
            ours = [m["id"].split("@")[0] for g in graph["graphs"] for m in g["migrations"]]
            theirs = r.stdout.split()
            ok = ours == theirs
            why = f"change order {ours} != sqitch's {theirs}"
        if ok:
            passed += 1
            shutil.rmtree(root)
        else:
            failed += 1
            print(f"sqitch: FAIL case {case}: {why}\n  kept in {root}")
    print(f"sqitch: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
