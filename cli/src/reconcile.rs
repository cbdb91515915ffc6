//! `creditdesk reconcile`: the bank entries waiting matched against the open items.

use creditdesk::Result;
use creditdesk::reconcile::{self, EntryOutcome};
use serde::Serialize;

use crate::database::{Target, runtime};
use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    /// The confidence at or above which a match is applied without asking [default: the saved setting, 0.9]
    #[arg(long)]
    threshold: Option<f64>,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct AllocationJson {
    invoice: String,
    amount: String,
}

/// One entry as the CLI contract shows it (DESIGN §9).
#[derive(Serialize)]
struct OutcomeJson {
    entry: String,
    status: &'static str,
    allocations: Vec<AllocationJson>,
    write_offs: Vec<AllocationJson>,
    confidence: f64,
    reason: String,
    amount: String,
    currency: String,
    booking_date: chrono::NaiveDate,
    name: String,
}

fn contract(outcome: &EntryOutcome) -> OutcomeJson {
    let list = |items: &[reconcile::ItemAmount]| {
        items
            .iter()
            .map(|a| AllocationJson {
                invoice: a.invoice.clone(),
                amount: a.amount.amount_text(),
            })
            .collect()
    };
    let s = outcome.suggestion.as_ref();
    OutcomeJson {
        entry: outcome.entry.bank_reference.clone(),
        status: outcome.status.code(),
        allocations: s.map(|s| list(&s.allocations)).unwrap_or_default(),
        write_offs: s.map(|s| list(&s.write_offs)).unwrap_or_default(),
        confidence: s.map_or(0.0, |s| s.confidence),
        reason: s.map_or_else(
            || "nothing points at an open item".to_string(),
            |s| s.reason.clone(),
        ),
        amount: outcome.entry.amount.amount_text(),
        currency: outcome.entry.amount.currency.code().to_string(),
        booking_date: outcome.entry.booking_date,
        name: outcome.entry.payer_name.clone(),
    }
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let result = rt.block_on(async {
        let mut settings = store.match_settings().await?;
        if let Some(threshold) = args.threshold {
            settings.auto_threshold = threshold;
        }
        reconcile::run(&store, &settings.validated()?, crate::today()).await
    });
    rt.block_on(store.close());
    let outcomes: Vec<OutcomeJson> = result?.iter().map(contract).collect();
    if args.json {
        return output::json(&outcomes);
    }
    let count = |status: &str| outcomes.iter().filter(|o| o.status == status).count();
    say!(
        "{} entries: {} matched automatically, {} suggested, {} unmatched",
        outcomes.len(),
        count("auto"),
        count("suggested"),
        count("unmatched")
    );
    let rows: Vec<Vec<String>> = outcomes
        .iter()
        .map(|o| {
            let items: Vec<String> = o
                .allocations
                .iter()
                .map(|a| format!("{} {}", a.invoice, a.amount))
                .collect();
            vec![
                o.entry.clone(),
                format!("{} {}", o.amount, o.currency),
                o.status.to_string(),
                format!("{:.2}", o.confidence),
                items.join(", "),
                o.reason.clone(),
            ]
        })
        .collect();
    output::table(
        &["entry", "amount", "status", "conf.", "invoices", "reason"],
        &[false, true, false, true, false, false],
        &rows,
    );
    Ok(())
}
