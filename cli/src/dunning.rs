use chrono::NaiveDate;
use creditdesk::Result;
use creditdesk::collections::worklist;

use crate::database::{Target, runtime};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The day the worklist is for [default: today]
    #[arg(long)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let list = rt.block_on(worklist::worklist(
        &store,
        args.as_of.unwrap_or_else(crate::today),
    ))?;
    if args.json {
        return output::json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .customers
        .iter()
        .map(|e| {
            let action = e.action.as_ref().map_or_else(String::new, |a| {
                format!(
                    "{} (step {}/{})",
                    a.action.code(),
                    a.step,
                    a.steps_in_policy
                )
            });
            let items: Vec<&str> = e.items.iter().map(|i| i.number.as_str()).collect();
            vec![
                e.customer_number.clone(),
                e.customer_name.clone(),
                e.segment.code().to_string(),
                action,
                items.join(" "),
                e.total.to_string(),
                if e.alerts.is_empty() {
                    String::new()
                } else {
                    format!("{} broken promise(s)", e.alerts.len())
                },
            ]
        })
        .collect();
    println!(
        "Dunning worklist for {}: {} customers",
        list.as_of,
        rows.len()
    );
    output::table(
        &[
            "number", "name", "segment", "action", "items", "open", "alerts",
        ],
        &[false, false, false, false, false, true, false],
        &rows,
    );
    if !list.paused.is_empty() {
        println!("\nPaused ({}):", list.paused.len());
        for p in &list.paused {
            println!(
                "  {} {}: {} overdue, {}",
                p.customer_number,
                p.customer_name,
                p.overdue,
                p.why.text()
            );
        }
    }
    Ok(())
}
