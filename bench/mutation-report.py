"""Writes Stryker's JSON reports into docs/reliability.md (bench/run-mutation.sh calls it).

Each scope gets a block between <!-- scope:NAME --> markers inside the "mutation-results" markers: its
score and every mutant that survived or had no test. Scopes not run this time keep their block; the
summary table above the blocks is rebuilt from all of them.

A survivor listed in the table between the "equivalent-mutants" markers (a kind, then the file, the mutated
code as Stryker writes it and a piece of the original line, each in backticks) is marked with its kind in
its scope's table; those of kind "equivalent" are left out of the second score, since a mutant no input
can tell apart from the code cannot be killed by a test. Other kinds (a branch only Windows reaches) count.
"""
import fnmatch
import json
import os
import re
import sys

doc_path, stamp, scopes_text, wanted_text, *reports = sys.argv[1:]
wanted = wanted_text.split()

# scope -> [(project, pattern)]; "**/" in a Stryker glob is "any folders", which fnmatch's "*" already is.
scopes = {}
for line in scopes_text.strip().splitlines():
    scope, project, glob = (part.strip() for part in line.split("|"))
    scopes.setdefault(scope, []).append((project, glob.replace("**/", "*")))

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def scope_of(project, path):
    for scope, patterns in scopes.items():
        if any(p == project and fnmatch.fnmatch(path, "*" + pattern.lstrip("*")) for p, pattern in patterns):
            return scope
    return None


results = {scope: {"killed": 0, "survived": [], "files": set()} for scope in wanted}
for report_path in reports:
    project = "protocol" if report_path.rstrip("/").split("/")[-3].endswith("-protocol") else "app"
    report = json.load(open(report_path, encoding="utf-8"))
    for path, file in report["files"].items():
        rel = os.path.relpath(path, os.getcwd()) if os.path.isabs(path) else path
        scope = scope_of(project, rel)
        if scope not in results:
            continue
        results[scope]["files"].add(rel)
        source = file.get("source", "").splitlines()
        for mutant in file["mutants"]:
            status = mutant["status"]
            if status in DETECTED:
                results[scope]["killed"] += 1
            elif status in UNDETECTED:
                line = mutant["location"]["start"]["line"]
                code = source[line - 1].strip() if line <= len(source) else ""
                results[scope]["survived"].append((rel, line, status, mutant["mutatorName"], mutant.get("replacement", ""), code))


def normal(text):
    return " ".join(text.split())


def listed_in(doc):
    """(kind, file, replacement, piece of the line) of every survivor the document accounts for."""
    m = re.search(r"<!-- equivalent-mutants:begin -->(.*?)<!-- equivalent-mutants:end -->", doc, re.S)
    listed = []
    for row in (m.group(1).splitlines() if m else []):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]
        if len(cells) < 5 or not all(c.startswith("`") and c.endswith("`") for c in cells[1:4]):
            continue
        kind, file, replacement, piece = cells[0], *(normal(c[1:-1].replace("\\|", "|")) for c in cells[1:4])
        listed.append((kind, file, replacement, piece))
    return listed


def kind_of(listed, path, replacement, code):
    """How the document accounts for a survivor ("equivalent", ...), or None."""
    for kind, f, r, piece in listed:
        if f == os.path.basename(path) and r == normal(replacement) and piece in normal(code):
            return kind
    return None


def cell(text, limit=90):
    text = " ".join(text.split()).replace("|", "\\|").replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def block(scope, r, listed):
    survived = sorted(r["survived"])
    total = r["killed"] + len(survived)
    score = 100.0 * r["killed"] / total if total else 100.0
    kinds = {s: kind_of(listed, s[0], s[4], s[5]) for s in survived}
    equivalent = [s for s in survived if kinds[s] == "equivalent"]
    countable = total - len(equivalent)
    without = 100.0 * r["killed"] / countable if countable else 100.0
    lines = [f"<!-- scope:{scope} -->",
             f"#### {scope}: {score:.1f}% ({r['killed']} of {total}), run {stamp}; "
             f"{len(equivalent)} listed as equivalent, {without:.1f}% without them", "",
             "Files: " + ", ".join(f"`{f}`" for f in sorted(r["files"])), ""]
    if survived:
        lines += ["| where | status | mutation | code |", "|---|---|---|---|"]
        lines += [f"| `{os.path.basename(f)}:{line}` | {status}{', ' + kinds[(f, line, status, mutator, replacement, code)] if kinds[(f, line, status, mutator, replacement, code)] else ''}"
                  f" | {cell(mutator)}: `{cell(replacement, 60)}` | `{cell(code)}` |"
                  for f, line, status, mutator, replacement, code in survived]
    else:
        lines.append("No mutant survived.")
    lines += ["", f"<!-- /scope:{scope} -->"]
    return "\n".join(lines), score, r["killed"], total, len(equivalent), without


doc = open(doc_path, encoding="utf-8").read()
listed = listed_in(doc)
BEGIN, END = "<!-- mutation-results:begin -->", "<!-- mutation-results:end -->"
if BEGIN not in doc:
    doc = doc.rstrip("\n") + f"\n\n## Mutation testing: results\n\n{BEGIN}\n{END}\n"
head, rest = doc.split(BEGIN, 1)
inner, tail = rest.split(END, 1)

blocks = {m.group(1): m.group(0) for m in re.finditer(r"<!-- scope:(\w+) -->.*?<!-- /scope:\1 -->", inner, re.S)}
for scope, r in results.items():
    if r["files"]:
        blocks[scope] = block(scope, r, listed)[0]

summary = ["| scope | score | killed / (killed + survived + no coverage) | listed as equivalent | score without them | last run |",
           "|---|---|---|---|---|---|"]
for scope in scopes:
    if scope not in blocks:
        continue
    m = re.search(r"#### \w+: ([\d.]+)% \((\d+) of (\d+)\), run ([^;\s]+)(?:; (\d+) listed as equivalent, ([\d.]+)% without them)?", blocks[scope])
    summary.append(f"| {scope} | {m.group(1)}% | {m.group(2)} / {m.group(3)} | {m.group(5) or 0} | {m.group(6) or m.group(1)}% | {m.group(4)} |")
ordered = [blocks[s] for s in scopes if s in blocks]
new_inner = "\n" + "\n".join(summary) + "\n\n" + "\n\n".join(ordered) + "\n"
open(doc_path, "w", encoding="utf-8").write(head + BEGIN + new_inner + END + tail)

for scope, r in results.items():
    if r["files"]:
        _, score, killed, total, equivalent, without = block(scope, r, listed)
        print(f"{scope:12} {score:5.1f}%  {killed} of {total}  ({len(r['survived'])} undetected, {equivalent} of them listed as equivalent: {without:.1f}% without them)")
    else:
        print(f"{scope:12} no mutants found (check the globs)")
