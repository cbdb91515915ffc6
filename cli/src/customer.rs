use chrono::NaiveDate;
use creditdesk::Result;
use creditdesk::store::TimelineQuery;
use serde::Serialize;

use crate::database::{Target, runtime};
use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    /// The customer's number
    number: String,
    /// As of this day [default: today]
    #[arg(long)]
    as_of: Option<NaiveDate>,
    /// Timeline events to show
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Timeline events to skip (paging)
    #[arg(long, default_value_t = 0)]
    offset: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct CustomerView {
    customer: creditdesk::domain::Customer,
    contacts: Vec<creditdesk::domain::Contact>,
    open_invoices: Vec<creditdesk::domain::Invoice>,
    timeline: creditdesk::store::TimelinePage,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let as_of = args.as_of.unwrap_or_else(crate::today);
    let view = rt.block_on(async {
        let customer = store.customer_by_number(&args.number).await?;
        let query = TimelineQuery {
            as_of,
            kinds: Vec::new(),
            offset: args.offset,
            limit: args.limit,
        };
        Ok::<_, creditdesk::Error>(CustomerView {
            contacts: store.contacts(customer.id).await?,
            open_invoices: store.open_invoices(customer.id).await?,
            timeline: store.timeline(customer.id, &query).await?,
            customer,
        })
    })?;
    if args.json {
        return output::json(&view);
    }
    let c = &view.customer.details;
    say!("{} — {}", c.number, c.name);
    let address = [
        &c.address.line1,
        &c.address.line2,
        &c.address.postal_code,
        &c.address.city,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .map(|s| s.as_str())
    .collect::<Vec<_>>()
    .join(", ");
    say!(
        "  {address} {}",
        c.country.map(|k| k.to_string()).unwrap_or_default()
    );
    say!(
        "  terms {} days · credit limit {} · language {} · owner {}",
        c.payment_terms_days,
        c.credit_limit
            .map(|m| m.to_string())
            .unwrap_or_else(|| "none".into()),
        c.language.code(),
        if c.owner.is_empty() { "-" } else { &c.owner }
    );
    for contact in &view.contacts {
        let billing = if contact.is_billing { " (billing)" } else { "" };
        say!(
            "  contact: {} — {}{billing} {} {}",
            contact.name,
            contact.role,
            contact.email,
            contact.phone
        );
    }
    say!("\nOpen items");
    let rows: Vec<Vec<String>> = view
        .open_invoices
        .iter()
        .map(|i| {
            vec![
                i.details.number.to_string(),
                i.details.issue_date.to_string(),
                i.details.due_date.to_string(),
                i.details.amount.to_string(),
                i.open_amount.to_string(),
                if i.details.disputed {
                    "disputed".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    output::table(
        &["invoice", "issued", "due", "amount", "open", ""],
        &[false, false, false, true, true, false],
        &rows,
    );
    say!(
        "\nTimeline ({} of {} events, newest first)",
        view.timeline.events.len(),
        view.timeline.total
    );
    let rows: Vec<Vec<String>> = view
        .timeline
        .events
        .iter()
        .map(|e| {
            vec![
                e.date.to_string(),
                e.kind.code().to_string(),
                e.invoice.clone().unwrap_or_default(),
                e.amount.map(|m| m.to_string()).unwrap_or_default(),
                e.text.clone(),
            ]
        })
        .collect();
    output::table(
        &["date", "event", "invoice", "amount", "text"],
        &[false, false, false, true, false],
        &rows,
    );
    Ok(())
}
