use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use creditdesk::Result;
use creditdesk::collections::policy::DunningAction;
use creditdesk::collections::{run, worklist};

use crate::database::{Target, runtime};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The day the letters are for [default: today]
    #[arg(long)]
    as_of: Option<NaiveDate>,
    /// The folder to write the PDFs to (one per letter, and one with all of them to print)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Also do the letter and e-mail steps: record them on the timelines (the next step
    /// follows) and queue the e-mails, with their letter attached, in the outbox
    #[arg(long)]
    record: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let as_of = args.as_of.unwrap_or_else(crate::today);
    let outcome = rt.block_on(async {
        if !args.record {
            return run::write_due_letters(&store, as_of, &args.out).await;
        }
        let entries: Vec<_> = worklist::worklist(&store, as_of)
            .await?
            .customers
            .into_iter()
            .filter(|e| {
                matches!(
                    e.action.as_ref().map(|a| a.action),
                    Some(DunningAction::Letter | DunningAction::Email)
                )
            })
            .collect();
        run::execute(&store, as_of, &entries, &args.out, Utc::now()).await
    })?;
    if args.json {
        return output::json(&outcome);
    }
    for letter in &outcome.letters {
        println!("{}", letter.display());
    }
    match &outcome.batch {
        Some(batch) => println!(
            "{} letters for {as_of}; to print: {}",
            outcome.letters.len(),
            batch.display()
        ),
        None => println!("no letter due on {as_of}"),
    }
    if args.record {
        println!(
            "recorded {} steps; {} e-mails queued in the outbox",
            outcome.done.len(),
            outcome.emails_queued
        );
    }
    Ok(())
}
