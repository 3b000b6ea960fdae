"""The whole flow through the public interface: intake → deduplication → theme → live update
→ referral (four eyes, signed delivery with a retry) → partner answer → the anonymous reporter
reads the answer with their receipt."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import date, timedelta

from domain.signing import verify
from frontend_contract import operation
from tests.stack import PARTNER_SECRETS, Stack
from tests.support import wait_until
from tests.ws import Subscription

BSN, IBAN, PHONE, EMAIL = "111222333", "NL91ABNA0417164300", "06-12345678", "fatima@example.nl"

FIRST = (
    "Mijn moeder brengt elke week een tas boodschappen van ongeveer 50 euro. Nu zegt de gemeente "
    "dat dat een gift is en moet ik bijstand terugbetalen. Niemand had me verteld dat ik dat "
    f"moest melden. Mijn BSN is {BSN} en mijn rekening {IBAN}, bel me op {PHONE}."
)
# The same case again, the way people resubmit: greeting, typos, an extra sentence.
SECOND = (
    "Beste mensen, mijn moeder brengt elke week een tas boodschapen van ongeveer 50 euro. Nu zegt "
    "de gemeente dat dat een gift is en moet ik bijstand terug betalen. Niemand had me verteld dat "
    f"ik dat moest melden. Ik heb dit al eerder gemeld. Mail: {EMAIL}"
)
# Another person, another municipality, the same mechanism.
RELATED = (
    "Mijn zus doet elke week boodschappen voor mijn gezin omdat het geld op is. De gemeente ziet "
    "die boodschappen als gift en inkomen en vordert nu bijstand terug. Ik moet terugbetalen en "
    "wist niet dat ik boodschappen moest melden."
)


def submit(stack: Stack, text: str, municipality: str, **extra: object) -> dict:
    variables = {
        "input": {
            "text": text,
            "reporterRole": "RESIDENT",
            "channel": "WEB",
            "municipality": municipality,
            "domains": ["PARTICIPATIEWET"],
            "problemTypes": ["TERUGVORDERING", "REGELS_TE_STRIKT"],
            "consent": {"includeInReferral": True, "contact": True},
            **extra,
        }
    }
    result = stack.api.gql(operation("SubmitReport"), variables)["submitReport"]
    assert result["__typename"] == "ReportSubmitted", result
    return result


def test_two_duplicates_and_a_related_report_become_one_referred_theme(stack: Stack) -> None:
    staff_a = stack.token("staff", sub="staff-anna")
    staff_b = stack.token("staff", sub="staff-bram")
    gemeente = stack.token("municipality", municipality="GM0363")
    vng = stack.token("partner", partner="VNG")
    ombudsman = stack.token("partner", partner="NATIONALE_OMBUDSMAN")

    subscription = Subscription(stack.api.base_url, gemeente)
    assert subscription.ack["type"] == "connection_ack"
    subscription.subscribe(
        operation("ThemeUpdates"), {"municipality": "GM0363", "domains": ["PARTICIPATIEWET"]}
    )
    time.sleep(0.5)  # the subscription is registered before the first change

    first = submit(stack, FIRST, "GM0363")
    second = submit(stack, SECOND, "GM0363")
    related = submit(stack, RELATED, "GM0599")
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", first["receipt"])
    assert first["personalDataMasked"] is True

    # Deduplication and theme discovery by the worker.
    def theme_of_first() -> dict | None:
        report = stack.api.gql(operation("Report"), {"id": first["reference"]}, staff_a)["report"]
        return report if report["processed"] and report["theme"] else None

    report = wait_until(theme_of_first, timeout=60)
    assert [d["id"] for d in report["duplicates"]["nodes"]] == [second["reference"]]
    assert BSN not in report["maskedText"] and "[BSN]" in report["maskedText"]
    theme_id = report["theme"]["id"]
    theme = stack.api.gql(operation("Theme"), {"id": theme_id, "first": 10}, staff_a)["theme"]
    member_ids = {r["id"] for r in theme["reports"]["nodes"]}
    assert member_ids == {first["reference"], second["reference"], related["reference"]}
    assert theme["reportCount"] == 3
    assert theme["caseCount"] == 2  # the resubmission is the same case
    assert theme["reporterCount"] == 2  # and, anonymous, the same reporter
    assert {m["code"] for m in theme["municipalities"]} == {"GM0363", "GM0599"}
    assert theme["status"] == "PROPOSED"
    assert theme["structuralExplanation"], "the score comes with its explanation"
    for excerpt in theme["excerpts"]:
        for secret in (BSN, IBAN, PHONE, EMAIL):
            assert secret not in excerpt

    # The municipality's live subscription saw the theme, as aggregates only.
    update = subscription.next_message(timeout=30)
    assert update["type"] == "next", update
    summary = update["payload"]["data"]["themeUpdates"]
    assert summary["themeId"] == theme_id
    assert "GM0363" in {m["code"] for m in summary["municipalities"]}
    assert not any(
        secret in json.dumps(summary) for secret in (BSN, IBAN, PHONE, EMAIL, "boodschappen van")
    )
    subscription.close()

    # Staff confirm and refer; the second staff member approves (four eyes).
    confirmed = stack.api.gql(
        operation("ConfirmTheme"),
        {"input": {"themeId": theme_id, "solutionLevel": "LANDELIJKE_WET"}},
        staff_a,
    )["confirmTheme"]
    assert confirmed["theme"]["status"] == "CONFIRMED"
    referred = stack.api.gql(
        operation("ReferTheme"),
        {
            "input": {
                "themeId": theme_id,
                "addressee": "VNG",
                "bottleneck": "Boodschappen van familie tellen als inkomen; mensen moeten bijstand terugbetalen.",
                "proposedSolution": "Giften in natura tot een vrijlatingsgrens niet als inkomen rekenen.",
                "proposedResponsibility": "Het Rijk past de Participatiewet aan; gemeenten informeren.",
            }
        },
        staff_a,
    )["referTheme"]
    assert referred["__typename"] == "ReferralPrepared", referred
    referral_id = referred["referral"]["id"]
    own = stack.api.gql(
        operation("ApproveReferral"), {"input": {"referralId": referral_id}}, staff_a
    )
    assert own["approveReferral"]["code"] == "FOUR_EYES_REQUIRED"
    approved = stack.api.gql(
        operation("ApproveReferral"), {"input": {"referralId": referral_id}}, staff_b
    )
    assert approved["approveReferral"]["referral"]["status"] == "APPROVED"

    # The worker delivers the signed dossier; the receiver fails the first try.
    def delivered() -> dict | None:
        referral = stack.api.gql(operation("Referral"), {"id": referral_id}, staff_a)["referral"]
        return referral if referral["status"] == "SENT" else None

    referral = wait_until(delivered, timeout=60)
    assert [a["succeeded"] for a in referral["attempts"]["nodes"]] == [False, True]
    assert referral["attempts"]["nodes"][0]["statusCode"] == 503
    assert referral["partnerReference"] == "REF-2"
    assert len(stack.vng.requests) == 2
    request = stack.vng.requests[-1]
    assert verify(PARTNER_SECRETS["VNG"], request.body, request.headers["signaalpunt-signature"])
    assert not verify("a-wrong-secret", request.body, request.headers["signaalpunt-signature"])
    assert request.headers["idempotency-key"] == referral_id
    dossier_text = request.body.decode()
    for secret in (BSN, IBAN, PHONE, EMAIL, "12345678", "0417164300"):
        assert secret not in dossier_text
    dossier = json.loads(dossier_text)
    # Two cases are fewer than the threshold of five: the counts are left out, and so is
    # every cell and split that would give them away.
    assert dossier["evidence"]["distinctCases"] is None
    assert dossier["evidence"]["smallCountsHiddenBelow"] == 5
    assert {m["cases"] for m in dossier["evidence"]["municipalities"]} == {None}
    assert dossier["evidence"]["residentReporters"] is None
    assert dossier["evidence"]["municipalityCount"] == 2
    assert dossier["laws"][0]["code"] == "PARTICIPATIEWET"
    # The VNG's part: its own template, with the three parts filled in.
    vng_part = dossier["forAddressee"]
    assert vng_part["template"] == "Stand van de Uitvoering (VNG)"
    assert vng_part["knelpunt"] and vng_part["realistischeOplossing"]
    assert vng_part["verdelingVanVerantwoordelijkheid"]
    assert dossier["excerpts"], "consenting reporters' masked excerpts are included"
    assert stack.ombudsman.requests == []

    # The partner acknowledges and answers; another partner sees nothing of it.
    hidden = stack.api.gql(
        operation("AnswerReferral"),
        {"input": {"referralId": referral_id, "answer": "Wij nemen dit mee."}},
        ombudsman,
    )
    assert hidden["answerReferral"]["code"] == "NOT_FOUND"
    mine = stack.api.gql(operation("PartnerReferrals"), token=vng)["partnerReferrals"]["nodes"]
    assert [r["id"] for r in mine] == [referral_id]
    sent = stack.api.gql(operation("Referral"), {"id": referral_id}, staff_a)["referral"]
    assert sent["answerDue"] and sent["answerDue"] > sent["sentAt"][:10]  # 8 weeks by default
    expected = (date.today() + timedelta(days=30)).isoformat()
    ack = stack.api.gql(
        operation("AcknowledgeReferral"),
        {"input": {"referralId": referral_id, "partnerReference": "VNG-2026-17",
                   "expectedAnswerBy": expected}},
        vng,
    )  # fmt: skip
    assert ack["acknowledgeReferral"]["referral"]["status"] == "ACKNOWLEDGED"
    assert ack["acknowledgeReferral"]["referral"]["answerDue"] == expected
    # The partner's date passes unanswered: the daily run marks it, staff find it.
    stack.sql("UPDATE referral SET answer_due = current_date - 1 WHERE id = $1::uuid", referral_id)
    done = subprocess.run([sys.executable, "-m", "signaalpunt", "service-levels"],
                          env={**os.environ, **stack.env}, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0 and "1 antwoord(en) van partners" in done.stdout, done.stderr
    late = stack.api.gql(operation("OverdueReferrals"), {}, staff_a)["referrals"]["nodes"]
    assert [r["id"] for r in late] == [referral_id] and late[0]["answerBreachedAt"]
    answer = (
        "We brengen dit knelpunt in bij het ministerie van SZW en melden ons binnen acht weken."
    )
    answered = stack.api.gql(
        operation("AnswerReferral"), {"input": {"referralId": referral_id, "answer": answer}}, vng
    )
    assert answered["answerReferral"]["referral"]["status"] == "ANSWERED"

    # The anonymous reporter of the related report reads the answer with their receipt.
    view = stack.api.gql(operation("ReportByReceipt"), {"receipt": related["receipt"]})[
        "reportByReceipt"
    ]
    assert view["__typename"] == "ReporterView"
    assert view["status"] == "REFERRED"
    bodies = [m["body"] for m in view["messages"]["nodes"]]
    assert any(answer in body for body in bodies), bodies
    assert any("doorgestuurd" in body for body in bodies)
    # The same theme message, read by a reporter who asks for English, is in English; the
    # partner's own words stay as they wrote them.
    english = stack.api.post(
        operation("ReportByReceipt"), {"receipt": related["receipt"]},
        headers={"Accept-Language": "en"},
    ).json()["data"]["reportByReceipt"]  # fmt: skip
    english_bodies = [m["body"] for m in english["messages"]["nodes"]]
    assert any("We have sent it on to the Association of Netherlands" in b for b in english_bodies)
    assert english["statusLabel"] == "Sent on to a body that can change the rule"
    assert not any("doorgestuurd" in b for b in english_bodies)

    # The reporter answers back; staff see it on the report.
    reply = stack.api.gql(
        operation("ReplyToFeedback"),
        {"input": {"receipt": related["receipt"], "body": "Dank u, dit helpt mij."}},
    )["replyToFeedback"]
    assert reply["__typename"] == "ReplySent"
    on_report = stack.api.gql(operation("Report"), {"id": related["reference"]}, staff_a)["report"]
    assert "Dank u, dit helpt mij." in [m["body"] for m in on_report["messages"]["nodes"]]

    # A partner reaches its own referral and dossier, never the theme behind it or its
    # delivery log: those are for staff.
    attack = stack.api.post(
        "{ partnerReferrals { nodes { id theme { id referrals { nodes { dossier } } reports(first: 100) "
        '{ nodes { originalText(reason: "even kijken wat er staat") } } } } } }',
        token=vng,
    ).json()
    assert attack["errors"][0]["extensions"]["code"] == "FORBIDDEN", attack
    assert attack["errors"][0]["path"][-1] == "theme"
    assert "reports" not in json.dumps(attack.get("data"))
    assert "Mijn moeder brengt" not in json.dumps(attack)

    # Staff close the referral after the answer: its reporters get a closing message and
    # the referred reports are closed; the theme may then be referred to the VNG again.
    closed = stack.api.gql(
        operation("CloseReferral"), {"input": {"referralId": referral_id}}, staff_a
    )["closeReferral"]
    assert closed["referral"]["status"] == "CLOSED" and closed["referral"]["closedAt"]
    view = stack.api.gql(operation("ReportByReceipt"), {"receipt": related["receipt"]})[
        "reportByReceipt"
    ]
    assert view["status"] == "CLOSED"
    assert any("sluiten" in m["body"] for m in view["messages"]["nodes"])
    again = stack.api.gql(
        operation("CloseReferral"), {"input": {"referralId": referral_id}}, staff_a
    )["closeReferral"]
    assert again["__typename"] == "InvalidState"
    second_referral = stack.api.gql(
        operation("ReferTheme"),
        {
            "input": {
                "themeId": theme_id,
                "addressee": "VNG",
                "bottleneck": "Boodschappen van familie tellen nog altijd als inkomen bij de bijstand.",
                "proposedSolution": "Een vrijlatingsgrens voor giften in natura.",
                "proposedResponsibility": "Het Rijk, met de gemeenten.",
            }
        },
        staff_a,
    )["referTheme"]
    assert second_referral["__typename"] == "ReferralPrepared", second_referral


def test_staff_read_of_an_original_is_audited(stack: Stack) -> None:
    staff = stack.token("staff", sub="staff-audit")
    submitted = submit(
        stack,
        f"De Wmo-indicatie voor huishoudelijke hulp is geschrapt na een telefoongesprek. BSN {BSN}.",
        "GM0344",
        domains=["WMO_2015"],
    )
    read = stack.api.gql(
        operation("ReportOriginal"),
        {"id": submitted["reference"], "reason": "Controle van de afscherming voor het dossier"},
        staff,
    )
    assert BSN in read["report"]["originalText"]
    events = stack.api.gql(operation("AuditEvents"), {"targetId": submitted["reference"]}, staff)[
        "auditEvents"
    ]["nodes"]
    actions = {(e["action"], e["actorSubject"]) for e in events}
    assert ("report.original_read", "staff-audit") in actions
    assert any(e["reason"] == "Controle van de afscherming voor het dossier" for e in events)
    short = stack.api.post(
        operation("ReportOriginal"), {"id": submitted["reference"], "reason": "x"}, staff
    )
    assert short.json()["errors"][0]["message"].startswith("Geef een reden")
