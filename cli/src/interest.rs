//! `creditdesk interest`: legal late-payment interest and compensation on one debt.
//!
//! Without `--db` it uses the rate tables shipped with the app, so it works on a fresh machine;
//! with `--db PATH` it opens that database and uses its effective tables (the user's rows too).

use chrono::NaiveDate;
use creditdesk::Result;
use creditdesk::domain::Country;
use creditdesk::interest::{self, EffectiveRates, LegalInterest, RateOrigin, Rule};
use creditdesk::money::Currency;
use serde::Serialize;

use crate::database::{Target, runtime};
use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    /// The creditor's country (ISO code, e.g. FR): it decides the legal rule
    #[arg(long)]
    country: String,
    /// The unpaid amount, e.g. 1234.56
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// Its currency (EUR, or GBP under the UK rule)
    #[arg(long, default_value = "EUR")]
    currency: String,
    /// The due date, YYYY-MM-DD
    #[arg(long)]
    due: String,
    /// Interest up to and including this day, YYYY-MM-DD [default: today]
    #[arg(long)]
    as_of: Option<String>,
    #[arg(long)]
    json: bool,
}

/// The `--json` shape (stable: fields may be added, never renamed).
#[derive(Serialize)]
struct Json {
    days: u32,
    interest: String,
    compensation: String,
    periods: Vec<JsonPeriod>,
    total: String,
    currency: String,
    rule: String,
    country: String,
    series: String,
    principal: String,
    due: String,
    as_of: String,
    day_count: String,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct JsonPeriod {
    from: String,
    to: String,
    rate: String,
    interest: String,
    days: u32,
    reference_rate: String,
    reference_origin: RateOrigin,
}

/// `explicit_db`: whether `--db` was given (then its tables are used).
pub fn run(target: &Target, explicit_db: bool, today: NaiveDate, args: Args) -> Result<()> {
    let country = Country::parse(&args.country)?;
    let rule = Rule::for_country(country)?;
    let currency = Currency::parse(&args.currency)?;
    let principal = interest::parse_amount(&args.amount, currency)?;
    let due = interest::parse_date(&args.due, "due")?;
    let as_of = match &args.as_of {
        Some(text) => interest::parse_date(text, "as of")?,
        None => today,
    };
    let rates = if explicit_db {
        let rt = runtime()?;
        let store = target.open(&rt)?;
        let rates = rt.block_on(store.effective_rates());
        rt.block_on(store.close());
        rates?
    } else {
        EffectiveRates::shipped()
    };
    let result = interest::compute(rule, principal, due, as_of, &rates)?;
    if args.json {
        return output::json(&to_json(country, &result));
    }
    print_text(country, &result);
    Ok(())
}

fn to_json(country: Country, r: &LegalInterest) -> Json {
    Json {
        days: r.days,
        interest: r.interest.amount_text(),
        compensation: r.compensation.amount_text(),
        periods: r
            .periods
            .iter()
            .map(|p| JsonPeriod {
                from: p.from.to_string(),
                to: p.to.to_string(),
                rate: p.rate.to_string(),
                interest: p.interest.amount_text(),
                days: p.days,
                reference_rate: p.reference_rate.to_string(),
                reference_origin: p.reference_origin,
            })
            .collect(),
        total: r.total.amount_text(),
        currency: r.principal.currency.to_string(),
        rule: r.rule.code().to_string(),
        country: country.to_string(),
        series: r.series.code().to_string(),
        principal: r.principal.amount_text(),
        due: r.due.to_string(),
        as_of: r.as_of.to_string(),
        day_count: r.day_count.to_string(),
        warnings: r.warnings.clone(),
    }
}

fn print_text(country: Country, r: &LegalInterest) {
    say!("Creditor in {country}: {}", r.rule.title());
    say!(
        "{} due {}, as of {}: {} days late ({}, {})",
        r.principal,
        r.due,
        r.as_of,
        r.days,
        r.series.title(),
        r.day_count
    );
    if !r.periods.is_empty() {
        say!("");
        let rows: Vec<Vec<String>> = r
            .periods
            .iter()
            .map(|p| {
                vec![
                    p.from.to_string(),
                    p.to.to_string(),
                    p.days.to_string(),
                    format!("{} + {}", p.reference_rate, p.points),
                    format!("{} %", p.rate),
                    p.interest.amount_text(),
                ]
            })
            .collect();
        output::table(
            &[
                "from",
                "to",
                "days",
                "reference + points",
                "rate",
                "interest",
            ],
            &[false, false, true, true, true, true],
            &rows,
        );
    }
    say!("");
    let cur = r.principal.currency;
    output::table(
        &["", cur.code()],
        &[false, true],
        &[
            vec!["interest".into(), r.interest.amount_text()],
            vec!["compensation".into(), r.compensation.amount_text()],
            vec!["total".into(), r.total.amount_text()],
        ],
    );
    for w in &r.warnings {
        say!("note: {w}");
    }
}
