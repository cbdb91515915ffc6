//! `creditdesk kpi`: DSO, best possible DSO, ADD, CEI and ageing as of a day.

use chrono::NaiveDate;
use creditdesk::Result;
use creditdesk::kpi::{self, Dimension, Kpis};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::database::{Target, runtime};
use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    /// The day the KPIs are for [default: today]
    #[arg(long)]
    as_of: Option<NaiveDate>,
    /// Also per owner, country or segment
    #[arg(long, value_enum)]
    by: Option<By>,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum By {
    Owner,
    Country,
    Segment,
}

/// The KPIs as the CLI contract shows them (DESIGN §9): days to one decimal, amounts at the
/// currency's decimals, all as strings; `null` where a KPI has no sales to stand on.
#[derive(Serialize)]
struct KpiJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    as_of: NaiveDate,
    currency: String,
    receivables: String,
    overdue: String,
    open_items: i64,
    overdue_items: i64,
    share_current: Option<String>,
    dso_countback: Option<String>,
    dso_standard: Option<String>,
    bpdso: Option<String>,
    add: Option<String>,
    cei: Option<String>,
    ageing: serde_json::Value,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<KpiJson>,
}

/// One decimal, always written ("0.0", "73.7").
fn one(value: Option<Decimal>) -> Option<String> {
    value.map(|v| {
        let mut v = v.round_dp(1);
        v.rescale(1);
        v.to_string()
    })
}

fn contract(k: &Kpis, group: Option<String>) -> KpiJson {
    KpiJson {
        group,
        as_of: k.as_of,
        currency: k.currency.code().to_string(),
        receivables: k.receivables.amount_text(),
        overdue: k.overdue.amount_text(),
        open_items: k.open_items,
        overdue_items: k.overdue_items,
        share_current: one(k.share_current),
        dso_countback: one(k.dso_countback),
        dso_standard: one(k.dso_standard),
        bpdso: one(k.bpdso),
        add: one(k.add),
        cei: one(k.cei),
        ageing: serde_json::json!({
            "current": k.ageing.current.amount_text(),
            "1-30": k.ageing.days_1_30.amount_text(),
            "31-60": k.ageing.days_31_60.amount_text(),
            "61-90": k.ageing.days_61_90.amount_text(),
            "90+": k.ageing.days_over_90.amount_text(),
        }),
        groups: Vec::new(),
    }
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let as_of = args.as_of.unwrap_or_else(crate::today);
    let dimension = match args.by {
        None => None,
        Some(By::Owner) => Some(Dimension::Owner),
        Some(By::Country) => Some(Dimension::Country),
        Some(By::Segment) => Some(Dimension::Segment),
    };
    let result = rt.block_on(async {
        let portfolio = kpi::kpis(&store, as_of, Dimension::Portfolio).await?;
        let groups = match dimension {
            Some(d) => kpi::kpis(&store, as_of, d).await?,
            None => Vec::new(),
        };
        Ok::<_, creditdesk::Error>((portfolio, groups))
    });
    rt.block_on(store.close());
    let (portfolio, groups) = result?;
    let mut shown = contract(&portfolio[0], None);
    shown.groups = groups
        .iter()
        .map(|k| contract(k, Some(k.group.clone())))
        .collect();
    if args.json {
        return output::json(&shown);
    }
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".into());
    let mut rows = vec![shown_row("portfolio", &shown, &dash)];
    for g in &shown.groups {
        let name = g
            .group
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "(none)".into());
        rows.push(shown_row(&name, g, &dash));
    }
    say!("KPIs as of {as_of}, in {}", shown.currency);
    output::table(
        &[
            "",
            "receivables",
            "overdue",
            "DSO countback",
            "DSO",
            "BPDSO",
            "ADD",
            "CEI %",
            "current %",
        ],
        &[false, true, true, true, true, true, true, true, true],
        &rows,
    );
    Ok(())
}

fn shown_row(name: &str, k: &KpiJson, dash: &dyn Fn(&Option<String>) -> String) -> Vec<String> {
    vec![
        name.to_string(),
        k.receivables.clone(),
        k.overdue.clone(),
        dash(&k.dso_countback),
        dash(&k.dso_standard),
        dash(&k.bpdso),
        dash(&k.add),
        dash(&k.cei),
        dash(&k.share_current),
    ]
}
