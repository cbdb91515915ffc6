-- The user's own rows of the reference-rate tables used for legal late-payment interest
-- (src/interest/). The app ships the tables (src/interest/rates.rs); a row here adds a rate
-- or overrides the shipped row of the same series and date, and deleting it restores the
-- shipped value. Validated by the core (src/store/reference_rates.rs): a known series, an
-- ISO date, the rate as decimal text in percent between -5 and 50.

CREATE TABLE reference_rates (
    series     TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    rate       TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series, valid_from)
);
