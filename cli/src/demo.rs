use creditdesk::Result;
use creditdesk::demo::{self, DemoOptions};

use crate::database::{Target, runtime};
use crate::{output, progress};

#[derive(clap::Args)]
pub struct Args {
    /// How many customers
    #[arg(long, default_value_t = 300)]
    customers: usize,
    /// The demo's "today" [default: today]
    #[arg(long)]
    as_of: Option<chrono::NaiveDate>,
    /// Seed of the generator: the same seed gives the same company
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.create(&rt, &demo::company())?;
    let mut options = DemoOptions::new(args.as_of.unwrap_or_else(crate::today));
    options.customers = args.customers;
    options.seed = args.seed;
    let bar = progress::bar("customers");
    let mut report = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let result = rt.block_on(demo::populate(&store, &options, &mut report));
    bar.finish_and_clear();
    rt.block_on(store.close());
    let summary = result?;
    if args.json {
        output::json(&summary)
    } else {
        eprintln!(
            "demo company in {}: {} customers, {} invoices, {} payments, {} interactions",
            target.path.display(),
            summary.customers,
            summary.invoices,
            summary.payments,
            summary.interactions
        );
        Ok(())
    }
}
