"""The reference page's content, read from the same OpenAPI description that
/api/v1/openapi.json serves (so the page cannot drift from the API)."""

import re

from flask import current_app, json

METHODS = ("get", "post", "put", "patch", "delete")


def current_spec() -> dict:
    """The description as plain JSON values (translated texts become strings,
    so the template escapes them like any other text)."""
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    return json.loads(json.dumps(api.spec.to_dict()))


def schema_name(schema: dict | None) -> str:
    """A readable type: a component's name, "list of X", or the JSON type."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {schema_name(schema.get('items'))}"
    kind = schema.get("type", "object")
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def body_schema(content: dict | None) -> str:
    for media in (content or {}).values():
        return schema_name(media.get("schema"))
    return ""


def operation_entry(path: str, method: str, operation: dict) -> dict:
    parameters = [
        {
            "name": parameter["name"],
            "where": parameter["in"],
            "required": parameter.get("required", False),
            "type": schema_name(parameter.get("schema")),
            "description": parameter.get("description", ""),
        }
        for parameter in operation.get("parameters", [])
        if "name" in parameter
    ]
    responses = [
        {
            "status": status,
            "description": answer.get("description", ""),
            "type": body_schema(answer.get("content")),
        }
        for status, answer in operation.get("responses", {}).items()
        if "description" in answer
    ]
    body = operation.get("requestBody", {}).get("content")
    return {
        "id": re.sub(r"[^a-z0-9-]+", "-", f"{method}-{path}".lower()).strip("-"),
        "method": method.upper(),
        "path": path,
        "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "parameters": parameters,
        "body": body_schema(body),
        "responses": responses,
    }


def schema_entries(components: dict) -> list[dict]:
    entries = []
    for name, schema in sorted(components.get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [
            {
                "name": field,
                "type": schema_name(detail),
                "required": field in required,
                "nullable": detail.get("nullable", False),
                "description": detail.get("description", ""),
                "enum": detail.get("enum", []),
            }
            for field, detail in schema.get("properties", {}).items()
        ]
        entries.append({"name": name, "fields": fields})
    return entries


def reference_context() -> dict:
    spec = current_spec()
    components = spec.get("components", {})
    # Resolve response refs so each operation lists its own answers.
    shared = components.get("responses", {})
    groups: dict[str, list[dict]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = dict(item[method])
            parameters = item.get("parameters", []) + operation.get("parameters", [])
            operation["parameters"] = [
                components.get("parameters", {}).get(p["$ref"].rsplit("/", 1)[-1], {})
                if "$ref" in p
                else p
                for p in parameters
            ]
            operation["responses"] = {
                status: shared.get(answer["$ref"].rsplit("/", 1)[-1], {})
                if "$ref" in answer
                else answer
                for status, answer in operation.get("responses", {}).items()
            }
            for tag in operation.get("tags", ["api"]):
                groups.setdefault(tag, []).append(
                    operation_entry(path, method, operation)
                )
    schemas = schema_entries(components)
    tags = {tag["name"]: tag.get("description", "") for tag in spec.get("tags", [])}
    return {
        "info": spec.get("info", {}),
        "groups": [(name, tags.get(name, ""), ops) for name, ops in groups.items()],
        "schemas": schemas,
        "schema_names": {schema["name"] for schema in schemas},
    }
