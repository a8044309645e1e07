#!/usr/bin/env python3
"""Generates benchmark registries (never committed; written under Benchmarks/out/).

  generate.py validate DIR [N]          a working tree with N requests (default 10,000)
  generate.py history DIR [N] [COMMITS] a git repository (built with git fast-import) of N
                                        requests over COMMITS commits (default 10,000 / 50,000):
                                        merges of side branches, renames, status changes,
                                        commits outside requests/
  generate.py branches DIR [N] [COMMITS] the same sizes in another shape: many long-lived side
                                        branches (up to 24 at once, each living for hundreds
                                        of commits) merged back, most mainline commits
                                        touching requests/
"""
import os, random, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AREAS = ["billing", "cli", "validation", "history", "statistics", "workflow", "docs", "integrations"]
SEGMENTS = ["enterprise", "mid-market", "smb", "internal", "community"]
FLOW = {"new": ["triaged", "planned", "declined", "duplicate"], "triaged": ["planned", "declined"],
        "planned": ["in-progress"], "in-progress": ["shipped"]}


def request(number, status, customers, title_words):
    lines = ["---", f"id: FR-{number:05d}", f"title: {title_words}", f"status: {status}",
             "created: 2025-03-14", f"area: {AREAS[number % len(AREAS)]}", f"severity: {1 + number % 4}",
             "submitted_by: bench.support", "requested_by:"]
    for index in range(customers):
        lines += [f"  - customer: Customer {number}-{index}", f"    segment: {SEGMENTS[(number + index) % 5]}",
                  f"    arr: {(number * 37 + index * 1000) % 250000}",
                  f"    ticket: https://support.example.com/tickets/{number * 10 + index}", "    date: 2025-03-14"]
    lines.append(f"tags: [tag{number % 13}, bench]")
    if status == "duplicate":
        lines.append(f"duplicate_of: FR-{max(1, number - 1):05d}")
    lines += ["---", "", "## Problem", "", "What the customer is trying to do. " * 8, "", "## Workaround", "", "None.", ""]
    return "\n".join(lines)


def copy_schema(target):
    os.makedirs(os.path.join(target, "schema"), exist_ok=True)
    for name in ["registry.yml", "request.schema.json"]:
        text = open(os.path.join(ROOT, "schema", name)).read()
        if name == "registry.yml":
            text = text.replace('"^FR-[0-9]{4,}$"', '"^FR-[0-9]{5}$"')
        open(os.path.join(target, "schema", name), "w").write(text)


def validate_tree(target, count):
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(os.path.join(target, "requests"))
    subprocess.run(["git", "init", "-q", target], check=True)
    copy_schema(target)
    rng = random.Random(7)
    for number in range(1, count + 1):
        status = rng.choice(["new", "triaged", "planned", "in-progress", "shipped", "declined"])
        with open(os.path.join(target, "requests", f"FR-{number:05d}-request-{number}.md"), "w") as out:
            out.write(request(number, status, 1 + number % 3, f"Request number {number}"))


class FastImport:
    """A `git fast-import` stream of commits at increasing times (each `gap` seconds after the
    last, drawn from `rng`), written into a new repository by `finish`."""

    def __init__(self, rng, gap):
        self.rng, self.gap = rng, gap
        self.out, self.mark, self.time, self.made = [], 0, 1_704_067_200, 0  # 2024-01-01

    @staticmethod
    def data(text):
        raw = text.encode()
        return f"data {len(raw)}\n".encode() + raw + b"\n"

    def commit(self, ref, message, files, parent=None, merge=None):
        """`files`: ("M", path, text) or ("D", path). Returns the commit's mark."""
        self.mark += 1
        self.time += self.rng.randint(*self.gap)
        self.made += 1
        chunk = [f"commit {ref}\nmark :{self.mark}\n".encode(),
                 f"author Bench <b@example.com> {self.time} +0000\ncommitter Bench <b@example.com> {self.time} +0000\n".encode(),
                 self.data(message)]
        if parent:
            chunk.append(f"from :{parent}\n".encode())
        if merge:
            chunk.append(f"merge :{merge}\n".encode())
        for op in files:
            if op[0] == "M":
                chunk.append(f"M 100644 inline {op[1]}\n".encode() + self.data(op[2]))
            else:
                chunk.append(f"D {op[1]}\n".encode())
        self.out.append(b"".join(chunk))
        return self.mark

    def finish(self, target):
        stream = b"".join(self.out) + b"done\n"
        subprocess.run(["git", "-C", target, "fast-import", "--quiet", "--done"], input=stream, check=True)


