"""How much personal data each masker lets through, and how much it masks that should stay.

    make bench-privacy     (or: python -m bench.privacy_masking [--split dev|test|all])

Two probe sets, each written for this purpose by a writer who never saw the masker
(`bench/privacy/README.md`, `HOLDOUT.md`):

- `dev`: `probes.jsonl`, 506 snippets (Dutch and English), 493 personal data items of nine
  kinds and 588 look-alikes that must stay. The rules were developed against it (first a
  third of it, then all of it), so its figures flatter the masker.
- `holdout` (the default, the figures reported): `holdout.jsonl`, 360 snippets, 638 items and
  773 look-alikes, written afterwards by another writer and run once the rules were frozen.

Maskers, in one run: the previous masker (regular expressions, before this work), deduce
alone (its own de-identification), and the new masker as the worker leaves the text (the
API's rules plus deduce's person and address findings). Per kind: the leak rate (an item
still readable afterwards) and, per look-alike kind, the false-mask rate (a look-alike gone).
Then the masking time per report, p50/p95, for 1,000-character reports.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.privacy import previous_masker
from privacy.deidentify import deduce_alone, mask_fully
from privacy.masking import mask, normalise

SETS = {
    "dev": Path(__file__).resolve().parent / "privacy" / "probes.jsonl",
    "holdout": Path(__file__).resolve().parent / "privacy" / "holdout.jsonl",
    "holdout2": Path(__file__).resolve().parent / "privacy" / "holdout2.jsonl",
}
KINDS = ["BSN", "IBAN", "PHONE", "EMAIL", "POSTCODE", "BIRTH_DATE", "ADDRESS", "NAME", "V_NUMBER"]


def load(name: str) -> list[dict]:
    path = SETS[name]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


_INTERFIXES = {
    "van",
    "den",
    "der",
    "het",
    "ter",
    "ten",
    "el",
    "al",
    "bin",
    "ben",
    "abu",
    "von",
    "dos",
    "das",
    "del",
}


def _digits_still_there(value: str, out: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 4:
        return False
    return any(digits in re.sub(r"\D", "", run) for run in re.findall(r"\d[\d .\-/()]*\d", out))


def leaked(kind: str, value: str, out: str) -> bool:
    """Whether an item can still be read in the masked text."""
    value = normalise(value)
    if kind == "NAME":  # any part of the name but its interfixes ("van", "de", "el")
        return any(
            re.search(r"(?<![\w])" + re.escape(w) + r"(?![\w])", out, re.IGNORECASE)
            for w in re.split(r"[\s.-]+", value)
            if len(w) > 2 and w.lower() not in _INTERFIXES
        )
    if kind == "EMAIL":
        local = re.split(r"\s*(?:@|\(at\)|\[at\]|\sat\s|＠)", value, maxsplit=1)[0]
        return local.lower() in out.lower() and len(local) > 2
    return value in out or _digits_still_there(value, out)


def kept(value: str, out: str) -> bool:
    return normalise(value) in out


def evaluate(masker: Callable[[str], str], probes: list[dict]) -> tuple[Counter[str], ...]:
    leaks, items, lost, looks = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
    for probe in probes:
        out = masker(probe["text"])
        for item in probe["pii"]:
            items[item["kind"]] += 1
            leaks[item["kind"]] += leaked(item["kind"], item["value"], out)
        for item in probe["keep"]:
            looks[item["kind"]] += 1
            lost[item["kind"]] += not kept(item["value"], out)
    return leaks, items, lost, looks


def report_time(masker: Callable[[str], str], probes: list[dict]) -> tuple[float, float]:
    texts = []
    for n in range(200):  # reports of about 1,000 characters, made of probes
        chosen, text = n, ""
        while len(text) < 1000:
            text += probes[chosen % len(probes)]["text"] + " "
            chosen += 7
        texts.append(text[:1000])
    masker(texts[0])  # warm
    times = []
    for text in texts:
        started = time.perf_counter()
        masker(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=sorted(SETS), default="holdout")
    args = parser.parse_args()
    probes = load(args.set)
    maskers: dict[str, Callable[[str], str]] = {
        "previous": previous_masker.mask,
        "deduce alone": deduce_alone,
        "API rules": mask,
        "new (worker)": lambda text: mask_fully(text).text,
    }
    results = {name: evaluate(fn, probes) for name, fn in maskers.items()}
    print(f"{len(probes)} probes (set: {args.set})\n")
    print("| leaked | items | " + " | ".join(maskers) + " |")
    print("|---|---:|" + "---:|" * len(maskers))
    for kind in KINDS:
        total = results["previous"][1][kind]
        if not total:
            continue
        cells = [
            f"{results[m][0][kind]} ({results[m][0][kind] / total:.0%})" if total else "—"
            for m in maskers
        ]
        print(f"| {kind} | {total} | " + " | ".join(cells) + " |")
    print("\n| look-alikes masked | items | " + " | ".join(maskers) + " |")
    print("|---|---:|" + "---:|" * len(maskers))
    looks_total = Counter[str]()
    for kind in sorted(results["previous"][3]):
        total = results["previous"][3][kind]
        looks_total["all"] += total
        cells = [f"{results[m][2][kind]}" for m in maskers]
        print(f"| {kind} | {total} | " + " | ".join(cells) + " |")
    cells = [f"{sum(results[m][2].values()) / looks_total['all']:.1%}" for m in maskers]
    print(f"| all look-alikes | {looks_total['all']} | " + " | ".join(cells) + " |")
    print("\n| masking time per 1,000-character report | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for name, fn in maskers.items():
        p50, p95 = report_time(fn, probes)
        print(f"| {name} | {p50:.2f} | {p95:.2f} |")


if __name__ == "__main__":
    main()
