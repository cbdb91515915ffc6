-- The user's own versions of the dunning letter texts: one row per language × tone. A missing
-- row means the default shipped with the app (src/letters/template.rs). Placeholders are
-- checked by the core before a row is written (src/store/letter_templates.rs).

CREATE TABLE letter_templates (
    language TEXT NOT NULL CHECK (language IN ('en', 'fr', 'nl', 'de')),
    tone     TEXT NOT NULL CHECK (tone IN ('reminder', 'second_reminder', 'formal_notice')),
    subject  TEXT NOT NULL,
    opening  TEXT NOT NULL,
    body     TEXT NOT NULL,
    closing  TEXT NOT NULL,
    PRIMARY KEY (language, tone)
);
