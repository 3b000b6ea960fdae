"""Internal notes: staff write them (masked, audited); nobody else ever reads them."""

from __future__ import annotations

from frontend_contract import operation
from tests.stack import Stack


def test_staff_notes_are_masked_audited_and_for_staff_only(stack: Stack) -> None:
    staff = stack.token("staff")
    submitted = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": "De gemeente telt de boodschappen van mijn zus als inkomen en vordert "
                           "mijn bijstand terug, 640 euro.", "reporterRole": "RESIDENT",
                   "channel": "WEB", "municipality": "GM0014"}},
    )["submitReport"]  # fmt: skip
    report_id = submitted["reference"]
    added = stack.api.gql(
        operation("AddInternalNote"),
        {"input": {"subjectType": "REPORT", "subjectId": report_id,
                   "body": "Gebeld met de zus op 06-12345678; zij stuurt de afschriften."}},
        staff,
    )["addInternalNote"]  # fmt: skip
    assert added["__typename"] == "InternalNoteAdded"
    assert (
        "06-12345678" not in added["note"]["body"] and "[TELEFOONNUMMER]" in added["note"]["body"]
    )

    notes = stack.api.gql(
        operation("InternalNotes"), {"subjectType": "REPORT", "subjectId": report_id}, staff
    )["internalNotes"]["edges"]
    assert [n["node"]["id"] for n in notes] == [added["note"]["id"]]
    audit = stack.api.gql(operation("AuditEvents"), {"targetId": report_id}, staff)
    assert "note.added" in {e["action"] for e in audit["auditEvents"]["nodes"]}

    missing = stack.api.gql(
        operation("AddInternalNote"),
        {"input": {"subjectType": "THEME", "subjectId": "00000000-0000-4000-8000-000000000000",
                   "body": "Over een thema dat er niet is."}},
        staff,
    )["addInternalNote"]  # fmt: skip
    assert missing["__typename"] == "NotFound"

    for role, extra in (("municipality", {"municipality": "GM0014"}), ("partner", {"partner": "VNG"}),
                        ("resident", {})):  # fmt: skip
        token = stack.token(role, **extra)
        errors = stack.api.errors(
            operation("InternalNotes"), {"subjectType": "REPORT", "subjectId": report_id}, token
        )
        assert errors and errors[0]["extensions"]["code"] in {
            "FORBIDDEN",
            "PERSISTED_QUERY_NOT_FOUND",
        }, errors
