#!/usr/bin/env python3
"""Validate bench/privacy/probes.jsonl and print counts.

Checks: every line parses as JSON with the expected fields; ids unique; language nl|en;
kinds from the allowed sets; every value occurs verbatim in the text (as often as it is
listed); BSN values pass the 11-check; IBAN values pass mod-97 (and have the right length
for NL/BE/DE); V-numbers have 10 digits.  Warnings (not failures): a KEEP value that is a
9-digit number passing the 11-check, and a KEEP value that only occurs inside a PII value.
Exit code 1 on any error.
"""

import collections
import json
import pathlib
import re
import sys

PATH = (
    pathlib.Path(sys.argv[1])
    if len(sys.argv) > 1
    else pathlib.Path(__file__).with_name("probes.jsonl")
)
PII_KINDS = {
    "BSN",
    "IBAN",
    "PHONE",
    "EMAIL",
    "POSTCODE",
    "ADDRESS",
    "BIRTH_DATE",
    "NAME",
    "V_NUMBER",
}
KEEP_KINDS = {
    "AMOUNT",
    "DATE",
    "LAW",
    "CBS_CODE",
    "HELPLINE",
    "ORGANISATION",
    "CASE_NUMBER",
    "YEAR",
    "PLACE",
    "OTHER",
}
IBAN_LEN = {"NL": 18, "BE": 16, "DE": 22}


def bsn_ok(digits):
    if len(digits) != 9:
        return False
    d = [int(c) for c in digits]
    return (sum((9 - i) * d[i] for i in range(8)) - d[8]) % 11 == 0


def iban_ok(value):
    s = re.sub(r"[\s\u00a0\u200b]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    if s[:2] in IBAN_LEN and len(s) != IBAN_LEN[s[:2]]:
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def spans(text, value):
    out, i = [], text.find(value)
    while i >= 0:
        out.append((i, i + len(value)))
        i = text.find(value, i + 1)
    return out


errors, warnings = [], []
ids = set()
pii_c, keep_c, lang_c = collections.Counter(), collections.Counter(), collections.Counter()
no_pii = 0
n = 0
for lineno, line in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip():
        continue
    n += 1
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f"line {lineno}: JSON error {e}")
        continue
    pid = r.get("id")
    if not isinstance(pid, str) or not re.fullmatch(r"[phq]\d{4}", pid):
        errors.append(f"line {lineno}: bad id {pid!r}")
    if pid in ids:
        errors.append(f"line {lineno}: duplicate id {pid}")
    ids.add(pid)
    lang = r.get("language")
    if lang not in ("nl", "en"):
        errors.append(f"{pid}: bad language {lang!r}")
    lang_c[lang] += 1
    text = r.get("text")
    if not isinstance(text, str) or not text:
        errors.append(f"{pid}: empty text")
        continue
    pii, keep = r.get("pii"), r.get("keep")
    if not isinstance(pii, list) or not isinstance(keep, list):
        errors.append(f"{pid}: pii/keep must be lists")
        continue
    if not pii:
        no_pii += 1
    listed = collections.Counter()
    for group, kinds, counter in (("pii", PII_KINDS, pii_c), ("keep", KEEP_KINDS, keep_c)):
        for it in r[group]:
            k, v = it.get("kind"), it.get("value")
            if k not in kinds:
                errors.append(f"{pid}: {group} kind {k!r} not allowed")
            if not isinstance(v, str) or not v:
                errors.append(f"{pid}: {group} empty value")
                continue
            counter[k] += 1
            listed[(group, v)] += 1
            if v not in text:
                errors.append(f"{pid}: {group} value {v!r} not in text")
            if group == "pii" and k == "BSN":
                digits = re.sub(r"\D", "", v)
                if not bsn_ok(digits):
                    errors.append(f"{pid}: BSN {v!r} fails the 11-check")
            if group == "pii" and k == "IBAN" and not iban_ok(v):
                errors.append(f"{pid}: IBAN {v!r} fails mod-97/length")
            if group == "pii" and k == "V_NUMBER" and len(re.sub(r"\D", "", v)) != 10:
                errors.append(f"{pid}: V-number {v!r} is not 10 digits")
            if group == "keep":
                digits = re.sub(r"\D", "", v)
                if len(digits) == 9 and re.fullmatch(r"[\d .\-]+", v) and bsn_ok(digits):
                    warnings.append(f"{pid}: keep value {v!r} passes the BSN 11-check")
    for (group, v), cnt in listed.items():
        if len(spans(text, v)) < cnt:
            errors.append(f"{pid}: {group} value {v!r} listed {cnt}x but occurs fewer times")
    pii_spans = [
        s for it in pii if isinstance(it.get("value"), str) for s in spans(text, it["value"])
    ]
    for it in keep:
        v = it.get("value")
        if isinstance(v, str) and v in text:
            occ = spans(text, v)
            if occ and all(any(a <= s and e <= b for a, b in pii_spans) for s, e in occ):
                warnings.append(f"{pid}: keep value {v!r} only occurs inside a PII value")

print(f"file: {PATH}")
print(f"probes: {n}  (unique ids: {len(ids)})")
print("per language:", dict(lang_c))
print(f"probes without any PII (look-alike / clean): {no_pii}")
print(
    "PII per kind:  ",
    dict(sorted(pii_c.items(), key=lambda x: -x[1])),
    " total",
    sum(pii_c.values()),
)
print(
    "KEEP per kind: ",
    dict(sorted(keep_c.items(), key=lambda x: -x[1])),
    " total",
    sum(keep_c.values()),
)
for w in warnings:
    print("WARNING", w)
for e in errors:
    print("ERROR", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
