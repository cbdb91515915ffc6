-- The KPIs over millions of invoices (issue 6): each query reads a few ranges of narrow
-- covering indexes instead of the whole invoices and allocations tables. The invoice indexes
-- are partial, so that the other queries (timeline, dashboard, forecast), which never say what
-- these indexes' conditions say, are not planned on them. A partial index's own condition
-- columns are in it too: SQLite reads an index alone only when it holds every column the
-- query names.

-- Items never settled, and items settled on a day, by currency and issue date: the items open
-- as of a day are the first with the second's range after that day.
CREATE INDEX invoices_unsettled_kpi
    ON invoices (currency, issue_date, due_date, open_minor, customer_id, settled_on)
    WHERE settled_on IS NULL;
CREATE INDEX invoices_settled_kpi
    ON invoices (settled_on, currency, issue_date, due_date, open_minor, customer_id)
    WHERE settled_on IS NOT NULL;

-- Credit sales by currency and issue date (`amount_minor <> 0` is the sales query's mark: a
-- zero adds nothing to a sum, and no other query says it).
CREATE INDEX invoices_sales_kpi
    ON invoices (currency, issue_date, amount_minor, customer_id, kind)
    WHERE kind = 'invoice' AND amount_minor <> 0;

-- Allocations made, or undone, after a day: what is put back to see the amounts open then.
-- Partial too: the timeline and the collections history ask for allocations by date with
-- other conditions, and keep reading them by invoice.
CREATE INDEX allocations_active_by_date
    ON allocations (allocated_on, invoice_id, amount_minor, reversed_on)
    WHERE reversed_on IS NULL;
CREATE INDEX allocations_undone_by_date
    ON allocations (reversed_on, allocated_on, invoice_id, amount_minor)
    WHERE reversed_on IS NOT NULL;
