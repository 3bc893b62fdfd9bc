"""Database triggers that make the access log append-only, for PostgreSQL and SQLite.

They refuse DELETE, and refuse UPDATE except the sealing update: setting the chain columns
(``chain_seq``, ``prev_hash``, ``row_hash``) of a row where they were NULL, nothing else.
TRUNCATE (used by test-database flushes on PostgreSQL) is not a row operation and is not
stopped; a database owner can always drop a trigger, which is why ``audit verify`` exists.
"""

TABLE = "exchange_accesslog"
CHAIN_COLUMNS = ("chain_seq", "prev_hash", "row_hash")
# Every other column: the SQLite trigger lists them (it has no row-to-JSON comparison).
CONTENT_COLUMNS = (
    "id", "created_at", "consumer_id", "acting_user_id", "subject", "item", "fields", "purpose", "reference",
    "outcome", "error_code", "latency_ms", "record_count", "grant_id", "request_hash", "content_hash",
    "response_id",
)
MESSAGE = "exchange_accesslog is append-only"

POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION exchange_accesslog_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION '{MESSAGE}: DELETE refused' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.row_hash IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.chain_seq IS NOT NULL
           OR (to_jsonb(NEW) - 'chain_seq' - 'prev_hash' - 'row_hash')
              IS DISTINCT FROM (to_jsonb(OLD) - 'chain_seq' - 'prev_hash' - 'row_hash') THEN
            RAISE EXCEPTION '{MESSAGE}: UPDATE refused for row %', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER exchange_accesslog_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION exchange_accesslog_guard();
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS exchange_accesslog_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS exchange_accesslog_guard();",
]

_changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CONTENT_COLUMNS)
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS exchange_accesslog_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END;
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS exchange_accesslog_no_update BEFORE UPDATE ON {TABLE}
    WHEN OLD.row_hash IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.chain_seq IS NOT NULL OR {_changed}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS exchange_accesslog_no_delete;",
    "DROP TRIGGER IF EXISTS exchange_accesslog_no_update;",
]


def create_statements(vendor: str) -> list[str]:
    return {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE}.get(vendor, [])


def drop_statements(vendor: str) -> list[str]:
    return {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(vendor, [])
