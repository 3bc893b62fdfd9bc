"""Limit/offset pagination with upper bounds.

ninja's own class leaves ``limit`` and ``offset`` unbounded, so a number past 64 bits reaches the
database and fails there (SQLite: datatype mismatch; PostgreSQL: bigint out of range): a 500.
Bounded, such a request is a 422 naming the parameter, and the bounds appear in the OpenAPI.
"""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="items per page")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
