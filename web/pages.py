"""The resident pages: what Signaalpunt is, report, the receipt (shown once), follow up.

Every form works without JavaScript: POST, then a redirect to a page that can be
reloaded (the receipt is held server-side for one showing), CSRF-checked, with an error
summary that links to each field. No client address is logged or kept; for an anonymous
visitor the only cookie is the form's CSRF value (logging in adds a session id).
"""

from __future__ import annotations

import json
import secrets
from functools import cache
from typing import Any
from urllib.parse import urlencode

import segno
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from auth.roles import Viewer
from web import STATIC_DIR, TEMPLATES_DIR, csrf
from web.i18n import languages, pick_language, translations
from web.login import Account, with_account
from web.municipalities import all_municipalities, find, phone_number
from web.operations import OperationFailed, run

SLOT_SECONDS = 900
URGENCY = ["EVICTION", "NO_INCOME", "VIOLENCE", "CHILD_SAFETY", "SUICIDE_RISK"]
RELATIONS = ["FAMILY", "CLIENT_SUPPORTER", "CASE_WORKER", "GUARDIAN", "COUNCILLOR", "OTHER"]
FIELDS = ["WIJKTEAM", "KLANTMANAGER", "CLIENTONDERSTEUNER", "BEWINDVOERDER", "JONGERENWERKER",
          "SCHOOL", "HUISARTS", "OPVANG", "OTHER"]  # fmt: skip
SATISFACTION = ("VERY_SATISFIED", "SATISFIED", "NEUTRAL", "UNSATISFIED", "VERY_UNSATISFIED")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _environment(lang: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )  # fmt: skip
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


environment = cache(_environment)  # one Jinja2 environment per language


class Page:
    """One request's page: its language, CSRF value and how to render."""

    def __init__(self, request: Request, form: FormData | None = None) -> None:
        self.request = request
        self.lang = pick_language(
            request, str(form.get("lang")) if form and form.get("lang") else None
        )
        self.cookie = request.cookies.get(csrf.COOKIE) or csrf.new_value()
        self.key = request.app.state.services.settings.receipt_pepper
        self.account: Account | None = getattr(request.state, "account", None)

    @property
    def viewer(self) -> Viewer | None:
        return self.account.viewer if self.account else None

    def gettext(self, text: str) -> str:
        return translations(self.lang).gettext(text)

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        path = self.request.url.path
        body = environment(self.lang).get_template(template).render(
            lang=self.lang, languages=languages(), path=path,
            switch={other: f"{path}?{urlencode({'lang': other})}" for other in languages()},
            csrf_token=csrf.token_for(self.key, self.cookie), account=self.account, **values,
        )  # fmt: skip
        response = HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)
        secure = self.request.url.scheme == "https"
        response.set_cookie(csrf.COOKIE, self.cookie, max_age=csrf.MAX_AGE_SECONDS, path="/",
                            secure=secure, httponly=True, samesite="strict")  # fmt: skip
        return response

    def checked(self, form: FormData) -> bool:
        return csrf.valid(
            self.key, self.request.cookies.get(csrf.COOKIE), str(form.get("csrf") or "")
        )

    def expired(self, template: str, **values: Any) -> HTMLResponse:
        message = self.gettext(
            "Het formulier is verlopen of kwam niet van deze site. Uw gegevens zijn niet "
            "verstuurd. Probeer het nog een keer."
        )
        return self.render(template, 400, errors=[{"field": None, "message": message}], **values)

    def unavailable(self, template: str, **values: Any) -> HTMLResponse:
        message = self.gettext("Dit lukt nu even niet. Probeer het over een paar minuten opnieuw.")
        return self.render(template, 503, errors=[{"field": None, "message": message}], **values)


async def home(request: Request) -> Response:
    return Page(request).render("home.html")


def _domains(taxonomy: dict[str, Any]) -> list[dict[str, str]]:
    return [{"value": d["domain"], "label": d["label"]} for d in taxonomy["taxonomy"]["domains"]]


async def report_form(request: Request) -> Response:
    page = Page(request)
    try:
        taxonomy = await run(request, "Taxonomy", language=page.lang)
    except OperationFailed:
        return page.unavailable("report.html", form={}, domains=[], **_choices())
    return page.render("report.html", form={}, domains=_domains(taxonomy), **_choices())


def _choices() -> dict[str, Any]:
    return {"urgency": URGENCY, "relations": RELATIONS, "fields": FIELDS,
            "municipalities": all_municipalities()}  # fmt: skip


def _digits(value: object) -> str:
    """A receipt as digits only, however it was written (spaces, dashes)."""
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def _yes_no(value: object) -> bool | None:
    return {"yes": True, "no": False}.get(str(value or ""))


