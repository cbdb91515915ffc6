use creditdesk::Result;
use creditdesk::domain::{Company, Country};
use creditdesk::money::Currency;

use crate::database::{Target, runtime};

#[derive(clap::Args)]
pub struct Args {
    /// Your company's country (decides the legal late-payment rules)
    #[arg(long, default_value = "BE")]
    country: String,
    /// Your company's base currency
    #[arg(long, default_value = "EUR")]
    currency: String,
    /// Your company's name
    #[arg(long)]
    company: Option<String>,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let mut company = Company::placeholder(
        Country::parse(&args.country)?,
        Currency::parse(&args.currency)?,
    );
    if let Some(name) = args.company {
        company.name = name;
    }
    let rt = runtime()?;
    let store = target.create(&rt, &company)?;
    let version = rt.block_on(store.cipher_version())?;
    rt.block_on(store.close());
    eprintln!(
        "created {} (encrypted, SQLCipher {version})",
        target.path.display()
    );
    Ok(())
}
