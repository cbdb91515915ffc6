-- The user's preferences that belong to the database (not to one laptop's window): one row
-- per name, the value as text, read and validated by the core (src/store/preferences.rs).

CREATE TABLE preferences (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