def _submit_input(
    form: FormData, lang: str, municipality_code: str, logged_in: bool
) -> dict[str, Any]:
    professional = form.get("role") == "PROFESSIONAL"
    data: dict[str, Any] = {
        "text": str(form.get("text") or ""),
        "reporterRole": "PROFESSIONAL" if professional else "RESIDENT",
        "channel": "WEB",
        "municipality": municipality_code,
        "language": lang,
        "domains": [str(form["domain"])] if form.get("domain") not in (None, "", "UNKNOWN") else [],
        "urgencyFlags": [str(v) for v in form.getlist("urgency") if v in URGENCY],
    }
    if logged_in:  # logged in, one may still report anonymously (and get a receipt)
        data["anonymous"] = bool(form.get("anonymous"))
    if form.get("on_behalf"):
        relation = str(form.get("relation") or "OTHER")
        data["onBehalf"] = {"relation": relation if relation in RELATIONS else "OTHER",
                            "consentGiven": bool(form.get("consent_given"))}  # fmt: skip
    if professional:
        field = str(form.get("professional_field") or "")
        data["professionalField"] = field if field in FIELDS else None
        data["maatwerkRequested"] = _yes_no(form.get("maatwerk"))
        data["feedbackReceivedBefore"] = _yes_no(form.get("feedback_before"))
        data["escalatedBeforeTo"] = str(form.get("escalated_before_to") or "") or None
    return data


# The API's field names, as the form names them (an error summary links to the field).
_FORM_FIELD = {"text": "text", "municipality": "municipality", "onBehalf": "consent_given",
               "onBehalf.consentGiven": "consent_given", "escalatedBeforeTo": "escalated_before_to"}  # fmt: skip


async def submit(request: Request) -> Response:
    form = await request.form()
    page = Page(request, form)
    values = {k: form.get(k) for k in form} | {"urgency_chosen": form.getlist("urgency")}
    try:
        taxonomy = await run(request, "Taxonomy", language=page.lang)
    except OperationFailed:
        return page.unavailable("report.html", form=values, domains=[], **_choices())
    context = {"form": values, "domains": _domains(taxonomy), **_choices()}
    if not page.checked(form):
        return page.expired("report.html", **context)
    municipality = find(str(form.get("municipality") or ""))
    errors: list[dict[str, Any]] = []
    if municipality is None:
        errors.append({"field": "municipality", "message": page.gettext(
            "Kies uw gemeente uit de lijst. Begin met typen om te zoeken."
        )})  # fmt: skip
    if form.get("on_behalf") and not form.get("consent_given"):
        errors.append({"field": "consent_given", "message": page.gettext(
            "Meldt u voor iemand anders? Dan hebben we de toestemming van die persoon nodig."
        )})  # fmt: skip
    if errors:
        return page.render("report.html", 400, errors=errors, **context)
    assert municipality is not None
    try:
        data = await run(
            request, "SubmitReport",
            {"input": _submit_input(form, page.lang, municipality.code, page.account is not None)},
            language=page.lang, viewer=page.viewer,
        )  # fmt: skip
    except OperationFailed:
        return page.unavailable("report.html", **context)
    answer = data["submitReport"]
    kind = answer["__typename"]
    if kind == "InvalidInput":
        errors = [{"field": _FORM_FIELD.get(e["field"] or ""), "message": e["message"]}
                  for e in answer["errors"]]  # fmt: skip
        return page.render("report.html", 400, errors=errors, **context)
    if kind != "ReportSubmitted":
        status = 429 if kind == "Throttled" else 422 if kind == "ReportRefused" else 503
        return page.render("report.html", status, errors=[{"field": None, "message": answer["message"]}],
                           refused=kind == "ReportRefused", **context)  # fmt: skip
    slot = secrets.token_urlsafe(18)
    services = request.app.state.services
    await services.redis.set(
        f"{services.settings.namespace}:receipt-slot:{slot}",
        json.dumps(
            {
                **answer,
                "urgencyChosen": [str(v) for v in form.getlist("urgency")],
                "municipality": {"name": municipality.name, "code": municipality.code},
            }
        ),
        ex=SLOT_SECONDS,
    )
    return RedirectResponse(
        f"/melden/ontvangen/{slot}?{urlencode({'lang': page.lang})}", status_code=303
    )


async def receipt(request: Request) -> Response:
    page = Page(request)
    services = request.app.state.services
    raw = await services.redis.getdel(
        f"{services.settings.namespace}:receipt-slot:{request.path_params['slot']}"
    )
    if raw is None:
        return page.render("receipt_gone.html", 410)
    answer = json.loads(raw)
    # Losing one's home or one's income is urgent too: the municipality helps with that.
    money_or_home = bool({"EVICTION", "NO_INCOME"} & set(answer.get("urgencyChosen") or []))
    code = _digits(answer.get("receipt"))
    groups = [code[i : i + 4] for i in range(0, len(code), 4)]
    follow_url = f"{services.settings.public_url}/volgen?{urlencode({'lang': page.lang})}"
    qr = (
        segno.make(follow_url, error="m").svg_data_uri(scale=4, dark="#000000", light="#ffffff")
        if code
        else None
    )
    municipality = answer.get("municipality") or {}
    town_hall = (
        {"name": municipality.get("name"), "number": number}
        if (number := phone_number(municipality.get("code")))
        else None
    )
    return page.render(
        "receipt.html", answer=answer, groups=groups, qr=qr, follow_url=follow_url,
        money_or_home=money_or_home, town_hall=town_hall,
    )  # fmt: skip


