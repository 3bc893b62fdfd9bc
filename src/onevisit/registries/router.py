"""Sends every registry app to its own database alias and keeps every other app off them."""

REGISTRY_LABEL_PREFIX = "registry_"


def registry_alias(app_label: str) -> str | None:
    return app_label if app_label.startswith(REGISTRY_LABEL_PREFIX) else None


class RegistryRouter:
    def db_for_read(self, model, **hints):
        return registry_alias(model._meta.app_label)

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        # A registry row may only relate to rows of the same registry.
        alias1, alias2 = registry_alias(obj1._meta.app_label), registry_alias(obj2._meta.app_label)
        if alias1 or alias2:
            return alias1 == alias2
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        alias = registry_alias(app_label)
        if alias:
            return db == alias
        if db.startswith(REGISTRY_LABEL_PREFIX):
            return False
        return None
