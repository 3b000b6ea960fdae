"""Build the labelled Dutch evaluation set from the hand-written cases.

    python -m bench.eval.build_eval_set      (writes bench/eval/eval_set_nl.jsonl)

`cases/*.yaml` holds, per theme, distinct cases written by hand (same pinching mechanism,
different people: the hard negatives) and for some cases a *retelling*: the same case told by
someone else in their own words (a cliëntondersteuner, a family member, a bewindvoerder).

This script adds the *resubmissions* people make of their own report, the way they make them:
typing errors, sentences in another order, a sentence dropped or added, a greeting and a
sign-off, personal data typed into the text, everything in lower case on a phone. Each
resubmission keeps the case id of its original, so a duplicate group is every row sharing a
case id. The choices are seeded per case, so the file is the same on every run and machine.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
OUTPUT = HERE / "eval_set_nl.jsonl"

# Share of cases that get resubmitted by their reporter, and how often.
RESUBMIT_SHARE = 0.45
SECOND_RESUBMIT_SHARE = 0.3

GREETINGS = ["Beste mensen,", "Goedemiddag,", "Hallo,", "Geachte heer/mevrouw,", "Hoi,", "Beste,"]
SIGN_OFFS = [
    "Met vriendelijke groet, {name}",
    "Groetjes, {name}",
    "Alvast bedankt. {name}",
    "Mvg {name}",
    "Hoop op een reactie. Groet, {name}",
]
FIRST_NAMES = ["Fatima", "Henk", "Sanne", "Mohamed", "Ingrid", "Kevin", "Aylin", "Joost", "Priya",
               "Marco", "Els", "Dewi", "Rachid", "Anouk", "Bram", "Yasmina"]  # fmt: skip
ADDED_SENTENCES = [
    "Ik weet echt niet meer wat ik moet doen.",
    "Ik heb al drie keer gebeld maar niemand kan me helpen.",
    "Dit is de tweede keer dat ik dit meld.",
    "Ik hoop dat er nu eindelijk iets gebeurt.",
    "Ik meld het nu via deze site omdat bellen niet lukt.",
    "Het kost me heel veel stress en ik slaap er slecht van.",
    "Sorry voor de lange tekst.",
    "Mijn buurvrouw zei dat ik het hier moest melden.",
]
KEYBOARD_NEIGHBOURS = {
    "a": "sq", "e": "wr", "i": "uo", "o": "ip", "n": "bm", "t": "ry", "r": "et", "s": "ad",
    "d": "sf", "l": "k", "g": "fh", "k": "jl", "m": "n", "u": "yi", "h": "gj", "v": "cb",
}  # fmt: skip


def _seeded(*parts: str) -> random.Random:
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [p for p in parts if p]


# --- personal data that is valid enough for the masker to recognise ----------------------


def fake_bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        if digits[0] == 0:
            continue
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def fake_iban(rng: random.Random) -> str:
    bank = rng.choice(["INGB", "RABO", "ABNA", "SNSB", "TRIO"])
    account = f"{rng.randint(0, 9_999_999_999):010d}"
    numeric = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bank}{account}"


def personal_data_sentence(rng: random.Random, name: str) -> str:
    options: list[Callable[[], str]] = [
        lambda: f"Mijn BSN is {fake_bsn(rng)}.",
        lambda: f"U kunt mij bellen op 06-{rng.randint(10_000_000, 99_999_999)}.",
        lambda: f"Mail mij op {name.lower()}{rng.randint(1, 99)}@hotmail.com.",
        lambda: (
            f"Ik woon op {rng.randint(1000, 9999)} {rng.choice(['AB', 'KL', 'PT', 'VN'])} "
            f"{rng.randint(1, 180)}."
        ),
        lambda: f"Het geld kan naar {fake_iban(rng)}.",
        lambda: f"Mijn klantnummer is {rng.randint(100000, 999999)} en mijn BSN {fake_bsn(rng)}.",
    ]
    return rng.choice(options)()


# --- the ways people resubmit ------------------------------------------------------------


def typos(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) < 4 or rng.random() > 0.07:
            continue
        j = rng.randrange(1, len(word) - 1)
        kind = rng.choice(["swap", "drop", "double", "neighbour"])
        if kind == "swap":
            word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
        elif kind == "drop":
            word = word[:j] + word[j + 1 :]
        elif kind == "double":
            word = word[:j] + word[j] + word[j:]
        elif word[j].lower() in KEYBOARD_NEIGHBOURS:
            word = word[:j] + rng.choice(KEYBOARD_NEIGHBOURS[word[j].lower()]) + word[j + 1 :]
        words[i] = word
    return " ".join(words)


def reorder(parts: list[str], rng: random.Random) -> list[str]:
    if len(parts) < 3:
        return parts[::-1]
    i = rng.randrange(1, len(parts) - 1)
    moved = parts[:]
    moved[i], moved[i + 1] = moved[i + 1], moved[i]
    if rng.random() < 0.5:  # and often the opening sentence moves too
        moved.append(moved.pop(0))
    return moved


def drop_sentence(parts: list[str], rng: random.Random) -> list[str]:
    if len(parts) < 4:
        return parts
    i = rng.randrange(1, len(parts))
    return parts[:i] + parts[i + 1 :]


def resubmission(text: str, rng: random.Random) -> tuple[str, str]:
    """One resubmission of `text`: 2 to 3 of the edits people make, named in the variant."""
    name = rng.choice(FIRST_NAMES)
    edits = rng.sample(
        ["typos", "reorder", "drop_sentence", "add_sentence", "greeting", "personal_data",
         "lowercase"],
        k=rng.randint(2, 3),
    )  # fmt: skip
    parts = sentences(text)
    if "reorder" in edits:
        parts = reorder(parts, rng)
    if "drop_sentence" in edits:
        parts = drop_sentence(parts, rng)
    if "add_sentence" in edits:
        parts.insert(rng.randrange(1, len(parts) + 1), rng.choice(ADDED_SENTENCES))
    if "personal_data" in edits:
        parts.insert(rng.randrange(1, len(parts) + 1), personal_data_sentence(rng, name))
    out = " ".join(parts)
    if "typos" in edits:
        out = typos(out, rng)
    if "lowercase" in edits:
        out = re.sub(r"[.,!?]", "", out.lower())
    if "greeting" in edits:
        out = f"{rng.choice(GREETINGS)}\n\n{out}\n\n{rng.choice(SIGN_OFFS).format(name=name)}"
    return out, "+".join(sorted(edits))


# --- building ----------------------------------------------------------------------------


def case_rows(theme: dict, case: dict) -> list[dict[str, object]]:
    """The original of one case, its retellings and its resubmissions."""
    text = " ".join(case["text"].split())
    told: list[tuple[str, str, str, str]] = [
        ("original", text, case["reporter_role"], case["municipality"])
    ]
    for retelling in case.get("retellings") or []:
        told.append((
            "retelling",
            " ".join(retelling["text"].split()),
            retelling["reporter_role"],
            retelling.get("municipality", case["municipality"]),
        ))  # fmt: skip
    rng = _seeded(case["case"])
    if rng.random() < RESUBMIT_SHARE:
        copies = 2 if rng.random() < SECOND_RESUBMIT_SHARE else 1
        for _ in range(copies):
            body, edits = resubmission(text, rng)
            told.append(
                (f"resubmission:{edits}", body, case["reporter_role"], case["municipality"])
            )
    return [
        {"id": f"{case['case']}-{n}", "text": body, "theme": theme["theme"], "case": case["case"],
         "variant": variant, "reporter_role": role, "municipality": municipality,
         "domains": theme["domains"], "problem_types": theme["problem_types"]}
        for n, (variant, body, role, municipality) in enumerate(told)
    ]  # fmt: skip


def build() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted(CASES.glob("*.yaml")):
        theme = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in theme["cases"]:
            rows.extend(case_rows(theme, case))
    return rows


def summary(rows: list[dict[str, object]]) -> str:
    cases: dict[object, int] = {}
    for r in rows:
        cases[r["case"]] = cases.get(r["case"], 0) + 1
    groups = sum(1 for n in cases.values() if n > 1)
    themes = len({r["theme"] for r in rows})
    return (f"{len(rows)} reports, {themes} themes, {len(cases)} cases, {groups} near-duplicate "
            f"groups ({sum(1 for r in rows if r['variant'] == 'retelling')} retellings, "
            f"{sum(1 for r in rows if str(r['variant']).startswith('resubmission'))} "
            f"resubmissions)")  # fmt: skip


def main() -> None:
    rows = build()
    with OUTPUT.open("w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{OUTPUT.relative_to(HERE.parent.parent)}: {summary(rows)}")


if __name__ == "__main__":
    main()
