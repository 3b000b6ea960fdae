"""The pages of a resident who logged in: logging in and out, and their own reports with
the messages about them and a reply form (the anonymous follow-up is `/volgen`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.errors import AuthlibBaseError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from web import login
from web.login import with_account
from web.operations import OperationFailed, run
from web.pages import Page, survey_answers


async def start_login(request: Request) -> Response:
    page = Page(request)
    try:
        return await login.start(request, page.lang)
    except (AuthlibBaseError, httpx.HTTPError, KeyError, ValueError) as error:
        # The issuer cannot be reached or discovered: say so, never a stack trace.
        login.log.warning("login could not start: %s", type(error).__name__)
        return page.unavailable("home.html")


async def finish_login(request: Request) -> Response:
    lang, response = await login.finish(request)
    if response is not None:
        return response
    page = Page(request, None)
    page.lang = lang
    message = page.gettext("Inloggen is niet gelukt. Probeer het nog een keer.")
    return page.render("home.html", 400, errors=[{"field": None, "message": message}])


async def logout(request: Request) -> Response:
    form = await request.form()
    page = Page(request, form)
    if not page.checked(form):
        return page.expired("home.html")
    await login.logout(request)
    response = RedirectResponse(f"/?{urlencode({'lang': page.lang})}", status_code=303)
    response.delete_cookie(login.SESSION_COOKIE, path="/")
    return response


async def _my_reports(page: Page, status: int = 200, **extra: Any) -> Response:
    if page.account is None:
        query = urlencode({"lang": page.lang})
        return RedirectResponse(f"/inloggen?{query}", status_code=303)
    try:
        data = await run(page.request, "MyReports", {"first": 50}, language=page.lang,
                         viewer=page.viewer)  # fmt: skip
    except OperationFailed:
        return page.unavailable("my_reports.html", reports=[])
    reports = data["myReports"]["nodes"]
    return page.render("my_reports.html", status, reports=reports, **extra)


async def my_reports(request: Request) -> Response:
    return await _my_reports(Page(request))


async def reply(request: Request) -> Response:
    form = await request.form()
    page = Page(request, form)
    if not page.checked(form):
        return page.expired("my_reports.html", reports=[])
    report_id = str(form.get("report_id") or "")
    body = str(form.get("body") or "")
    variables = {"input": {"reportId": report_id, "body": body}}
    try:
        data = await run(request, "ReplyToFeedback", variables, language=page.lang,
                         viewer=page.viewer)  # fmt: skip
    except OperationFailed:
        return page.unavailable("my_reports.html", reports=[])
    answer = data["replyToFeedback"]
    if answer["__typename"] == "ReplySent":
        return await _my_reports(page, sent=report_id)
    problems = answer.get("errors") or [{"message": answer["message"]}]
    errors = [{"field": f"body-{report_id}", "message": p["message"]} for p in problems]
    return await _my_reports(page, 400, errors=errors, reply_to=report_id, reply_body=body)


async def survey(request: Request) -> Response:
    form = await request.form()
    page = Page(request, form)
    if not page.checked(form):
        return page.expired("my_reports.html", reports=[])
    report_id = str(form.get("report_id") or "")
    variables = {"input": {"reportId": report_id, **survey_answers(form)}}
    try:
        data = await run(request, "AnswerSurvey", variables, language=page.lang,
                         viewer=page.viewer)  # fmt: skip
    except OperationFailed:
        return page.unavailable("my_reports.html", reports=[])
    answer = data["answerSurvey"]
    if answer["__typename"] == "SurveyAnswered":
        return await _my_reports(page, survey_done=report_id, survey_message=answer["message"])
    problems = answer.get("errors") or [{"message": answer["message"]}]
    errors = [{"field": f"{report_id}-satisfaction", "message": p["message"]} for p in problems]
    return await _my_reports(page, 400, errors=errors, reply_to=report_id,
                             survey_form_values=dict(form))  # fmt: skip


def routes() -> list[Route]:
    return [
        Route("/inloggen", with_account(start_login), methods=["GET"]),
        Route(login.CALLBACK_PATH, with_account(finish_login), methods=["GET"]),
        Route("/uitloggen", with_account(logout), methods=["POST"]),
        Route("/mijn-signalen", with_account(my_reports), methods=["GET"]),
        Route("/mijn-signalen/reactie", with_account(reply), methods=["POST"]),
        Route("/mijn-signalen/tevredenheid", with_account(survey), methods=["POST"]),
    ]
