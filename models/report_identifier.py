"""Keyed hashes of what identifies a person in a report (BSN, phone, e-mail, IBAN, name).

The duplicate engine may treat two reports that share one as strong evidence of one case,
without the values themselves being kept anywhere but in the original text. The key is a
server secret (`SIGNAALPUNT_IDENTIFIER_KEY`); without it the hashes cannot be tested
against a guessed BSN. Retention deletes a report's rows with its original.
"""

from tortoise import fields
from tortoise.models import Model


class ReportIdentifier(Model):
    id = fields.BigIntField(primary_key=True)
    report = fields.ForeignKeyField(
        "models.Report", related_name="identifiers", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=16)
    digest = fields.BinaryField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "report_identifier"
        unique_together = (("report", "kind", "digest"),)
