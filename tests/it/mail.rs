//! The outbox and the sender against a real SMTP server on loopback (tests/smtp/server.py,
//! Debian's python3-aiosmtpd), and the SMTP password in the real OS keychain.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use creditdesk::ErrorCode;
use creditdesk::domain::CustomerId;
use creditdesk::import::ImportKind;
use creditdesk::mail::{
    self, Attachment, MAX_ATTEMPTS, MessageDraft, OutboxState, Security, SendOutcome, SmtpSettings,
};
use creditdesk::store::{Store, TimelineKind, TimelineQuery};

use crate::util::{data, import, new_db, options};

#[path = "../smtp/harness.rs"]
mod harness;
use harness::{SmtpServer, closed_port, fake_pdf};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

fn settings(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: String::new(),
        from_address: "credit@brightwave.example".into(),
        from_name: "Brightwave credit department".into(),
    }
}

async fn customer(store: &Store) -> CustomerId {
    import(
        store,
        ImportKind::Customers,
        &data("import/customers.csv"),
        &options(),
    )
    .await
    .unwrap();
    store.customer_by_number("C-100").await.unwrap().id
}

fn draft(customer: Option<CustomerId>, n: u8) -> MessageDraft {
    MessageDraft {
        customer_id: customer,
        to_address: "debiteuren@vandijk.example".into(),
        to_name: "Bakkerij Van Dijk — debiteuren".into(),
        subject: format!("Herinnering {n}: openstaande facturen"),
        body_text: format!("Geachte klant,\n\nIn bijlage vindt u onze herinnering nr. {n}.\n"),
        attachment: Some(Attachment {
            name: format!("herinnering-{n}.pdf"),
            content: fake_pdf(n),
        }),
    }
}

