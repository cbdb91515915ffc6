use creditdesk::Result;

use crate::database::{Target, runtime};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let status = rt.block_on(store.status())?;
    if args.json {
        return output::json(&status);
    }
    output::table(
        &["", "count"],
        &[false, true],
        &[
            vec!["customers".into(), status.customers.to_string()],
            vec!["invoices".into(), status.invoices.to_string()],
            vec!["open invoices".into(), status.open_invoices.to_string()],
            vec!["payments".into(), status.payments.to_string()],
            vec!["bank entries".into(), status.bank_entries.to_string()],
        ],
    );
    Ok(())
}
