//! One demo customer: who it is (the draft and its contacts) and the traits its history is
//! drawn from (the profile).

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use crate::domain::{Channel, Country, CustomerDraft, CustomerNumber, Language};
use crate::error::Result;
use crate::money::{Currency, Money};

use super::behaviour::{Behaviour, Habit};
use super::catalogue::PoStyle;
use super::dice::Dice;
use super::names;
use super::numbers;

/// The credit managers of the demo company, by the languages they handle.
pub(crate) const OWNERS: [(&str, &[Language]); 3] = [
    ("Sofie Verbeke", &[Language::Nl]),
    ("Amélie Dubois", &[Language::Fr]),
    ("Jeroen Claes", &[Language::De, Language::En]),
];

/// The first customer number; customers are numbered on from it as in an ERP's ledger.
const FIRST_NUMBER: usize = 400_001;

/// Days of history the demo covers, back from `as_of`.
pub(crate) const HISTORY_DAYS: i64 = 730;

#[derive(Debug, Clone)]
pub(crate) struct ContactPlan {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub is_billing: bool,
}

/// What the history of a customer is drawn from.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub habit: Habit,
    pub language: Language,
    pub currency: Currency,
    /// The customer's first day with us.
    pub since: NaiveDate,
    /// Days between two invoices, on average.
    pub interval_days: i64,
    /// A typical invoice, in whole units of the currency.
    pub typical_amount: i64,
    pub terms_days: i64,
    pub po: PoStyle,
}

#[derive(Debug, Clone)]
pub(crate) struct CustomerPlan {
    pub draft: CustomerDraft,
    pub contacts: Vec<ContactPlan>,
    pub profile: Profile,
}

pub(crate) fn days(n: i64) -> Days {
    Days::new(n.unsigned_abs())
}

/// Adds a signed number of days.
pub(crate) fn shift(date: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        date + days(n)
    } else {
        date - days(n)
    }
}

/// Draws the `index`th customer. `taken` holds the names already given, so that names stay
/// distinct as long as the parts allow.
pub(crate) fn plan_customer(
    index: usize,
    as_of: NaiveDate,
    dice: &mut Dice,
    taken: &mut HashSet<String>,
) -> Result<CustomerPlan> {
    let country = *dice.weighted(&[
        (Country::BE, 35),
        (Country::NL, 20),
        (Country::FR, 20),
        (Country::DE, 15),
        (Country::GB, 10),
    ]);
    let city = *dice.pick(names::cities(country));
    let language = names::language_in(&city, dice);
    let city_name = city.name_for(language);

    let mut name = names::company_name(country, language, city_name, 0, dice);
    for attempt in 1..10 {
        if !taken.contains(&name.legal) {
            break;
        }
        name = names::company_name(country, language, city_name, attempt / 6, dice);
    }
    taken.insert(name.legal.clone());

    let currency = if country == Country::GB {
        Currency::GBP
    } else {
        Currency::EUR
    };
    let number = CustomerNumber::parse(&(FIRST_NUMBER + index).to_string())?;
    let mut draft = CustomerDraft::new(number, &name.legal, currency)?;
    let domain = format!("{}.{}", name.slug, names::tld(country));
    let (line1, line2) = names::street(country, language, dice);
    draft.address = crate::domain::Address {
        line1,
        line2,
        postal_code: city.postal_code(dice),
        city: city_name.to_string(),
    };
    draft.country = Some(country);
    draft.language = language;
    draft.vat_number = numbers::vat_number(country, dice);
    draft.email = format!("{}@{domain}", names::accounts_mailbox(language));
    draft.phone = names::landline(country, &city, dice);
    draft.preferred_channel = *dice.weighted(&[
        (Channel::Email, 70),
        (Channel::Letter, 15),
        (Channel::Phone, 15),
    ]);
    draft.owner = OWNERS
        .iter()
        .find(|(_, langs)| langs.contains(&language))
        .map(|(who, _)| who.to_string())
        .unwrap_or_default();
    draft.add_iban(&numbers::account_iban(country, dice))?;
    if dice.chance(150) {
        draft.add_iban(&numbers::account_iban(country, dice))?;
    }

    let behaviour = Behaviour::draw(dice);
    let habit = Habit::new(behaviour, dice);
    let terms_days = if country == Country::FR {
        *dice.weighted(&[(30, 35), (45, 25), (60, 40)])
    } else {
        *dice.weighted(&[(14, 15), (30, 55), (45, 10), (60, 20)])
    };
    draft.payment_terms_days = terms_days as u32;

    let (interval_days, since) = if behaviour == Behaviour::New {
        (*dice.pick(&[14, 30]), shift(as_of, -dice.range(60, 90)))
    } else {
        let interval = *dice.weighted(&[(7, 6), (14, 10), (30, 42), (61, 24), (91, 18)]);
        let since = if dice.chance(800) {
            shift(as_of, -HISTORY_DAYS - dice.range(1, 3000))
        } else {
            shift(as_of, -HISTORY_DAYS + dice.range(30, HISTORY_DAYS - 180))
        };
        (interval, since)
    };
    let size = *dice.weighted(&[
        ((200, 1_500), 50),
        ((1_500, 6_000), 35),
        ((6_000, 25_000), 15),
    ]);
    let mut typical_amount = dice.range(size.0, size.1);
    // Customers who order every week or two place smaller orders.
    if interval_days <= 14 {
        typical_amount = (typical_amount * interval_days / 21).max(150);
    }
    // Enough for the invoices of one payment term and a month, with some room, in thousands.
    let monthly = typical_amount * 30 / interval_days;
    let exposure = monthly * (terms_days + 30) / 30 * 3 / 2;
    let limit = ((exposure + 999) / 1_000 * 1_000).max(2_500);
    draft.set_credit_limit(Money::from_minor(limit * 100, currency))?;

    let roles = names::roles(language);
    let count = *dice.weighted(&[(1, 30), (2, 45), (3, 25)]);
    let contacts = (0..count)
        .map(|k| {
            let person = names::person(country, language, dice);
            let mut parts = person.splitn(2, ' ');
            let first = names::slug(parts.next().unwrap_or_default()).replace('-', "");
            let last = names::slug(parts.next().unwrap_or_default()).replace('-', "");
            let phone = if dice.chance(500) {
                names::mobile(country, dice)
            } else {
                names::landline(country, &city, dice)
            };
            ContactPlan {
                name: person,
                role: roles[k].to_string(),
                email: format!("{first}.{last}@{domain}"),
                phone,
                is_billing: k == 0,
            }
        })
        .collect();

    Ok(CustomerPlan {
        draft,
        contacts,
        profile: Profile {
            habit,
            language,
            currency,
            since,
            interval_days,
            typical_amount,
            terms_days,
            po: PoStyle::draw(dice),
        },
    })
}
