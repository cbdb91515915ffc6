//! Importing ERP exports: canonical files, aliases and mappings, real samples, idempotency,
//! and bad rows that stop everything with file, line and column.

use creditdesk::ErrorCode;
use creditdesk::import::{ImportKind, ImportOptions, parse_mapping, preview};
use creditdesk::store::{Status, TimelineKind, TimelineQuery};

use crate::util::{d, data, import, new_db, options, shared, write};

async fn with_customers() -> crate::util::TestDb {
    let db = new_db().await;
    import(
        &db.store,
        ImportKind::Customers,
        &data("import/customers.csv"),
        &options(),
    )
    .await
    .unwrap();
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canonical_files_import_with_every_field() {
    let db = with_customers().await;
    let store = &db.store;
    let c = store.customer_by_number("C-100").await.unwrap().details;
    assert_eq!(c.name, "Bakkerij Van Dijk B.V.");
    assert_eq!(c.ibans, ["NL91ABNA0417164300"]);
    assert_eq!(c.language.code(), "nl");
    assert_eq!(c.credit_limit.unwrap().to_string(), "25000.00 EUR");
    assert_eq!(c.address.city, "Amsterdam");
    let fr = store.customer_by_number("C-200").await.unwrap().details;
    assert_eq!(
        fr.language.code(),
        "fr",
        "language defaults from the country"
    );
    assert_eq!(fr.address.line1, "12, rue de la Paix");
    let uk = store.customer_by_number("C-300").await.unwrap().details;
    assert_eq!(uk.country.unwrap().code(), "GB");
    assert_eq!(uk.currency.code(), "GBP");

    let report = import(
        store,
        ImportKind::Invoices,
        &data("import/invoices.csv"),
        &options(),
    )
    .await
    .unwrap();
    assert_eq!((report.rows, report.created, report.updated), (5, 5, 0));
    assert_eq!(report.date_format.as_deref(), Some("%Y-%m-%d"));
    let inv = store.invoice_by_number("F-2026-001").await.unwrap();
    assert_eq!(inv.details.issue_date, d("2026-01-05"));
    assert_eq!(inv.details.due_date, d("2026-02-04"));
    assert_eq!(inv.details.amount.to_string(), "1210.00 EUR");
    assert_eq!(inv.details.reference, "+++090/9337/55493+++");
    assert_eq!(inv.details.po_number, "PO-77");
    let cn = store.invoice_by_number("CN-2026-001").await.unwrap();
    assert_eq!(cn.details.kind.code(), "credit_note");
    assert_eq!(cn.open_amount.to_string(), "-105.50 EUR");

    let report = import(
        store,
        ImportKind::Payments,
        &data("import/payments.csv"),
        &options(),
    )
    .await
    .unwrap();
    assert_eq!(report.created, 3);
    assert_eq!(
        store
            .invoice_by_number("F-2026-001")
            .await
            .unwrap()
            .open_amount
            .to_string(),
        "0.00 EUR"
    );
    assert_eq!(
        store
            .invoice_by_number("F-2026-003")
            .await
            .unwrap()
            .open_amount
            .to_string(),
        "1800.00 EUR"
    );
    assert_eq!(
        store.status().await.unwrap(),
        Status {
            customers: 3,
            invoices: 5,
            open_invoices: 3,
            payments: 3,
            bank_entries: 0
        }
    );
    assert!(store.inconsistent_open_amounts().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reimporting_updates_and_never_duplicates() {
    let db = with_customers().await;
    let store = &db.store;
    for file in ["import/invoices.csv", "import/payments.csv"] {
        let kind = if file.contains("payments") {
            ImportKind::Payments
        } else {
            ImportKind::Invoices
        };
        import(store, kind, &data(file), &options()).await.unwrap();
    }
    let once = store.status().await.unwrap();
    let again = import(
        store,
        ImportKind::Customers,
        &data("import/customers.csv"),
        &options(),
    )
    .await
    .unwrap();
    assert_eq!((again.created, again.updated), (0, 3));
    let again = import(
        store,
        ImportKind::Invoices,
        &data("import/invoices.csv"),
        &options(),
    )
    .await
    .unwrap();
    assert_eq!((again.created, again.updated), (0, 5));
    let again = import(
        store,
        ImportKind::Payments,
        &data("import/payments.csv"),
        &options(),
    )
    .await
    .unwrap();
    assert_eq!((again.created, again.updated), (0, 3));
    assert_eq!(store.status().await.unwrap(), once);
    // Payments survive an invoice re-import: the open amount still counts them.
    assert_eq!(
        store
            .invoice_by_number("F-2026-003")
            .await
            .unwrap()
            .open_amount
            .to_string(),
        "1800.00 EUR"
    );

    // A changed amount in the ERP moves the open amount, keeping the payments.
    let changed = write(
        db.dir.path(),
        "changed.csv",
        "invoice_number,customer_number,issue_date,due_date,amount\nF-2026-003,C-200,2026-02-10,2026-03-27,5000.00\n",
    );
    import(store, ImportKind::Invoices, &changed, &options())
        .await
        .unwrap();
    let inv = store.invoice_by_number("F-2026-003").await.unwrap();
    assert_eq!(inv.details.amount.to_string(), "5000.00 EUR");
    assert_eq!(inv.open_amount.to_string(), "2000.00 EUR");
    assert_eq!(
        inv.details.reference, "RF18539007547034",
        "an absent column keeps the stored value"
    );
    assert!(store.inconsistent_open_amounts().await.unwrap().is_empty());
}

/// Each bad file: the error names file, line and column, and nothing at all was written,
/// not even the good rows before the bad one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_row_stops_the_import_and_writes_nothing() {
    let cases = [
        (
            "import/invoices_bad_date.csv",
            "invoices_bad_date.csv, line 5, column 'due_date': '2026-02-31' is not a date",
        ),
        (
            "import/invoices_unknown_customer.csv",
            "invoices_unknown_customer.csv, line 3, column 'customer_number': no customer 'C-999'",
        ),
        (
            "import/invoices_duplicate.csv",
            "invoices_duplicate.csv, line 4, column 'invoice_number': invoice 'D-1' is already on line 2",
        ),
        (
            "import/invoices_bad_amount.csv",
            "invoices_bad_amount.csv, line 3, column 'amount': 'twelve' is not an amount",
        ),
    ];
    for (file, expected) in cases {
        let db = with_customers().await;
        let before = db.store.status().await.unwrap();
        let err = import(&db.store, ImportKind::Invoices, &data(file), &options())
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::ImportFailed, "{file}");
        assert!(
            err.message.starts_with(expected),
            "{file}: got «{}»",
            err.message
        );
        assert!(
            err.message.ends_with("Nothing was imported."),
            "{}",
            err.message
        );
        assert_eq!(
            db.store.status().await.unwrap(),
            before,
            "{file} left rows behind"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_while_writing_rolls_everything_back() {
    // The rows all read fine, but one invoice's currency differs from its customer's:
    // detected per row before writing; and a later file with a payment for a missing
    // invoice stops before any payment is written.
    let db = with_customers().await;
    let before = db.store.status().await.unwrap();
    let file = write(
        db.dir.path(),
        "mixed.csv",
        "invoice_number,customer_number,issue_date,due_date,amount,currency\nM-1,C-100,2026-01-01,2026-01-31,10,EUR\nM-2,C-300,2026-01-01,2026-01-31,10,EUR\n",
    );
    let err = import(&db.store, ImportKind::Invoices, &file, &options())
        .await
        .unwrap_err();
    assert!(
        err.message.contains("line 3, column 'currency'"),
        "{}",
        err.message
    );
    assert_eq!(db.store.status().await.unwrap(), before);

    import(
        &db.store,
        ImportKind::Invoices,
        &data("import/invoices.csv"),
        &options(),
    )
    .await
    .unwrap();
    let before = db.store.status().await.unwrap();
    let file = write(
        db.dir.path(),
        "pay.csv",
        "customer_number,invoice_number,payment_date,amount\nC-100,F-2026-001,2026-02-01,10\nC-100,F-NOPE,2026-02-01,10\n",
    );
    let err = import(&db.store, ImportKind::Payments, &file, &options())
        .await
        .unwrap_err();
    assert!(
        err.message.contains("line 3, column 'invoice_number'"),
        "{}",
        err.message
    );
    assert_eq!(db.store.status().await.unwrap(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_export_with_aliases_decimal_commas_and_open_amounts() {
    let db = with_customers().await;
    let report = import(
        &db.store,
        ImportKind::Invoices,
        &data("import/rechnungen_de.csv"),
        &options(),
    )
    .await
    .unwrap();
    assert_eq!(report.created, 3);
    assert_eq!(report.date_format.as_deref(), Some("%d.%m.%Y"));
    let full = db.store.invoice_by_number("R-9001").await.unwrap();
    assert_eq!(full.details.amount.to_string(), "1234.56 EUR");
    assert_eq!(full.open_amount, full.details.amount);
    assert_eq!(full.details.due_date, d("2026-04-02"));
    assert_eq!(full.details.po_number, "B-1");
    let partial = db.store.invoice_by_number("R-9002").await.unwrap();
    assert_eq!(partial.open_amount.to_string(), "500.00 EUR");
    let paid = db.store.invoice_by_number("R-9003").await.unwrap();
    assert!(paid.open_amount.is_zero());
    assert!(
        db.store
            .inconsistent_open_amounts()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_xlsx_file_imports_like_its_csv() {
    let db = with_customers().await;
    let path = db.dir.path().join("invoices.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (col, header) in [
        "Invoice No",
        "Customer",
        "Invoice Date",
        "Due Date",
        "Amount",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    let rows = [
        ("X-1", "C-100", (2026, 1, 15), (2026, 2, 14), 1500.25),
        ("X-2", "C-200", (2026, 1, 20), (2026, 3, 6), 99.9),
    ];
    for (i, (number, customer, issue, due, amount)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *number).unwrap();
        sheet.write_string(r, 1, *customer).unwrap();
        let issue = rust_xlsxwriter::ExcelDateTime::from_ymd(issue.0, issue.1, issue.2).unwrap();
        let due = rust_xlsxwriter::ExcelDateTime::from_ymd(due.0, due.1, due.2).unwrap();
        sheet
            .write_datetime_with_format(r, 2, &issue, &date)
            .unwrap();
        sheet.write_datetime_with_format(r, 3, &due, &date).unwrap();
        sheet.write_number(r, 4, *amount).unwrap();
    }
    book.save(&path).unwrap();

    let report = import(&db.store, ImportKind::Invoices, &path, &options())
        .await
        .unwrap();
    assert_eq!(report.created, 2);
    let x1 = db.store.invoice_by_number("X-1").await.unwrap();
    assert_eq!(x1.details.issue_date, d("2026-01-15"));
    assert_eq!(x1.details.due_date, d("2026-02-14"));
    assert_eq!(x1.details.amount.to_string(), "1500.25 EUR");
    assert_eq!(
        db.store
            .invoice_by_number("X-2")
            .await
            .unwrap()
            .details
            .amount
            .to_string(),
        "99.90 EUR"
    );

    // A bad cell in a spreadsheet is reported by its row number.
    let bad = db.dir.path().join("bad.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in [
        "invoice_number",
        "customer_number",
        "issue_date",
        "due_date",
        "amount",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    for (r, amount) in [(1u32, "10.00"), (2, "10.00"), (3, "ten")] {
        sheet.write_string(r, 0, format!("Y-{r}")).unwrap();
        sheet.write_string(r, 1, "C-100").unwrap();
        sheet.write_string(r, 2, "2026-01-01").unwrap();
        sheet.write_string(r, 3, "2026-01-31").unwrap();
        sheet.write_string(r, 4, amount).unwrap();
    }
    book.save(&bad).unwrap();
    let err = import(&db.store, ImportKind::Invoices, &bad, &options())
        .await
        .unwrap_err();
    assert!(
        err.message.starts_with("bad.xlsx, line 4, column 'amount'"),
        "{}",
        err.message
    );
}

/// The IBM accounts-receivable sample: 2,466 settled invoices of 100 customers, M/D/YYYY
/// dates, and no customer list (the import creates the customers it names).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ibm_sample_imports_with_a_mapping() {
    let db = new_db().await;
    let options = ImportOptions {
        mapping: parse_mapping(
            "invoice_number=invoiceNumber,customer_number=customerID,issue_date=InvoiceDate,due_date=DueDate,amount=InvoiceAmount,paid_date=SettledDate,disputed=Disputed",
        )
        .unwrap(),
        date_format: Some("%m/%d/%Y".into()),
        create_missing_customers: true,
    };
    let file = shared("ar/ibm_accounts_receivable.csv");
    let report = import(&db.store, ImportKind::Invoices, &file, &options)
        .await
        .unwrap();
    assert_eq!(
        (
            report.rows,
            report.created,
            report.customers_created,
            report.payments_recorded
        ),
        (2466, 2466, 100, 2466)
    );
    assert_eq!(
        db.store.status().await.unwrap(),
        Status {
            customers: 100,
            invoices: 2466,
            open_invoices: 0,
            payments: 2466,
            bank_entries: 0
        }
    );

    // First data line: 391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,...
    let inv = db.store.invoice_by_number("0000611365").await.unwrap();
    assert_eq!(inv.details.issue_date, d("2013-01-02"));
    assert_eq!(inv.details.due_date, d("2013-02-01"));
    assert_eq!(inv.details.amount.to_string(), "55.94 EUR");
    assert!(inv.open_amount.is_zero());
    assert!(!inv.details.disputed);
    // Second line: 406,8976-AMJEO,...,0007900770,1/26/2013,2/25/2013,61.74,Yes,3/3/2013 (6 days late)
    let late = db.store.invoice_by_number("0007900770").await.unwrap();
    assert!(late.details.disputed);
    let customer = db.store.customer_by_number("8976-AMJEO").await.unwrap();
    let page = db
        .store
        .timeline(
            customer.id,
            &TimelineQuery {
                kinds: vec![TimelineKind::Payment, TimelineKind::DuePassed],
                ..TimelineQuery::first_page(d("2014-01-01"), 500)
            },
        )
        .await
        .unwrap();
    assert!(page.events.iter().any(|e| e.kind == TimelineKind::Payment
        && e.date == d("2013-03-03")
        && e.invoice.as_deref() == Some("0007900770")));
    assert!(page.events.iter().any(|e| e.kind == TimelineKind::DuePassed
        && e.date == d("2013-02-25")
        && e.invoice.as_deref() == Some("0007900770")));

    // The headers also resolve through aliases alone; only the date format is detected.
    let db2 = new_db().await;
    let detected = ImportOptions {
        create_missing_customers: true,
        ..ImportOptions::default()
    };
    let report = import(&db2.store, ImportKind::Invoices, &file, &detected)
        .await
        .unwrap();
    assert_eq!(report.date_format.as_deref(), Some("%m/%d/%Y"));
    assert_eq!(report.created, 2466);

    // Importing it again changes nothing.
    let again = import(&db.store, ImportKind::Invoices, &file, &options)
        .await
        .unwrap();
    assert_eq!((again.created, again.updated), (0, 2466));
    assert_eq!(db.store.status().await.unwrap().payments, 2466);
    assert!(
        db.store
            .inconsistent_open_amounts()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_create_customers_the_ibm_sample_stops_at_its_first_line() {
    let db = new_db().await;
    let err = import(
        &db.store,
        ImportKind::Invoices,
        &shared("ar/ibm_accounts_receivable.csv"),
        &options(),
    )
    .await
    .unwrap_err();
    assert!(
        err.message.starts_with(
            "ibm_accounts_receivable.csv: 2466 problems. Nothing was imported.\n  line 2, column 'customerID': no customer '0379-NEVHP'"
        ),
        "{}",
        err.message
    );
    assert_eq!(err.problems.len(), 200, "problems are kept up to a cap");
    assert_eq!(
        (err.problems[1].line, err.problems[1].column.as_str()),
        (3, "customerID")
    );
    assert_eq!(db.store.status().await.unwrap().invoices, 0);
}

/// Every bad row of a file is reported at once, with its line and column, and nothing of the
/// good rows is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_row_is_listed_with_line_and_column() {
    let db = with_customers().await;
    let before = db.store.status().await.unwrap();
    let file = write(
        db.dir.path(),
        "mixed.csv",
        "invoice_number,customer_number,issue_date,due_date,amount\n\
         M-1,C-100,2026-01-05,2026-02-04,100.00\n\
         M-2,C-100,2026-01-06,2026-02-05,twelve\n\
         M-3,C-999,2026-01-07,2026-02-06,30.00\n\
         M-4,C-100,2026-01-08,2026-01-01,40.00\n\
         M-1,C-100,2026-01-09,2026-02-08,50.00\n",
    );
    let err = import(&db.store, ImportKind::Invoices, &file, &options())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ImportFailed);
    let places: Vec<(u64, &str)> = err
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            (6, "invoice_number"),
            (3, "amount"),
            (4, "customer_number"),
            (5, "due_date"),
        ]
    );
    assert_eq!(err.problems[1].reason, "'twelve' is not an amount");
    assert!(
        err.message
            .starts_with("mixed.csv: 4 problems. Nothing was imported.\n  line 6, column 'invoice_number': invoice 'M-1' is already on line 2"),
        "{}",
        err.message
    );
    assert_eq!(db.store.status().await.unwrap(), before);
}

/// A preview reads the file, tells which column each field comes from and why it could not be
/// imported as it is, and writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preview_shows_the_mapping_and_what_blocks_it() {
    let db = with_customers().await;
    let before = db.store.status().await.unwrap();
    let header = "DocNo;Klantnr;Date;Expiry;Gross total\n";
    let mut text = header.to_string();
    for i in 1..=12 {
        text.push_str(&format!("P-{i};C-100;02.01.2026;01.02.2026;{i},50\n"));
    }
    let file = write(db.dir.path(), "p.csv", &text);
    let column = |p: &creditdesk::import::ImportPreview, field: &str| {
        p.fields
            .iter()
            .find(|f| f.field == field)
            .unwrap()
            .column
            .clone()
    };

    let first = preview(&db.store, ImportKind::Invoices, &file, &options())
        .await
        .unwrap();
    assert_eq!(first.file, "p.csv");
    assert_eq!(first.rows, 12);
    assert_eq!(
        first.headers,
        ["DocNo", "Klantnr", "Date", "Expiry", "Gross total"]
    );
    assert_eq!(first.sample.len(), 10);
    assert_eq!(first.sample[0].0, 2);
    assert_eq!(first.sample[0].1[4], "1,50");
    assert_eq!(
        column(&first, "customer_number").as_deref(),
        Some("Klantnr")
    );
    assert_eq!(column(&first, "invoice_number").as_deref(), Some("DocNo"));
    assert_eq!(column(&first, "due_date"), None);
    assert!(!first.mapping_remembered);
    let blocker = first.blocker.unwrap();
    assert!(
        blocker == "no column is read for the required fields due_date, amount",
        "{blocker}"
    );

    let mapped = ImportOptions {
        mapping: parse_mapping(
            "invoice_number=DocNo,issue_date=Date,due_date=Expiry,amount=Gross total",
        )
        .unwrap(),
        ..options()
    };
    let second = preview(&db.store, ImportKind::Invoices, &file, &mapped)
        .await
        .unwrap();
    assert_eq!(second.blocker, None);
    assert_eq!(second.date_format.as_deref(), Some("%d.%m.%Y"));
    assert_eq!(column(&second, "due_date").as_deref(), Some("Expiry"));

    // A field mapped to nothing is not read, even from a column bearing its name.
    let unmapped = ImportOptions {
        mapping: vec![("customer_number".into(), String::new())],
        ..options()
    };
    let third = preview(&db.store, ImportKind::Invoices, &file, &unmapped)
        .await
        .unwrap();
    assert_eq!(column(&third, "customer_number"), None);
    assert_eq!(db.store.status().await.unwrap(), before, "a preview wrote");

    // Once imported with a mapping, the same layout previews with it.
    import(&db.store, ImportKind::Invoices, &file, &mapped)
        .await
        .unwrap();
    let again = preview(&db.store, ImportKind::Invoices, &file, &options())
        .await
        .unwrap();
    assert!(again.mapping_remembered);
    assert_eq!(again.blocker, None);
}

/// A mapping given once is remembered for files with the same header line; a failed import
/// remembers nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mapping_is_remembered_for_the_same_layout() {
    let db = with_customers().await;
    let header = "DocNo;Debtor;Date;Expiry;Gross total\n";
    let january = write(
        db.dir.path(),
        "jan.csv",
        &format!("{header}J-1;C-100;02.01.2026;01.02.2026;100,00\n"),
    );
    let february = write(
        db.dir.path(),
        "feb.csv",
        &format!("{header}F-1;C-100;02.02.2026;04.03.2026;250,00\n"),
    );

    let err = import(&db.store, ImportKind::Invoices, &january, &options())
        .await
        .unwrap_err();
    assert!(
        err.message.contains("'due_date': required column missing"),
        "{}",
        err.message
    );

    let broken = ImportOptions {
        mapping: parse_mapping("due_date=Expiry,amount=Gross total").unwrap(),
        ..options()
    };
    let bad_rows = write(
        db.dir.path(),
        "bad.csv",
        &format!("{header}B-1;C-404;02.01.2026;01.02.2026;1,00\n"),
    );
    assert!(
        import(&db.store, ImportKind::Invoices, &bad_rows, &broken)
            .await
            .is_err()
    );
    let still_unknown = import(&db.store, ImportKind::Invoices, &february, &options())
        .await
        .unwrap_err();
    assert!(
        still_unknown.message.contains("required column missing"),
        "a failed import remembered its mapping"
    );

    let first = import(&db.store, ImportKind::Invoices, &january, &broken)
        .await
        .unwrap();
    assert!(!first.mapping_reused);
    let second = import(&db.store, ImportKind::Invoices, &february, &options())
        .await
        .unwrap();
    assert!(second.mapping_reused);
    assert_eq!(
        db.store
            .invoice_by_number("F-1")
            .await
            .unwrap()
            .details
            .amount
            .to_string(),
        "250.00 EUR"
    );
    assert_eq!(
        db.store
            .invoice_by_number("F-1")
            .await
            .unwrap()
            .details
            .due_date,
        d("2026-03-04")
    );
}
