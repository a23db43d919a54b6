"""The OpenAPI description and the reference page rendered from it."""

import re


def test_openapi_describes_every_api_route(app, client, db):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    documented = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    routed = {
        (method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint.startswith("api_")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routed == documented
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method != "parameters":
                assert "default" in operation["responses"]
    problem = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert list(problem) == ["application/problem+json"]


def test_reference_page_is_rendered_from_the_description(app, client, db):
    spec = client.get("/api/v1/openapi.json").json
    response = client.get("/api/v1/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for path, item in spec["paths"].items():
        for method in set(item) & {"get", "post", "put", "patch", "delete"}:
            assert f"{method.upper()} {path}" in page
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in page
    # No third-party requests: no scripts, no off-site styles or images.
    assert "<script" not in page
    absolute = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', page)
    own = app.config["SITE_URL"] + "/"  # the page's own language versions
    assert all(url.startswith(own) for url in absolute), absolute
    assert len(response.data) < 60_000