def history_repo(target, count, commits):
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["git", "init", "-q", "-b", "main", target], check=True)
    copy_schema(target)
    rng = random.Random(42)
    state = {}  # number -> (status, path, customers)
    main_mark = None
    repo = FastImport(rng, (60, 3000))
    commit = repo.commit

    schema_files = [("M", "schema/registry.yml", open(os.path.join(target, "schema/registry.yml")).read()),
                    ("M", "schema/request.schema.json", open(os.path.join(target, "schema/request.schema.json")).read())]
    main_mark = commit("refs/heads/main", "configure", schema_files)
    next_number = 1
    while repo.made < commits:
        roll = rng.random()
        remaining_adds = count - next_number + 1
        remaining = commits - repo.made
        if remaining_adds > 0 and (roll < 0.22 or remaining_adds >= remaining):
            number = next_number
            next_number += 1
            path = f"requests/FR-{number:05d}-request-{number}.md"
            state[number] = ["new", path, 1]
            main_mark = commit("refs/heads/main", f"Add FR-{number:05d}",
                               [("M", path, request(number, "new", 1, f"Request number {number}"))], parent=main_mark)
        elif state and roll < 0.50:
            number = rng.choice(list(state))
            status, path, customers = state[number]
            moves = FLOW.get(status)
            if not moves:
                customers += 1  # plus-one instead
                state[number][2] = customers
                main_mark = commit("refs/heads/main", f"FR-{number:05d}: one more customer",
                                   [("M", path, request(number, status, customers, f"Request number {number}"))], parent=main_mark)
                continue
            new = rng.choice(moves)
            state[number][0] = new
            change = [("M", path, request(number, new, customers, f"Request number {number}"))]
            if rng.random() < 0.3 and repo.made + 2 <= commits:
                branch = commit("refs/heads/topic", f"Move FR-{number:05d} to {new}", change, parent=main_mark)
                # fast-import starts a commit from its first parent's tree: the merge must
                # write the branch's change again, or it would drop it.
                main_mark = commit("refs/heads/main", "Merge branch 'topic'", change, parent=main_mark, merge=branch)
            else:
                main_mark = commit("refs/heads/main", f"Move FR-{number:05d} to {new}", change, parent=main_mark)
        elif state and roll < 0.53:
            number = rng.choice(list(state))
            status, path, customers = state[number]
            new_path = f"requests/FR-{number:05d}-renamed-{repo.made}.md"
            state[number][1] = new_path
            main_mark = commit("refs/heads/main", f"Rename FR-{number:05d}",
                               [("D", path), ("M", new_path, request(number, status, customers, f"Request number {number}"))],
                               parent=main_mark)
        else:
            main_mark = commit("refs/heads/main", f"Work on the product {repo.made}",
                               [("M", f"src/module{repo.made % 200}.txt", f"change {repo.made}\n")], parent=main_mark)
    repo.finish(target)
    subprocess.run(["git", "-C", target, "checkout", "-q", "-f", "main"], check=True)
    subprocess.run(["git", "-C", target, "gc", "-q"], check=True)
    print(f"{target}: {repo.made} commits, {next_number - 1} requests")