/// The e-mail events of a customer's timeline, their texts.
async fn email_timeline(store: &Store, customer: CustomerId) -> Vec<String> {
    let page = store
        .timeline(
            customer,
            &TimelineQuery::first_page(now().date_naive() + chrono::Days::new(30), 100),
        )
        .await
        .unwrap();
    page.events
        .into_iter()
        .filter(|e| e.kind == TimelineKind::Email)
        .map(|e| e.text)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_message_is_delivered_once_with_its_pdf_and_shows_on_the_timeline() {
    let db = new_db().await;
    let server = SmtpServer::start(&[]);
    let customer = customer(&db.store).await;
    mail::save_smtp_settings(&db.store, &settings(server.port))
        .await
        .unwrap();
    let queued = draft(Some(customer), 1);
    let id = mail::queue(&db.store, queued.clone(), now()).await.unwrap();
    let before = mail::get(&db.store, id).await.unwrap();
    assert_eq!(before.state, OutboxState::Queued);
    assert_eq!(before.attempts, 0);
    assert_eq!(before.next_attempt_at, Some(now()));
    assert!(
        before.message_id.ends_with("@brightwave.example>"),
        "Message-ID from the sender's domain: {}",
        before.message_id
    );

    let sent_at = now() + chrono::Duration::seconds(5);
    let report = mail::send_due(&db.store, &settings(server.port), None, sent_at)
        .await
        .unwrap();
    assert_eq!(report.sent(), 1, "{report:?}");
    assert_eq!(report.deliveries[0].outcome, SendOutcome::Sent);

    let accepted = server.accepted();
    assert_eq!(accepted.len(), 1);
    let mail = mailparse::parse_mail(&accepted[0]).unwrap();
    let header = |name: &str| {
        mailparse::MailHeaderMap::get_first_value(mail.headers.as_slice(), name).unwrap_or_default()
    };
    assert_eq!(header("Message-ID"), before.message_id);
    assert_eq!(header("Subject"), queued.subject);
    assert!(header("To").contains("debiteuren@vandijk.example"));
    assert!(header("From").contains("credit@brightwave.example"));
    assert_eq!(mail.ctype.mimetype, "multipart/mixed");
    assert_eq!(mail.subparts.len(), 2);
    let text = &mail.subparts[0];
    assert_eq!(text.ctype.mimetype, "text/plain");
    assert_eq!(
        text.get_body().unwrap().replace("\r\n", "\n"),
        queued.body_text
    );
    let pdf = &mail.subparts[1];
    assert_eq!(pdf.ctype.mimetype, "application/pdf");
    assert_eq!(
        pdf.get_content_disposition()
            .params
            .get("filename")
            .map(String::as_str),
        Some("herinnering-1.pdf")
    );
    assert_eq!(
        pdf.get_body_raw().unwrap(),
        queued.attachment.unwrap().content,
        "the PDF arrives byte for byte"
    );

    let after = mail::get(&db.store, id).await.unwrap();
    assert_eq!(after.state, OutboxState::Sent);
    assert_eq!(after.attempts, 1);
    assert_eq!(after.sent_at, Some(sent_at));
    assert_eq!(after.next_attempt_at, None);
    assert_eq!(after.message_id, before.message_id);
    assert_eq!(
        email_timeline(&db.store, customer).await,
        [format!(
            "E-mail \"{}\" to debiteuren@vandijk.example: sent",
            before.subject
        )]
    );

    // Nothing is due any more: a second run sends nothing.
    let again = mail::send_due(
        &db.store,
        &settings(server.port),
        None,
        sent_at + chrono::Duration::hours(2),
    )
    .await
    .unwrap();
    assert!(again.deliveries.is_empty() && again.recovered.is_empty());
    assert_eq!(server.accepted().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_down_keeps_messages_queued_with_a_back_off_then_delivers_when_up() {
    let db = new_db().await;
    let customer = customer(&db.store).await;
    let first = mail::queue(&db.store, draft(Some(customer), 1), now())
        .await
        .unwrap();
    let later = now() + chrono::Duration::seconds(30);
    let second = mail::queue(&db.store, draft(Some(customer), 2), later)
        .await
        .unwrap();

    let down = settings(closed_port());
    let t1 = later + chrono::Duration::seconds(1);
    let report = mail::send_due(&db.store, &down, None, t1).await.unwrap();
    assert!(report.unreachable.is_some(), "{report:?}");
    assert_eq!(
        report.deliveries.len(),
        1,
        "the run stops at the first unreachable attempt"
    );
    let m1 = mail::get(&db.store, first).await.unwrap();
    assert_eq!(m1.state, OutboxState::Queued);
    assert_eq!(m1.attempts, 1);
    assert_eq!(m1.next_attempt_at, Some(t1 + chrono::Duration::minutes(1)));
    assert!(m1.last_error.unwrap().contains("cannot reach"));
    let m2 = mail::get(&db.store, second).await.unwrap();
    assert_eq!(
        (m2.state, m2.attempts),
        (OutboxState::Queued, 0),
        "untouched"
    );

    // Still down a minute later: the second message (due first) is tried and stops the run.
    let t2 = t1 + chrono::Duration::minutes(1);
    let report = mail::send_due(&db.store, &down, None, t2).await.unwrap();
    assert_eq!(
        report.deliveries.iter().map(|d| d.id).collect::<Vec<_>>(),
        [second]
    );
    // Another minute: the first one's second attempt, which then waits 5 minutes.
    let t3 = t2 + chrono::Duration::minutes(1);
    let report = mail::send_due(&db.store, &down, None, t3).await.unwrap();
    assert_eq!(
        report.deliveries.iter().map(|d| d.id).collect::<Vec<_>>(),
        [first]
    );
    let m1 = mail::get(&db.store, first).await.unwrap();
    assert_eq!(m1.attempts, 2);
    assert_eq!(m1.next_attempt_at, Some(t3 + chrono::Duration::minutes(5)));
    assert!(
        email_timeline(&db.store, customer).await.is_empty(),
        "nothing final yet"
    );

    // The server comes up; at t3 + 1 s only the second message is due.
    let server = SmtpServer::start(&[]);
    let up = settings(server.port);
    let report = mail::send_due(&db.store, &up, None, t3 + chrono::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(
        report.deliveries.iter().map(|d| d.id).collect::<Vec<_>>(),
        [second]
    );
    assert_eq!(report.sent(), 1);
    // Once its back-off has passed, the first goes too.
    let report = mail::send_due(&db.store, &up, None, t3 + chrono::Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(
        report.deliveries.iter().map(|d| d.id).collect::<Vec<_>>(),
        [first]
    );
    let m1 = mail::get(&db.store, first).await.unwrap();
    assert_eq!((m1.state, m1.attempts), (OutboxState::Sent, 3));
    assert_eq!(server.accepted().len(), 2);
    assert_eq!(email_timeline(&db.store, customer).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_451_is_retried_after_the_back_off_with_the_same_message_id() {
    let db = new_db().await;
    let server = SmtpServer::start(&["--fail-first", "1"]);
    let id = mail::queue(&db.store, draft(None, 1), now()).await.unwrap();
    let report = mail::send_due(&db.store, &settings(server.port), None, now())
        .await
        .unwrap();
    let SendOutcome::Retry {
        next_attempt_at,
        error,
    } = &report.deliveries[0].outcome
    else {
        panic!("a 451 is retried: {report:?}");
    };
    assert_eq!(*next_attempt_at, now() + chrono::Duration::minutes(1));
    assert!(error.contains("451"), "{error}");
    assert!(
        report.unreachable.is_none(),
        "the server answered: the run goes on"
    );

    // Not due yet 59 s later; due after a minute.
    let early = mail::send_due(
        &db.store,
        &settings(server.port),
        None,
        now() + chrono::Duration::seconds(59),
    )
    .await
    .unwrap();
    assert!(early.deliveries.is_empty());
    let report = mail::send_due(&db.store, &settings(server.port), None, *next_attempt_at)
        .await
        .unwrap();
    assert_eq!(report.sent(), 1);
    let m = mail::get(&db.store, id).await.unwrap();
    assert_eq!((m.state, m.attempts), (OutboxState::Sent, 2));
    let data: Vec<String> = server
        .events()
        .into_iter()
        .filter(|e| e.kind == "data")
        .map(|e| e.message_id)
        .collect();
    assert_eq!(
        data,
        [m.message_id.clone(), m.message_id.clone()],
        "same Message-ID both times"
    );
    assert_eq!(server.accepted_ids(), [m.message_id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_550_fails_for_good_and_shows_on_the_timeline() {
    let db = new_db().await;
    let server = SmtpServer::start(&["--fail-first", "100", "--fail-code", "550"]);
    let customer = customer(&db.store).await;
    let id = mail::queue(&db.store, draft(Some(customer), 1), now())
        .await
        .unwrap();
    let report = mail::send_due(&db.store, &settings(server.port), None, now())
        .await
        .unwrap();
    assert_eq!(report.failed(), 1, "{report:?}");
    let m = mail::get(&db.store, id).await.unwrap();
    assert_eq!(
        (m.state, m.attempts, m.next_attempt_at),
        (OutboxState::Failed, 1, None)
    );
    let error = m.last_error.unwrap();
    assert!(error.contains("550"), "{error}");
    assert_eq!(
        email_timeline(&db.store, customer).await,
        [format!(
            "E-mail \"{}\" to debiteuren@vandijk.example: failed: {error}",
            m.subject
        )]
    );
    // A failed message is not tried again.
    let later = mail::send_due(
        &db.store,
        &settings(server.port),
        None,
        now() + chrono::Duration::days(1),
    )
    .await
    .unwrap();
    assert!(later.deliveries.is_empty());
    assert!(server.accepted().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_keeps_answering_4xx_makes_the_message_fail_after_max_attempts() {
    let db = new_db().await;
    let server = SmtpServer::start(&["--fail-first", "1000"]);
    let id = mail::queue(&db.store, draft(None, 1), now()).await.unwrap();
    let mut at = now();
    for attempt in 1..=MAX_ATTEMPTS {
        let report = mail::send_due(&db.store, &settings(server.port), None, at)
            .await
            .unwrap();
        assert_eq!(report.deliveries.len(), 1, "attempt {attempt}");
        let m = mail::get(&db.store, id).await.unwrap();
        assert_eq!(m.attempts, attempt);
        if attempt < MAX_ATTEMPTS {
            assert_eq!(m.state, OutboxState::Queued, "attempt {attempt}");
            assert_eq!(m.next_attempt_at, Some(at + mail::backoff(attempt)));
            at = m.next_attempt_at.unwrap();
        } else {
            assert_eq!(m.state, OutboxState::Failed);
            assert!(m.last_error.unwrap().contains("gave up after"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_cut_off_before_the_250_is_sent_again_with_the_same_message_id() {
    let db = new_db().await;
    let server = SmtpServer::start(&["--delay-data", "3"]);
    let id = mail::queue(&db.store, draft(None, 1), now()).await.unwrap();
    let message_id = mail::get(&db.store, id).await.unwrap().message_id;

    // The sender dies while the server holds the DATA: the run is dropped mid-transaction.
    let store = db.store.clone();
    let port = server.port;
    let run =
        tokio::spawn(async move { mail::send_due(&store, &settings(port), None, now()).await });
    tokio::task::spawn_blocking({
        let maildir = server.maildir.clone();
        move || wait_for_data(&maildir)
    })
    .await
    .unwrap();
    let m = mail::get(&db.store, id).await.unwrap();
    assert_eq!(
        (m.state, m.attempts),
        (OutboxState::Sending, 1),
        "committed as sending, attempt counted, before the SMTP transaction"
    );
    // While that sender holds the outbox, nobody else recovers or sends it.
    let busy = mail::recover(&db.store, now()).await.unwrap_err();
    assert_eq!(busy.code, ErrorCode::Conflict);
    run.abort();
    assert!(run.await.unwrap_err().is_cancelled());
    server.wait_for("abort", 1, Duration::from_secs(10));

    // The next run finds it in `sending`, puts it back and sends it: same Message-ID.
    let fast = SmtpServer::start(&[]);
    let report = mail::send_due(
        &db.store,
        &settings(fast.port),
        None,
        now() + chrono::Duration::seconds(10),
    )
    .await
    .unwrap();
    assert_eq!(report.recovered, [id]);
    assert_eq!(report.sent(), 1);
    let m = mail::get(&db.store, id).await.unwrap();
    assert_eq!((m.state, m.attempts), (OutboxState::Sent, 2));
    assert!(
        server.accepted().is_empty(),
        "the cut-off transaction was not accepted"
    );
    assert_eq!(fast.accepted_ids(), [message_id]);
}

fn wait_for_data(maildir: &std::path::Path) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(maildir.join("events.log"))
        .unwrap_or_default()
        .starts_with("data ")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no DATA reached the server"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queueing_checks_the_draft_and_the_customer() {
    let db = new_db().await;
    let mut bad = draft(None, 1);
    bad.to_address = "not an address".into();
    assert_eq!(
        mail::queue(&db.store, bad, now()).await.unwrap_err().code,
        ErrorCode::InvalidInput
    );
    let unknown = mail::queue(&db.store, draft(Some(CustomerId(999)), 1), now())
        .await
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert!(
        mail::list(&db.store).await.unwrap().is_empty(),
        "nothing queued"
    );

    // Without settings or a company address the Message-ID still has a (reserved) domain.
    let a = mail::queue(&db.store, draft(None, 1), now()).await.unwrap();
    let b = mail::queue(&db.store, draft(None, 2), now()).await.unwrap();
    let listed = mail::list(&db.store).await.unwrap();
    assert_eq!(
        listed.iter().map(|m| m.id).collect::<Vec<_>>(),
        [b, a],
        "newest first"
    );
    assert_ne!(listed[0].message_id, listed[1].message_id);
    assert!(listed[0].message_id.ends_with("@creditdesk.invalid>"));
    assert_eq!(listed[0].attachment_size, Some(fake_pdf(2).len() as u64));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_settings_are_validated_saved_and_read_back() {
    let db = new_db().await;
    assert_eq!(mail::smtp_settings(&db.store).await.unwrap(), None);
    let mut remote = settings(587);
    remote.host = "smtp.example.com".into();
    remote.username = "credit".into();
    assert_eq!(
        mail::save_smtp_settings(&db.store, &remote)
            .await
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput,
        "a password in clear over the network is refused"
    );
    assert_eq!(
        mail::smtp_settings(&db.store).await.unwrap(),
        None,
        "nothing saved"
    );
    remote.security = Security::Starttls;
    remote.from_name = "  Credit  ".into();
    let saved = mail::save_smtp_settings(&db.store, &remote).await.unwrap();
    assert_eq!(saved.from_name, "Credit");
    assert_eq!(mail::smtp_settings(&db.store).await.unwrap(), Some(saved));

    // A login without a password cannot send; the outbox is untouched.
    let id = mail::queue(&db.store, draft(None, 1), now()).await.unwrap();
    let err = mail::send_due(&db.store, &remote, None, now())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(mail::get(&db.store, id).await.unwrap().attempts, 0);
}

#[test]
fn the_smtp_password_lives_in_the_keychain_beside_the_database_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("books.db");
    assert_eq!(
        mail::password_account(&db),
        format!("smtp:{}", creditdesk::keys::keychain::account_for(&db))
    );
    assert_eq!(
        mail::password(&db)
            .expect("the OS keychain must be reachable (run inside scripts/with-keyring)"),
        None
    );
    mail::set_password(&db, "s3cret pass").unwrap();
    assert_eq!(
        mail::password(&db).unwrap().as_deref().map(String::as_str),
        Some("s3cret pass")
    );
    assert_eq!(
        creditdesk::keys::keychain::load_secret(&creditdesk::keys::keychain::account_for(&db))
            .unwrap(),
        None,
        "the database key's entry is another one"
    );
    mail::set_password(&db, "changed").unwrap();
    assert_eq!(
        mail::password(&db).unwrap().as_deref().map(String::as_str),
        Some("changed")
    );
    assert_eq!(
        mail::set_password(&db, "").unwrap_err().code,
        ErrorCode::InvalidInput
    );
    mail::delete_password(&db).unwrap();
    assert_eq!(mail::password(&db).unwrap(), None);
    mail::delete_password(&db).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_is_sent_and_a_refused_login_is_a_configuration_error_not_the_messages() {
    let db = new_db().await;
    let server = SmtpServer::start(&["--auth", "credit:s3cret"]);
    let mut with_login = settings(server.port);
    with_login.username = "credit".into();
    let id = mail::queue(&db.store, draft(None, 1), now()).await.unwrap();

    let err = mail::send_due(&db.store, &with_login, Some("wrong"), now())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("refused the login credit"), "{err}");
    let m = mail::get(&db.store, id).await.unwrap();
    assert_eq!(
        (m.state, m.attempts),
        (OutboxState::Queued, 1),
        "back in the queue"
    );
    assert!(server.accepted().is_empty());

    let at = m.next_attempt_at.unwrap();
    let report = mail::send_due(&db.store, &with_login, Some("s3cret"), at)
        .await
        .unwrap();
    assert_eq!(report.sent(), 1, "{report:?}");
    let logins: Vec<String> = server
        .events()
        .into_iter()
        .filter(|e| e.kind == "login")
        .map(|e| e.message_id)
        .collect();
    assert_eq!(logins, ["refused", "ok"]);
    assert_eq!(server.accepted().len(), 1);
}
