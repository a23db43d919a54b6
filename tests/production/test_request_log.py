import json
import logging

from tests.factories import make_user


def logged_lines(caplog):
    return [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == "community.requests"
    ]


def test_one_line_per_request_with_id_status_and_duration(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="community.requests"):
        response = client.get(
            "/healthz", headers={"X-Request-ID": "abc12345-from-proxy"}
        )
    (line,) = logged_lines(caplog)
    assert (
        line["request_id"] == "abc12345-from-proxy" == response.headers["X-Request-ID"]
    )
    assert line["status"] == 200 and line["path"] == "/healthz"
    assert line["duration_ms"] >= 0


def test_hostile_request_ids_are_replaced(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="community.requests"):
        client.get("/healthz", headers={"X-Request-ID": "x<script>; Injected: 1"})
    (line,) = logged_lines(caplog)
    assert "Injected" not in line["request_id"] and len(line["request_id"]) == 32


def test_secret_tokens_never_reach_the_log(client, db, caplog):
    user = make_user()
    with caplog.at_level(logging.INFO):
        client.get(f"/calendar/{user.calendar_token}.ics")
        client.get("/auth/reset/secret-reset-token")
        client.get("/auth/confirm/secret-confirm-token")
    assert user.calendar_token not in caplog.text
    assert (
        "secret-reset-token" not in caplog.text
        and "secret-confirm-token" not in caplog.text
    )
    paths = [line["path"] for line in logged_lines(caplog)]
    assert paths == [
        "/calendar/[token].ics",
        "/auth/reset/[token]",
        "/auth/confirm/[token]",
    ]
