-- The customer timeline shows the bank transfers and write-offs allocated to the customer's
-- items: for each item it looked up every allocation in the table to read its source, a
-- page read (and decrypted) per allocation, 25 ms for a customer with 900 payments at two
-- million invoices. The bank's and write-offs' allocations, by invoice, in an index of their
-- own: the timeline reads it alone, and most items have none there (its condition's column
-- is in it too: SQLite reads an index alone only when it holds every column the query names).
CREATE INDEX allocations_bank_by_invoice
    ON allocations (invoice_id, allocated_on, source_kind)
    WHERE source_kind IN ('bank_entry', 'write_off');
