-- The forecast learns from every invoice paid in the last three years (issue 6): with the
-- dispute flag in the customer timeline's index, that history is read from the index alone,
-- in customer order (the model groups it by customer), instead of from the whole table. The
-- timeline reads the same index as before (by customer, then issue date).
DROP INDEX invoices_customer_timeline;
CREATE INDEX invoices_customer_timeline
    ON invoices (customer_id, issue_date, due_date, settled_on, kind, disputed);
