"""Reference department source systems (the demo's registries).

Each registry is its own Django app under this package, with its own database alias, and is
reached by the platform only through its provider API (see ``contract``): in-process in the
demo, over HTTP in production. The platform never reads a registry's tables directly.
"""

# The department registries, in the order the seed fills them; each is the app
# ``onevisit.registries.<code>`` with app label and database alias ``registry_<code>``.
REGISTRY_CODES = (
    "population",
    "marriage",
    "social_insurance",
    "medical_insurance",
    "enterprise",
    "tax",
    "real_estate",
    "health",
    "education",
    "housing_fund",
    "disability",
)
