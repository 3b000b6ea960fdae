"""Keyed identifier hashes: the same person's BSN in any spelling, and nothing without the key."""

from __future__ import annotations

from privacy.identifiers import digests_of, keyed_digests
from privacy.masking import mask_personal_data


def test_one_value_one_digest_whatever_the_spelling() -> None:
    one = keyed_digests(mask_personal_data("bsn 111-222-333"), "key")
    two = keyed_digests(mask_personal_data("mijn burgerservicenummer: 111 22 23 33"), "key")
    assert one == two and one[0][0] == "BSN" and len(one[0][1]) == 32


def test_another_key_another_digest() -> None:
    assert digests_of([("BSN", "111222333")], "a") != digests_of([("BSN", "111222333")], "b")


def test_a_first_name_alone_is_no_identifier() -> None:
    assert digests_of([("NAME", "fatima")], "k") == []
    assert len(digests_of([("NAME", "Fatima  el Amrani")], "k")) == 1
