"""The flask-smorest Api: one OpenAPI 3 description from the marshmallow schemas
that also parse requests and shape responses."""

import http

from apispec import BasePlugin
from flask_babel import lazy_gettext as _l
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from community.api.problems import PROBLEM_TYPE, ProblemSchema


class DefaultErrorPlugin(BasePlugin):
    """Every operation may answer with a problem (401, 403, 404, 429, ...)."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            operation.setdefault("responses", {}).setdefault("default", "DEFAULT_ERROR")


class HubApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        # The site's error handlers (main/errors.py) answer /api/ with problems;
        # smorest's own handler would replace the HTML error pages site-wide.
        pass

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "A problem (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


INFO = {
    "description": _l(
        "Read and write the hub as you do in its pages. "
        "Authenticate with a personal access token from your settings: "
        "`Authorization: Bearer <token>`. Errors are RFC 9457 problems."
    )
}


def make_api() -> HubApi:
    """One Api per application (tests build several apps in one process)."""
    return HubApi(spec_kwargs={"extra_plugins": [DefaultErrorPlugin()], "info": INFO})
