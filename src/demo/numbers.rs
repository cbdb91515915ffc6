//! Identifiers with check digits, made the way the real ones are: IBANs (ISO 13616 mod 97 over
//! a national account number that carries its own check where the country has one), VAT ids
//! and Belgian structured references (OGM).

use crate::domain::Country;

use super::dice::Dice;

/// Remainder modulo 97 of a string of digits and letters, letters counting as 10..35.
fn mod97(text: &str) -> u32 {
    text.chars().fold(0, |rem, c| {
        let value = c.to_digit(36).expect("alphanumeric");
        let factor = if value >= 10 { 100 } else { 10 };
        (rem * factor + value) % 97
    })
}

/// The IBAN of a national account number (BBAN), with its two check digits.
pub(crate) fn iban(country: &str, bban: &str) -> String {
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// An IBAN of an account in `country` at one of its usual banks.
pub(crate) fn account_iban(country: Country, dice: &mut Dice) -> String {
    let code = if country == Country::GB {
        "GB"
    } else {
        country.code()
    };
    iban(code, &bban(country, dice))
}

fn bban(country: Country, dice: &mut Dice) -> String {
    match country.code() {
        "BE" => {
            // Bank code (BNP Paribas Fortis, KBC, ING, Belfius, Argenta, Crelan), account,
            // and the national check: the first ten digits mod 97, 97 for zero.
            let bank = *dice.pick(&["001", "068", "310", "363", "735", "737", "973", "103"]);
            let first = format!("{bank}{}", dice.digits(7));
            let check = match first.parse::<u64>().expect("digits") % 97 {
                0 => 97,
                n => n,
            };
            format!("{first}{check:02}")
        }
        "NL" => {
            let bank = *dice.pick(&["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB", "ASNB"]);
            format!("{bank}0{}", dice.digits(9))
        }
        "FR" => {
            // Bank and branch codes, an 11-digit account, and the RIB key.
            let bank: u64 = *dice.pick(&[30004, 30003, 30002, 10278, 30066, 20041, 11306, 18206]);
            let branch = dice.below(100_000);
            let account = dice.below(100_000_000_000);
            let key = 97 - (89 * bank + 15 * branch + 3 * account) % 97;
            format!("{bank:05}{branch:05}{account:011}{key:02}")
        }
        "DE" => {
            let blz = *dice.pick(&[
                "10070000", "37040044", "50010517", "20050550", "70150000", "60050101", "30050110",
                "44050199", "86055592", "12030000",
            ]);
            format!("{blz}{}", dice.digits(10))
        }
        _ => {
            // United Kingdom: bank, sort code, account.
            let (bank, sort) = *dice.pick(&[
                ("BARC", "20"),
                ("LOYD", "30"),
                ("NWBK", "60"),
                ("HBUK", "40"),
                ("MIDL", "40"),
            ]);
            format!("{bank}{sort}{}{}", dice.digits(4), dice.digits(8))
        }
    }
}

/// A Belgian enterprise number as a VAT id: `BE0` and nine digits, the last two being
/// 97 less the first eight mod 97.
pub(crate) fn belgian_vat(base: u64) -> String {
    let base = base % 10_000_000;
    let check = 97 - base % 97;
    format!("BE0{base:07}{check:02}")
}

/// A VAT id for a business in `country` whose check digits validate.
pub(crate) fn vat_number(country: Country, dice: &mut Dice) -> String {
    match country.code() {
        "BE" => belgian_vat(dice.range(2_000_000, 9_999_999) as u64),
        "NL" => loop {
            // Eleven-test: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11.
            let digits: Vec<u32> = (0..8).map(|_| dice.below(10) as u32).collect();
            let sum: u32 = digits.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
            let last = sum % 11;
            if last < 10 && digits[0] != 0 {
                let body: String = digits.iter().map(|d| d.to_string()).collect();
                break format!("NL{body}{last}B01");
            }
        },
        "FR" => {
            let siren = dice.range(300_000_000, 999_999_999) as u64;
            let key = (12 + 3 * (siren % 97)) % 97;
            format!("FR{key:02}{siren}")
        }
        "DE" => {
            // ISO 7064 MOD 11,10 over the first eight digits.
            let body = format!("{}{}", dice.range(1, 9), dice.digits(7));
            let mut product = 10;
            for d in body.chars().map(|c| c.to_digit(10).expect("digit")) {
                let mut sum = (d + product) % 10;
                if sum == 0 {
                    sum = 10;
                }
                product = (2 * sum) % 11;
            }
            let check = (11 - product) % 10;
            format!("DE{body}{check}")
        }
        _ => loop {
            // United Kingdom: weights 8..2 over seven digits, and two check digits that
            // bring the total to a multiple of 97.
            let body = format!("{}{}", dice.range(1, 9), dice.digits(6));
            let sum: u32 = body
                .chars()
                .zip((2..=8).rev())
                .map(|(c, w)| c.to_digit(10).expect("digit") * w)
                .sum();
            let check = (97 - sum % 97) % 97;
            if check != 0 {
                break format!("GB{body}{check:02}");
            }
        },
    }
}

/// A Belgian structured reference `+++123/4567/89002+++`: ten digits and their mod 97.
pub(crate) fn ogm(base: u64) -> String {
    let base = base % 10_000_000_000;
    let check = match base % 97 {
        0 => 97,
        n => n,
    };
    let digits = format!("{base:010}{check:02}");
    format!("+++{}/{}/{}+++", &digits[..3], &digits[3..7], &digits[7..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate_iban;

    #[test]
    fn generated_ibans_validate() {
        let mut dice = Dice::new(3, 3);
        for country in [
            Country::BE,
            Country::NL,
            Country::FR,
            Country::DE,
            Country::GB,
        ] {
            for _ in 0..200 {
                let iban = account_iban(country, &mut dice);
                assert!(validate_iban(&iban).is_ok(), "{iban}");
                assert!(iban.starts_with(country.code()));
            }
        }
        // The standard's own example.
        assert_eq!(iban("BE", "539007547034"), "BE68539007547034");
    }

    #[test]
    fn belgian_account_and_vat_checks() {
        let mut dice = Dice::new(4, 4);
        for _ in 0..100 {
            let iban = account_iban(Country::BE, &mut dice);
            let first: u64 = iban[4..14].parse().unwrap();
            let check: u64 = iban[14..].parse().unwrap();
            assert_eq!(
                if first.is_multiple_of(97) {
                    97
                } else {
                    first % 97
                },
                check
            );
        }
        let vat = belgian_vat(4_030_123);
        let digits: u64 = vat[2..].parse().unwrap();
        assert_eq!((digits / 100) % 97 + digits % 100, 97);
    }

    #[test]
    fn vat_ids_have_valid_check_digits() {
        let mut dice = Dice::new(5, 5);
        for _ in 0..50 {
            let fr = vat_number(Country::FR, &mut dice);
            let key: u64 = fr[2..4].parse().unwrap();
            let siren: u64 = fr[4..].parse().unwrap();
            assert_eq!(key, (12 + 3 * (siren % 97)) % 97);
            let nl = vat_number(Country::NL, &mut dice);
            assert!(nl.ends_with("B01") && nl.len() == 14, "{nl}");
            assert_eq!(vat_number(Country::DE, &mut dice).len(), 11);
            assert_eq!(vat_number(Country::GB, &mut dice).len(), 11);
        }
    }

    #[test]
    fn structured_reference() {
        assert_eq!(ogm(1_234_567_890), "+++123/4567/89002+++");
        assert_eq!(ogm(97), "+++000/0000/09797+++");
    }
}
