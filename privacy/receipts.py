"""Receipt codes for anonymous reporters.

A receipt is 16 random digits, shown once. Only a slow hash (argon2id) is stored. The salt is
derived from a server-side pepper so the same receipt always hashes to the same value and can
be looked up by equality; without the pepper a stolen database does not reveal receipts, and
with it each guess still costs an argon2 computation.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import secrets
import weakref

from argon2.low_level import Type, hash_secret_raw

RECEIPT_DIGITS = 16
# OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
_TIME_COST = 2
_MEMORY_KIB = 19 * 1024
_PARALLELISM = 1


def new_receipt() -> str:
    digits = "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))
    return " ".join(digits[i : i + 4] for i in range(0, RECEIPT_DIGITS, 4))


def normalise_receipt(receipt: str) -> str | None:
    digits = re.sub(r"[\s-]", "", receipt)
    if len(digits) != RECEIPT_DIGITS or not digits.isdigit():
        return None
    return digits


def hash_receipt(receipt: str, pepper: str) -> str:
    digits = normalise_receipt(receipt)
    if digits is None:
        raise ValueError("not a receipt")
    salt = hashlib.sha256(("signaalpunt-receipt:" + pepper).encode()).digest()[:16]
    raw = hash_secret_raw(
        secret=digits.encode(),
        salt=salt,
        time_cost=_TIME_COST,
        memory_cost=_MEMORY_KIB,
        parallelism=_PARALLELISM,
        hash_len=32,
        type=Type.ID,
    )
    return raw.hex()


# One semaphore per event loop: a process may run more than one loop in its life (the
# worker's supervisor, a bench that starts the service twice), and a semaphore is bound to
# the loop it was first used on.
_hashing: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


async def hash_receipt_async(receipt: str, pepper: str) -> str:
    """argon2 releases the GIL: hashing in a thread keeps the event loop serving. At most one
    hash per core runs at a time, so a flood of guesses cannot starve everyone else."""
    loop = asyncio.get_running_loop()
    semaphore = _hashing.get(loop)
    if semaphore is None:
        semaphore = _hashing[loop] = asyncio.Semaphore(max(1, os.cpu_count() or 1))
    async with semaphore:
        return await asyncio.to_thread(hash_receipt, receipt, pepper)
