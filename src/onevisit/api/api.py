"""The NinjaAPI assembly: every app's router under /api/v1/, errors mapped once."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from onevisit.accounts.api import router as accounts_router
from onevisit.api import errors
from onevisit.core.api import router as core_router


class OneVisitAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Declare the common error responses on every operation, so clients and schemathesis
        know every status an operation can answer with."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = errors.ErrorOut.model_json_schema()
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                for parameter in operation.get("parameters", []):
                    # ninja copies the JSON Schema list `examples` onto the parameter, where
                    # OpenAPI wants a map of Example Objects: the document would not validate.
                    if isinstance(parameter.get("examples"), list):
                        parameter["examples"] = {str(value): {"value": value} for value in parameter["examples"]}
                responses = operation.setdefault("responses", {})
                for status, description in errors.COMMON_ERRORS.items():
                    responses.setdefault(str(status), {
                        "description": str(description),
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    })
                if "422" in responses:
                    responses["422"]["content"] = {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    }
        return schema


api = OneVisitAPI(
    title="OneVisit API",
    version="1.0.0",
    description=str(_("最多跑一次 · OneVisit 平台接口。错误统一返回 {code, message, details}。")),
    urls_namespace="api-v1",
    docs=Swagger(settings={"persistAuthorization": True}),
)
errors.install(api)
api.add_router("", core_router)
api.add_router("", accounts_router)
api.add_router("", "onevisit.exchange.api.router")
api.add_router("/catalogue", "onevisit.catalogue.api.router")
api.add_router("/applications", "onevisit.applications.api.router")
api.add_router("/notifications", "onevisit.notifications.api.router")
api.add_router("/applications", "onevisit.cases.api.applicant_router")
api.add_router("/cases", "onevisit.cases.api.router")
api.add_router("", "onevisit.certificates.api.router")
api.add_router("/verifier", "onevisit.certificates.verifier_api.router")
