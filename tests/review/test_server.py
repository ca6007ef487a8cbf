"""The real server (``claimcheck serve`` in its own process) over HTTP, on SQLite and on
PostgreSQL: sign-in, authorisation, CSRF, rate limiting, hostile content, conflicts and a
restart in the middle of a session."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx

from tests.review.conftest import XSS_TEXT, api_login

PAGES = ["/queue", "/claims/1", "/intake", "/metrics", "/audit", "/admin/users", "/export"]
API_GETS = [
    "/api/claims",
    "/api/claims/1",
    "/api/me",
    "/api/metrics",
    "/api/audit",
    "/api/export/decisions",
    "/api/export/claimreview",
]
API_POSTS = [
    ("/api/claims/1/decision", {"action": "confirm", "version": 1}),
    ("/api/claims/1/assignment", {"assignee": None}),
    ("/api/documents", {"source": "https://x.example/", "content": "Kratom is safe."}),
]
FORM_POSTS = [
    "/claims/1/decide",
    "/claims/1/assign",
    "/claims/1/release",
    "/admin/users",
    "/logout",
]


def _group_id(client: httpx.Client, text: str) -> tuple[int, int]:
    found = client.get("/api/claims", params={"q": text, "status": "all"}).json()["items"]
    assert found, text
    return found[0]["id"], found[0]["version"]


def _form_token(html: str, name: str = "csrf_token") -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def web_login(client: httpx.Client, username: str, password: str | None = None) -> str:
    from tests.review.conftest import PASSWORD

    page = client.get("/login")
    token = _form_token(page.text)
    response = client.post(
        "/login",
        data={"username": username, "password": password or PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 303, response.text
    return _form_token(client.get("/queue").text)


def test_nothing_works_without_signing_in(served) -> None:
    with served.client() as client:
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/login?next=")
        for path in API_GETS:
            assert client.get(path).status_code == 401, path
        for path, body in API_POSTS:
            assert client.post(path, json=body).status_code == 401, path
        for path in FORM_POSTS:
            response = client.post(path, data={"action": "confirm", "version": "1"})
            assert response.status_code in (303, 422), path
            if response.status_code == 303:
                assert response.headers["location"].startswith("/login")
        assert client.get("/openapi.json").status_code == 200  # the schema itself is public


def test_moderators_cannot_reach_admin_actions(served) -> None:
    with served.client() as client:
        csrf = api_login(client, "mod")
        for path in ("/audit", "/admin/users", "/export"):
            assert client.get(path).status_code == 403, path
        for path in ("/api/audit", "/api/export/decisions", "/api/export/claimreview"):
            assert client.get(path).status_code == 403, path
        page_token = _form_token(client.get("/queue").text)
        response = client.post(
            "/admin/users",
            data={"username": "intruder", "password": "x" * 12, "csrf_token": page_token},
        )
        assert response.status_code == 403
        gid, version = _group_id(client, "Kratom helps with sleep")
        response = client.post(
            f"/api/claims/{gid}/decision",
            json={"action": "reopen", "version": version},
            headers={"X-CSRF-Token": csrf},
        )
        assert response.status_code in (400, 403)
    with served.client() as admin:
        api_login(admin, "admin")
        users = admin.get("/admin/users").text
        assert "intruder" not in users


def test_csrf_and_cross_site_requests_are_refused(served) -> None:
    with served.client() as client:
        csrf = api_login(client, "mod")
        gid, version = _group_id(client, "Vitamin C shortens")
        body = {"action": "confirm", "version": version}
        url = f"/api/claims/{gid}/decision"
        assert client.post(url, json=body).status_code == 403
        assert client.post(url, json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
        evil = {"X-CSRF-Token": csrf, "Origin": "https://evil.example"}
        assert client.post(url, json=body, headers=evil).status_code == 403
        form = {"action": "confirm", "version": str(version), "csrf_token": "forged"}
        assert client.post(f"/claims/{gid}/decide", data=form).status_code == 403
        assert client.get(f"/api/claims/{gid}").json()["state"]["status"] == "open"
    with served.client() as fresh:
        fresh.get("/login")
        response = fresh.post(
            "/login", data={"username": "mod", "password": "whatever", "csrf_token": "forged"}
        )
        assert response.status_code == 403


def test_session_cookie_flags(served) -> None:
    with served.client() as client:
        response = client.post(
            "/api/session", json={"username": "mod", "password": "correct horse battery staple"}
        )
        cookie = response.headers["set-cookie"].lower()
        assert "cc_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        page = client.get("/queue")
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"


def test_sign_in_is_rate_limited(served) -> None:
    with served.client() as client:
        codes = [
            client.post("/api/session", json={"username": "ratelimited", "password": "nope"})
            for _ in range(6)
        ]
        assert [r.status_code for r in codes] == [401] * 5 + [429]
        assert int(codes[-1].headers["retry-after"]) > 0
        token = _form_token(client.get("/login").text)
        page = client.post(
            "/login", data={"username": "ratelimited", "password": "nope", "csrf_token": token}
        )
        assert page.status_code == 429
        assert "Too many failed sign-ins" in page.text


class _Markup(HTMLParser):
    """Every element and attribute the browser would build from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _assert_inert(html: str, where: str) -> None:
    """No element or attribute came from the hostile input: the only scripts are ours, no
    event handlers, no javascript: links, no injected <img> or <b>."""
    parser = _Markup()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "b", "iframe"), (where, tag, attrs)
        if tag == "script":
            assert attrs == {"src": "/static/review.js", "defer": None}, (where, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith("javascript:"), (where, value)


def test_hostile_content_is_shown_as_text(served) -> None:
    with served.client() as attacker:  # a failed sign-in puts the name in the audit log
        token = _form_token(attacker.get("/login").text)
        attacker.post("/login", data={"username": XSS_TEXT, "password": "x", "csrf_token": token})
    with served.client() as client:
        csrf = api_login(client, "admin")
        gid, version = _group_id(client, "cures anxiety")
        decided = client.post(
            f"/api/claims/{gid}/decision",
            json={"action": "escalate", "version": version, "note": f"note {XSS_TEXT}"},
            headers={"X-CSRF-Token": csrf},
        )
        assert decided.status_code == 200, decided.text
        pages = {
            "queue": client.get("/queue", params={"status": "all"}).text,
            "claim": client.get(f"/claims/{gid}").text,
            "audit": client.get("/audit").text,
            "metrics": client.get("/metrics").text,
            "search": client.get("/queue", params={"q": XSS_TEXT, "domain": XSS_TEXT}).text,
        }
        for where, html in pages.items():
            _assert_inert(html, where)
        claim = pages["claim"]
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in claim  # shown, as text
        assert "javascript:alert(document.cookie)" in claim  # the URL is shown, not linked
        assert "note &lt;script&gt;" in claim
        assert "&lt;script&gt;" in pages["audit"]
        silver, _version = _group_id(client, "Colloidal silver")
        quoted = client.get(f"/claims/{silver}").text
        _assert_inert(quoted, "claim with quotes in its URLs")
        # The http(s) links stay links, their quotes escaped inside the attribute.
        assert 'href="https://evil.example/&#34;&gt;&lt;script&gt;alert(2)' in quoted
        assert 'href="https://doi.example/&#34; onclick=&#34;alert(4)"' in quoted


def test_sql_metacharacters_over_http(served) -> None:
    with served.client() as client:
        api_login(client, "mod")
        before = client.get("/api/claims", params={"status": "all"}).json()["total"]
        for value in ("' OR '1'='1", "'; DROP TABLE claims; --", "%", "_"):
            for name in ("topic", "domain", "assignee", "q"):
                response = client.get("/api/claims", params={name: value, "status": "all"})
                assert response.status_code == 200
                assert response.json()["total"] == 0, (name, value)
                assert client.get("/queue", params={name: value}).status_code == 200
        assert client.get("/api/claims", params={"status": "all"}).json()["total"] == before
        assert client.get("/api/claims", params={"status": "'; --"}).status_code == 422


def test_openapi_schema(served) -> None:
    schema = httpx.get(served.base + "/openapi.json").json()
    assert "get" in schema["paths"]["/api/claims"]
    assert "post" in schema["paths"]["/api/claims/{group_id}/decision"]
    assert "post" in schema["paths"]["/api/documents"]


def test_second_moderator_sees_a_conflict(served) -> None:
    with served.client() as first, served.client() as second:
        csrf1, csrf2 = api_login(first, "mod"), api_login(second, "mod2")
        gid, version = _group_id(first, "Take 5 grams")
        ok = first.post(
            f"/api/claims/{gid}/decision",
            json={"action": "confirm", "version": version},
            headers={"X-CSRF-Token": csrf1},
        )
        assert ok.status_code == 200 and ok.json()["status"] == "confirmed"
        late = second.post(
            f"/api/claims/{gid}/decision",
            json={"action": "change", "verdict": "supported", "version": version},
            headers={"X-CSRF-Token": csrf2},
        )
        assert late.status_code == 409
        body = late.json()
        assert body["current"]["status"] == "confirmed"
        assert body["current"]["decided_by"] == "mod"
        assert "your decision was not saved" in body["detail"]
        page_csrf = _form_token(second.get(f"/claims/{gid}").text)
        form = {"action": "change:supported", "version": str(version), "csrf_token": page_csrf}
        page = second.post(f"/claims/{gid}/decide", data=form)
        assert page.status_code == 409
        assert "Someone else decided first" in page.text


def test_opened_claim_is_marked_in_review_for_others(served) -> None:
    with served.client() as first, served.client() as second:
        api_login(first, "mod")
        api_login(second, "mod2")
        gid, _version = _group_id(first, "mix with alcohol")
        first.get(f"/claims/{gid}")
        page = second.get(f"/claims/{gid}").text
        assert "mod has this claim open right now" in page
        item = second.get("/api/claims", params={"q": "mix with alcohol"}).json()["items"][0]
        assert item["in_review_by"] == "mod"


def test_restart_mid_session_loses_nothing(served) -> None:
    with served.client() as client:
        csrf = api_login(client, "mod")
        gid, version = _group_id(client, "Vitamin C cures")
        decided = client.post(
            f"/api/claims/{gid}/decision",
            json={"action": "change", "verdict": "unverified", "version": version, "note": "n"},
            headers={"X-CSRF-Token": csrf},
        )
        assert decided.status_code == 200
        served.restart()
        detail = client.get(f"/api/claims/{gid}")  # same cookie: the session survived
        assert detail.status_code == 200
        state = detail.json()["state"]
        assert (state["status"], state["final_verdict"], state["note"]) == (
            "changed",
            "unverified",
            "n",
        )
        assert detail.json()["history"][0]["moderator"] == "mod"
        again = client.post(
            f"/api/claims/{gid}/decision",
            json={"action": "confirm", "version": version},
            headers={"X-CSRF-Token": csrf},
        )
        assert again.status_code == 409  # the CSRF token survived too; the version did not


def test_post_document_rejects_bad_articles_before_loading_models(served) -> None:
    with served.client() as client:
        csrf = api_login(client, "mod")
        headers = {"X-CSRF-Token": csrf}
        empty = client.post(
            "/api/documents",
            json={"source": "https://x.example/", "content": "  "},
            headers=headers,
        )
        assert empty.status_code == 422
        assert empty.json()["detail"] == "https://x.example/: is empty"
        missing = client.post("/api/documents", json={"source": "x"}, headers=headers)
        assert missing.status_code == 422


def test_add_article_page_rejects_bad_articles_and_escapes_them(served) -> None:
    with served.client() as client:
        api_login(client, "mod")
        page = client.get("/intake")
        assert page.status_code == 200
        token = _form_token(page.text)
        form = {"source": XSS_TEXT, "content": " ", "title": XSS_TEXT, "csrf_token": token}
        refused = client.post("/intake", data=form | {"csrf_token": "forged"})
        assert refused.status_code == 403
        empty = client.post("/intake", data=form)
        assert empty.status_code == 422
        assert "is empty" in empty.text
        _assert_inert(empty.text, "intake form")
        assert "&lt;script&gt;" in empty.text
