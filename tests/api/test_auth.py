"""Wrong tokens and wrong roles.

A presented token that is not valid (foreign key, expired, wrong audience or issuer, garbage)
is answered with HTTP 401 before GraphQL runs, and never turns into an anonymous request. A
valid token with the wrong role gets a GraphQL error on the field and no data. Over the
WebSocket an invalid token closes the connection; a missing role refuses the subscription.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from auth.dev_issuer import issue_token, load_or_create_key
from auth.roles import Role
from frontend_contract import operation
from tests.stack import Stack

MISSING = "00000000-0000-4000-8000-000000000000"

SUBMIT_TEXT = (
    "De gemeente weigert leerlingenvervoer voor mijn zoon met autisme omdat de speciale school "
    "net binnen zes kilometer van ons huis ligt. Met de bus lukt het hem niet alleen."
)


# --- token factories -------------------------------------------------------------------------


def claims(stack: Stack, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "iss": stack.issuer,
        "aud": "signaalpunt",
        "sub": "intruder",
        "iat": now,
        "exp": now + 3600,
        "roles": ["staff"],
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def signed_by_dev_key(stack: Stack, **overrides: Any) -> str:
    key = load_or_create_key(stack.data_dir)
    return jwt.encode({"alg": "ES256", "kid": key.kid}, claims(stack, **overrides), key)


def signed_by_other_key(stack: Stack, kid: str = "other") -> str:
    other = ECKey.generate_key("P-256")
    return jwt.encode({"alg": "ES256", "kid": kid}, claims(stack), other)


def expired(stack: Stack, role: str = "staff") -> str:
    return issue_token(
        stack.data_dir,
        issuer=stack.issuer,
        audience="signaalpunt",
        role=Role(role),
        subject="staff-expired",
        ttl_seconds=-3600,
    )


def invalid_tokens(stack: Stack) -> dict[str, str]:
    dev_kid = str(load_or_create_key(stack.data_dir).kid)
    return {
        "other-key": signed_by_other_key(stack),
        "other-key-spoofing-our-kid": signed_by_other_key(stack, kid=dev_kid),
        "expired": expired(stack),
        "wrong-audience": signed_by_dev_key(stack, aud="another-app"),
        "wrong-issuer": signed_by_dev_key(stack, iss="https://evil.example/dev-issuer"),
        "no-subject": signed_by_dev_key(stack, sub=None),
        "no-expiry": signed_by_dev_key(stack, exp=None),
        "alg-none": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsic3RhZmYiXX0.",
        "garbage": "abc.def",
        "one-segment": "abc",
    }


# --- helpers ---------------------------------------------------------------------------------


def assert_401(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 401, response.text
    assert "invalid_token" in response.headers.get("www-authenticate", "")
    body = response.json()
    assert "data" not in body, body
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
    assert body["errors"][0]["message"]
    return body


def report_count(stack: Stack) -> int:
    return int(stack.sql("SELECT count(*) AS n FROM report")[0]["n"])


def submit_variables(text: str = SUBMIT_TEXT) -> dict[str, Any]:
    return {
        "input": {
            "text": text,
            "reporterRole": "RESIDENT",
            "channel": "WEB",
            "municipality": "GM0505",
            "domains": ["JEUGDWET"],
        }
    }


# --- (a)-(d): invalid tokens get 401 ---------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        "other-key",
        "other-key-spoofing-our-kid",
        "expired",
        "wrong-audience",
        "wrong-issuer",
        "no-subject",
        "no-expiry",
        "alg-none",
        "garbage",
        "one-segment",
    ],
)
def test_invalid_token_is_401(stack: Stack, kind: str) -> None:
    token = invalid_tokens(stack)[kind]
    assert_401(stack.api.post("{ viewer { subject roles } }", token=token))
    assert_401(stack.api.post("{ reports { edges { cursor } } }", token=token))
    assert_401(stack.api.post("{ taxonomy { domains { domain } } }", token=token))


def test_expired_token_says_so(stack: Stack) -> None:
    body = assert_401(stack.api.post("{ viewer { subject } }", token=expired(stack)))
    assert "verlopen" in body["errors"][0]["message"]


def test_the_same_claims_signed_by_our_key_are_accepted(stack: Stack) -> None:
    """The control for the 401 tests: only the signature/claim under test made them fail."""
    data = stack.api.gql("{ viewer { subject roles } }", token=signed_by_dev_key(stack))
    assert data["viewer"] == {"subject": "intruder", "roles": ["STAFF"]}


def test_lowercase_bearer_scheme_is_validated_too(stack: Stack) -> None:
    response = stack.api.post(
        "{ viewer { subject } }", headers={"Authorization": f"bearer {expired(stack)}"}
    )
    assert_401(response)


# --- (i): an invalid token never becomes an anonymous report ---------------------------------


def test_invalid_token_on_submit_report_creates_nothing(stack: Stack) -> None:
    marker = f"kenmerk{uuid.uuid4().hex[:10]}"
    variables = submit_variables(f"{SUBMIT_TEXT} {marker}")
    before = report_count(stack)
    for kind, token in invalid_tokens(stack).items():
        response = stack.api.post(operation("SubmitReport"), variables, token)
        assert response.status_code == 401, (kind, response.text)
        assert "receipt" not in response.text
    assert report_count(stack) == before
    rows = stack.sql("SELECT count(*) AS n FROM report WHERE text LIKE $1", f"%{marker}%")
    assert rows[0]["n"] == 0

    # The same input with a valid token is accepted: it was the token that was refused.
    resident = stack.token("resident", sub=f"resident-{marker}")
    accepted = stack.api.gql(operation("SubmitReport"), variables, resident)["submitReport"]
    assert accepted["__typename"] == "ReportSubmitted"
    assert accepted["receipt"] is None  # identified, not anonymous
    assert report_count(stack) == before + 1
    row = stack.sql(
        "SELECT anonymous, reporter_subject FROM report WHERE id = $1::uuid",
        accepted["reference"],
    )[0]
    assert row == {"anonymous": False, "reporter_subject": f"resident-{marker}"}


# --- (h): who am I ---------------------------------------------------------------------------


def test_viewer_reflects_the_token(stack: Stack) -> None:
    query = "{ viewer { subject roles municipality partner } }"
    staff = stack.api.gql(query, token=stack.token("staff", sub="staff-viewer"))["viewer"]
    assert staff == {
        "subject": "staff-viewer",
        "roles": ["STAFF"],
        "municipality": None,
        "partner": None,
    }
    gemeente = stack.api.gql(
        query, token=stack.token("municipality", sub="gm-viewer", municipality="GM0363")
    )["viewer"]
    assert gemeente["roles"] == ["MUNICIPALITY"] and gemeente["municipality"] == "GM0363"
    vng = stack.api.gql(query, token=stack.token("partner", partner="VNG"))["viewer"]
    assert vng["roles"] == ["PARTNER"] and vng["partner"] == "VNG"
    assert stack.api.gql(query)["viewer"] is None


# --- (e)/(f): wrong roles get no data --------------------------------------------------------


STAFF_QUERIES: list[tuple[str, str, dict[str, Any], bool]] = [
    # (field, document, variables, nullable field)
    ("reports", "{ reports { edges { node { id maskedText } } } }", {}, False),
    ("themes", "{ themes { edges { node { id label } } } }", {}, False),
    ("auditEvents", "{ auditEvents { nodes { action targetId } } }", {}, False),
    ("referrals", "{ referrals { nodes { id dossier } } }", {}, False),
    ("report", "query($id: ID!) { report(id: $id) { id maskedText } }", {"id": MISSING}, True),
    ("theme", "query($id: ID!) { theme(id: $id) { id } }", {"id": MISSING}, True),
    ("referral", "query($id: ID!) { referral(id: $id) { id } }", {"id": MISSING}, True),
]

STAFF_MUTATIONS: list[tuple[str, dict[str, Any]]] = [
    ("SetReportStatus", {"reportId": MISSING, "status": "CLOSED"}),
    ("MergeDuplicates", {"reportId": MISSING, "intoReportId": str(uuid.uuid4())}),
    ("UnmergeDuplicate", {"reportId": MISSING}),
    ("MoveReportToTheme", {"reportId": MISSING, "themeId": MISSING}),
    ("RenameTheme", {"themeId": MISSING, "label": "Een nieuwe naam"}),
    ("ConfirmTheme", {"themeId": MISSING}),
    ("MergeThemes", {"themeId": MISSING, "intoThemeId": str(uuid.uuid4())}),
    ("SplitTheme", {"themeId": MISSING, "reportIds": [MISSING], "label": "Apart"}),
    ("SendFeedback", {"reportId": MISSING, "body": "Een bericht aan de melder."}),
    (
        "ReferTheme",
        {
            "themeId": MISSING,
            "addressee": "VNG",
            "bottleneck": "Een knelpunt dat landelijk speelt en opgelost moet worden.",
            "proposedSolution": "Een voorstel voor een oplossing.",
            "proposedResponsibility": "Het Rijk en de gemeenten samen.",
        },
    ),
    ("ApproveReferral", {"referralId": MISSING}),
]

PARTNER_MUTATIONS: list[tuple[str, dict[str, Any]]] = [
    ("AcknowledgeReferral", {"referralId": MISSING, "partnerReference": "X-1"}),
    ("AnswerReferral", {"referralId": MISSING, "answer": "Wij nemen dit zeker mee."}),
]


def _role_tokens(stack: Stack, roles: tuple[str, ...]) -> dict[str, str | None]:
    factories = {
        "none": lambda: None,
        "resident": lambda: stack.token("resident"),
        "professional": lambda: stack.token("professional"),
        "municipality": lambda: stack.token("municipality", municipality="GM0363"),
        "partner": lambda: stack.token("partner", partner="VNG"),
        "staff": lambda: stack.token("staff"),
    }
    return {role: factories[role]() for role in roles}


def refusal_cases(stack: Stack) -> list[tuple[str, str, dict[str, Any], str | None, bool]]:
    """(label, document, variables, token, nullable) for every refused combination."""
    cases = []
    outsiders = _role_tokens(stack, ("none", "resident", "professional", "municipality", "partner"))
    for field, document, variables, nullable in STAFF_QUERIES:
        for role, token in outsiders.items():
            cases.append((f"{role}:{field}", document, variables, token, nullable))
    for name, input in STAFF_MUTATIONS:
        for role, token in outsiders.items():
            cases.append((f"{role}:{name}", operation(name), {"input": input}, token, False))
    not_partners = _role_tokens(stack, ("none", "resident", "municipality", "staff"))
    for name, input in PARTNER_MUTATIONS:
        for role, token in not_partners.items():
            cases.append((f"{role}:{name}", operation(name), {"input": input}, token, False))
    partner_referrals = "{ partnerReferrals { nodes { id dossier } } }"
    for role, token in _role_tokens(stack, ("none", "resident", "municipality", "staff")).items():
        cases.append((f"{role}:partnerReferrals", partner_referrals, {}, token, False))
    municipality_themes = "{ municipalityThemes { nodes { themeId } } }"
    for role, token in _role_tokens(stack, ("none", "resident", "partner")).items():
        cases.append((f"{role}:municipalityThemes", municipality_themes, {}, token, False))
    cases.append(("none:myReports", operation("MyReports"), {}, None, False))
    return cases


def _top_field(document: str) -> str:
    from graphql import parse

    definition = parse(document).definitions[0]
    return definition.selection_set.selections[0].name.value  # type: ignore[attr-defined]


def test_wrong_roles_get_an_error_and_no_data(stack: Stack) -> None:
    cases = refusal_cases(stack)
    assert len(cases) == 7 * 5 + 11 * 5 + 2 * 4 + 4 + 3 + 1
    for label, document, variables, token, nullable in cases:
        response = stack.api.post(document, variables, token)
        assert response.status_code == 200, (label, response.text)
        body = response.json()
        field = _top_field(document)
        assert body.get("errors"), (label, body)
        assert body["errors"][0]["path"] == [field], (label, body)
        if nullable:
            assert body["data"] == {field: None}, (label, body)
        else:
            assert body["data"] is None, (label, body)
        assert "Traceback" not in response.text


def test_the_right_role_is_let_through(stack: Stack) -> None:
    """The control for the refusals: each field answers its own role."""
    staff = stack.token("staff")
    for field, document, variables, _ in STAFF_QUERIES:
        data = stack.api.gql(document, variables, staff)
        assert field in data
    for name, input in STAFF_MUTATIONS:
        result = stack.api.gql(operation(name), {"input": input}, staff)
        assert result[_top_field(operation(name))]["code"] == "NOT_FOUND", name
    vng = stack.token("partner", partner="VNG")
    for name, input in PARTNER_MUTATIONS:
        result = stack.api.gql(operation(name), {"input": input}, vng)
        assert result[_top_field(operation(name))]["code"] == "NOT_FOUND", name
    assert isinstance(
        stack.api.gql("{ partnerReferrals { nodes { id } } }", token=vng)["partnerReferrals"][
            "nodes"
        ],
        list,
    )
    gemeente = stack.token("municipality", municipality="GM0363")
    assert isinstance(
        stack.api.gql("{ municipalityThemes { nodes { themeId } } }", token=gemeente)[
            "municipalityThemes"
        ]["nodes"],
        list,
    )


def test_refused_staff_mutation_changes_nothing(stack: Stack) -> None:
    resident = stack.token("resident", sub=f"resident-{uuid.uuid4().hex[:8]}")
    text = SUBMIT_TEXT.replace("autisme", "een lichamelijke beperking")
    submitted = stack.api.gql(operation("SubmitReport"), submit_variables(text), resident)[
        "submitReport"
    ]
    report_id = submitted["reference"]
    for token in (
        resident,
        stack.token("partner", partner="VNG"),
        stack.token("municipality", municipality="GM0505"),
    ):
        for status in ("CLOSED", "DECLINED"):
            body = stack.api.post(
                operation("SetReportStatus"),
                {"input": {"reportId": report_id, "status": status, "note": "weg ermee"}},
                token,
            ).json()
            assert body["data"] is None and body["errors"], body
        feedback = stack.api.post(
            operation("SendFeedback"),
            {"input": {"reportId": report_id, "body": "Dit bericht mag niet verstuurd worden."}},
            token,
        ).json()
        assert feedback["data"] is None and feedback["errors"], feedback
    row = stack.sql("SELECT status FROM report WHERE id = $1::uuid", report_id)[0]
    assert row["status"] not in {"CLOSED", "DECLINED"}
    audits = stack.sql(
        "SELECT count(*) AS n FROM audit_event WHERE target_id = $1 AND action <> 'report.read'",
        report_id,
    )
    assert audits[0]["n"] == 0
    messages = stack.sql(
        "SELECT count(*) AS n FROM feedback_message WHERE report_id = $1::uuid", report_id
    )
    assert messages[0]["n"] == 0


def test_refusals_carry_the_forbidden_code(stack: Stack) -> None:
    wrong: dict[str, object] = {}
    for label, document, variables, token, _ in refusal_cases(stack):
        error = stack.api.post(document, variables, token).json()["errors"][0]
        code = (error.get("extensions") or {}).get("code")
        if code != "FORBIDDEN" or not error["message"].startswith("U heeft geen toegang"):
            wrong[label] = error
    assert wrong == {}, json.dumps(wrong, ensure_ascii=False)[:2000]
