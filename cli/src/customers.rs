use chrono::NaiveDate;
use creditdesk::Result;

use crate::database::{Target, runtime};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// Balances as of this day [default: today]
    #[arg(long)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let summaries =
        rt.block_on(store.customer_summaries(args.as_of.unwrap_or_else(crate::today)))?;
    if args.json {
        return output::json(&summaries);
    }
    let rows: Vec<Vec<String>> = summaries
        .iter()
        .map(|c| {
            vec![
                c.number.clone(),
                c.name.clone(),
                c.country.clone().unwrap_or_default(),
                c.balance.to_string(),
                c.overdue.to_string(),
                c.open_items.to_string(),
                c.max_days_overdue.to_string(),
            ]
        })
        .collect();
    output::table(
        &[
            "number",
            "name",
            "country",
            "balance",
            "overdue",
            "open items",
            "days overdue",
        ],
        &[false, false, false, true, true, true, true],
        &rows,
    );
    Ok(())
}