async def follow_form(request: Request) -> Response:
    return Page(request).render("follow.html", form={})


async def _lookup(request: Request, page: Page, code: str, **extra: Any) -> Response:
    try:
        data = await run(request, "ReportByReceipt", {"receipt": code}, language=page.lang)
    except OperationFailed:
        return page.unavailable("follow.html", form={"receipt": code})
    found = data["reportByReceipt"]
    if found["__typename"] != "ReporterView":
        status = 429 if found["__typename"] == "Throttled" else 404
        return page.render("follow.html", status, form={"receipt": code},
                           errors=[{"field": "receipt", "message": found["message"]}])  # fmt: skip
    return page.render("follow_up.html", report=found, receipt=code, **extra)


async def follow(request: Request) -> Response:
    form = await request.form()
    page = Page(request, form)
    code = _digits(form.get("receipt"))
    if not page.checked(form):
        return page.expired("follow.html", form={"receipt": code})
    if not code:
        return page.render("follow.html", 400, form={}, errors=[{"field": "receipt", "message": page.gettext(
            "Vul het bonnummer in dat u kreeg toen u uw signaal gaf (16 cijfers)."
        )}])  # fmt: skip
    return await _lookup(request, page, code)


async def reply(request: Request) -> Response:
    form = await request.form()
    page = Page(request, form)
    code = _digits(form.get("receipt"))
    if not page.checked(form):
        return page.expired("follow.html", form={"receipt": code})
    variables = {"input": {"receipt": code, "body": str(form.get("body") or ""),
                           "inReplyToId": str(form.get("in_reply_to") or "") or None}}  # fmt: skip
    try:
        data = await run(request, "ReplyToFeedback", variables, language=page.lang)
    except OperationFailed:
        return page.unavailable("follow.html", form={"receipt": code})
    answer = data["replyToFeedback"]
    if answer["__typename"] == "ReplySent":
        return await _lookup(request, page, code, sent=True)
    problems = answer.get("errors") or [{"field": "body", "message": answer["message"]}]
    errors = [{"field": "body", "message": p["message"]} for p in problems]
    return await _lookup(request, page, code, errors=errors, reply_body=variables["input"]["body"])


async def survey(request: Request) -> Response:
    """The satisfaction survey on the follow-up page, after the report ended."""
    form = await request.form()
    page = Page(request, form)
    code = _digits(form.get("receipt"))
    if not page.checked(form):
        return page.expired("follow.html", form={"receipt": code})
    variables = {"input": {"receipt": code, **survey_answers(form)}}
    try:
        data = await run(request, "AnswerSurvey", variables, language=page.lang)
    except OperationFailed:
        return page.unavailable("follow.html", form={"receipt": code})
    answer = data["answerSurvey"]
    if answer["__typename"] == "SurveyAnswered":
        return await _lookup(request, page, code, survey_done=answer["message"])
    problems = answer.get("errors") or [{"message": answer["message"]}]
    errors = [{"field": "satisfaction", "message": p["message"]} for p in problems]
    return await _lookup(request, page, code, errors=errors, survey_form_values=dict(form))


def survey_answers(form: FormData) -> dict[str, Any]:
    """The survey's answers as the API takes them; an unchosen answer is 'neutral'."""

    def pick(name: str, allowed: tuple[str, ...], default: str) -> str:
        value = str(form.get(name) or "")
        return value if value in allowed else default

    return {
        "satisfaction": pick("satisfaction", SATISFACTION, "NEUTRAL"),
        "understood": pick("understood", ("YES", "PARTLY", "NO"), "PARTLY"),
        "wouldReportAgain": pick("would_report_again", ("YES", "NO", "DONT_KNOW"), "DONT_KNOW"),
        "comment": str(form.get("comment") or "") or None,
    }


def routes() -> list[Route | Mount]:
    return [
        Route("/", with_account(home), methods=["GET"]),
        Route("/melden", with_account(report_form), methods=["GET"]),
        Route("/melden", with_account(submit), methods=["POST"]),
        Route("/melden/ontvangen/{slot}", with_account(receipt), methods=["GET"]),
        Route("/volgen", with_account(follow_form), methods=["GET"]),
        Route("/volgen", with_account(follow), methods=["POST"]),
        Route("/volgen/reactie", with_account(reply), methods=["POST"]),
        Route("/volgen/tevredenheid", with_account(survey), methods=["POST"]),
        Mount("/web", StaticFiles(directory=STATIC_DIR), name="web-static"),
    ]