def branches_repo(target, count, commits):
    """Long-lived side branches: each forks from main, takes its own changes to requests
    for hundreds of commits, and is merged back (the merge carries the branch's versions,
    as a real merge does); the mainline goes on meanwhile, mostly changing requests."""
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["git", "init", "-q", "-b", "main", target], check=True)
    copy_schema(target)
    rng = random.Random(4242)
    state = {}  # number -> [status, path, customers] on main
    repo = FastImport(rng, (30, 1500))
    commit = repo.commit

    schema_files = [("M", "schema/registry.yml", open(os.path.join(target, "schema/registry.yml")).read()),
                    ("M", "schema/request.schema.json", open(os.path.join(target, "schema/request.schema.json")).read())]
    main = commit("refs/heads/main", "configure", schema_files)
    branches = []  # each: {"name", "tip", "changes": {number: [status, customers]}, "left": commits to live}
    next_number = 1
    serial = 0

    def moved(entry):
        status, customers = entry
        moves = FLOW.get(status)
        if moves:
            return [rng.choice(moves), customers]
        return [status, customers + 1]

    while repo.made < commits:
        remaining = commits - repo.made
        roll = rng.random()
        if len(branches) < 24 and roll < 0.02 and remaining > 50:
            serial += 1
            branches.append({"name": f"refs/heads/side-{serial}", "tip": main, "changes": {},
                             "left": rng.randint(100, 900)})
            continue
        if branches and roll < 0.45:
            branch = rng.choice(branches)
            branch["left"] -= 1
            if branch["left"] <= 0 or remaining <= len(branches) + 1:
                # Merged back: the branch's version of every request it changed.
                files = []
                for number, entry in branch["changes"].items():
                    if number in state:
                        state[number][0], state[number][2] = entry
                        status, path, customers = state[number]
                        files.append(("M", path, request(number, status, customers, f"Request number {number}")))
                main = commit("refs/heads/main", f"Merge branch '{branch['name'][11:]}'", files,
                              parent=main, merge=branch["tip"])
                branches.remove(branch)
                continue
            if not state:
                continue
            number = rng.choice(list(state))
            current = branch["changes"].get(number) or [state[number][0], state[number][2]]
            branch["changes"][number] = moved(current)
            status, customers = branch["changes"][number]
            branch["tip"] = commit(branch["name"], f"FR-{number:05d}: {status}",
                                   [("M", state[number][1], request(number, status, customers, f"Request number {number}"))],
                                   parent=branch["tip"])
            continue
        remaining_adds = count - next_number + 1
        if remaining_adds > 0 and (roll < 0.70 or remaining_adds >= remaining - len(branches)):
            number = next_number
            next_number += 1
            path = f"requests/FR-{number:05d}-request-{number}.md"
            state[number] = ["new", path, 1]
            main = commit("refs/heads/main", f"Add FR-{number:05d}",
                          [("M", path, request(number, "new", 1, f"Request number {number}"))], parent=main)
        elif state and roll < 0.93:
            number = rng.choice(list(state))
            status, customers = moved([state[number][0], state[number][2]])
            state[number][0], state[number][2] = status, customers
            main = commit("refs/heads/main", f"FR-{number:05d}: {status}",
                          [("M", state[number][1], request(number, status, customers, f"Request number {number}"))],
                          parent=main)
        else:
            main = commit("refs/heads/main", f"Work on the product {repo.made}",
                          [("M", f"src/module{repo.made % 200}.txt", f"change {repo.made}\n")], parent=main)
    repo.finish(target)
    subprocess.run(["git", "-C", target, "checkout", "-q", "-f", "main"], check=True)
    subprocess.run(["git", "-C", target, "gc", "-q"], check=True)
    print(f"{target}: {repo.made} commits, {next_number - 1} requests, {serial} side branches")


if __name__ == "__main__":
    mode, target = sys.argv[1], sys.argv[2]
    if mode == "validate":
        validate_tree(target, int(sys.argv[3]) if len(sys.argv) > 3 else 10_000)
    elif mode == "history":
        history_repo(target, int(sys.argv[3]) if len(sys.argv) > 3 else 10_000,
                     int(sys.argv[4]) if len(sys.argv) > 4 else 50_000)
    elif mode == "branches":
        branches_repo(target, int(sys.argv[3]) if len(sys.argv) > 3 else 10_000,
                      int(sys.argv[4]) if len(sys.argv) > 4 else 50_000)
    else:
        sys.exit(__doc__)
