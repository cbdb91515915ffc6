//! Invoice numbers as payers write them: the keys an item is indexed under, the candidate
//! spans of a free text, and the one-typo variants of a candidate.
//!
//! A number is reduced to its letters and digits, upper case (`2026-00123` → `202600123`,
//! `inv/104233` → `INV104233`). Besides that full form an item is indexed under its digits
//! when it starts with letters (`104233`: payers drop prefixes) and under its digit groups
//! with leading zeros removed (`2026.123`: payers drop zeros), when these differ. A text is
//! cut into runs of letters and digits; one to three consecutive runs separated by at most
//! three of ` -/._#:` make a span, reduced the same way, so `Rechnung 2026 00123`,
//! `2026/00123` and `202600123` all give `202600123`. Only forms with at least five digits
//! count: shorter ones are dates, quantities and amounts far more often than numbers.
//!
//! Keys are kept as 64-bit hashes (FxHash-style with a final mix), so the index of a million
//! items holds no strings; two different keys share a hash about once in 2^64 / (keys²/2).

/// The fewest digits a form must have to be taken for an invoice number.
pub const MIN_DIGITS: usize = 5;
/// The most runs of letters/digits one span joins.
const MAX_SPAN_TOKENS: usize = 3;

/// A 64-bit hash of a key's bytes, `tag` keeping kinds of keys apart.
pub fn hash_key(tag: u8, bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = u64::from(tag).wrapping_mul(K);
    for chunk in bytes.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^= bytes.len() as u64;
    // murmur3's finaliser, so similar keys spread.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The forms of one span of tokens (each upper-case letters/digits): full, without leading
/// letters, and digit groups without leading zeros. Only forms with `MIN_DIGITS` digits.
pub fn forms(tokens: &[&[u8]], out: &mut Vec<Vec<u8>>) {
    let full: Vec<u8> = tokens.iter().flat_map(|t| t.iter().copied()).collect();
    let digits = full.iter().filter(|b| b.is_ascii_digit()).count();
    if digits < MIN_DIGITS {
        return;
    }
    let lead = full.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut push = |f: Vec<u8>| {
        if !out.contains(&f) {
            out.push(f);
        }
    };
    if lead > 0 {
        push(full[lead..].to_vec());
    }
    // Digit groups (a group ends at a token boundary or a letter), leading zeros removed.
    let mut groups: Vec<&[u8]> = Vec::new();
    for t in tokens {
        for g in t.split(|b| !b.is_ascii_digit()) {
            if !g.is_empty() {
                groups.push(g);
            }
        }
    }
    if groups.len() > 1 || groups.iter().any(|g| g.len() > 1 && g[0] == b'0') {
        let mut nozero = Vec::with_capacity(full.len());
        for (k, g) in groups.iter().enumerate() {
            if k > 0 {
                nozero.push(b'.');
            }
            let z = g
                .iter()
                .take_while(|&&b| b == b'0')
                .count()
                .min(g.len() - 1);
            nozero.extend_from_slice(&g[z..]);
        }
        push(nozero);
    }
    push(full);
}

/// The keys an item's number is indexed under.
pub fn item_forms(number: &str) -> Vec<Vec<u8>> {
    let upper: Vec<u8> = number.bytes().map(|b| b.to_ascii_uppercase()).collect();
    let tokens: Vec<&[u8]> = upper
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = Vec::new();
    forms(&tokens, &mut out);
    out
}

/// Scratch space for `each_item_form`, reused from one item to the next.
#[derive(Debug, Default)]
pub struct FormBuffers {
    /// The last number's full form (its letters and digits, upper case), whatever its digits.
    pub full: Vec<u8>,
    nozero: Vec<u8>,
}

/// Calls `f` with each key `item_forms(number)` gives, in the same order, without allocating
/// once `buf` has grown; leaves the full form in `buf.full` (even with fewer than
/// `MIN_DIGITS` digits). Returns whether it gave any (then the full form is among them).
pub fn each_item_form(number: &str, buf: &mut FormBuffers, mut f: impl FnMut(&[u8])) -> bool {
    let full = &mut buf.full;
    full.clear();
    full.extend(
        number
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_uppercase()),
    );
    let digits = full.iter().filter(|b| b.is_ascii_digit()).count();
    if digits < MIN_DIGITS {
        return false;
    }
    let lead = full.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if lead > 0 {
        f(&full[lead..]);
    }
    // Digit groups: the runs of digits of the number (a letter or a separator ends one).
    let bytes = number.as_bytes();
    let mut groups = 0;
    let mut zero_led = false;
    let nozero = &mut buf.nozero;
    nozero.clear();
    let mut k = 0;
    while k < bytes.len() {
        if !bytes[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = k;
        while k < bytes.len() && bytes[k].is_ascii_digit() {
            k += 1;
        }
        let g = &bytes[start..k];
        zero_led |= g.len() > 1 && g[0] == b'0';
        if groups > 0 {
            nozero.push(b'.');
        }
        groups += 1;
        let z = g
            .iter()
            .take_while(|&&b| b == b'0')
            .count()
            .min(g.len() - 1);
        nozero.extend_from_slice(&g[z..]);
    }
    let with_nozero = groups > 1 || zero_led;
    if with_nozero && (lead == 0 || nozero[..] != full[lead..]) {
        f(nozero);
    }
    if (lead == 0 || full[..] != full[lead..]) && !(with_nozero && nozero[..] == full[..]) {
        f(full);
    }
    true
}

/// The letters and digits of a number, upper case: its full form, whatever its digits.
pub fn compact(number: &str) -> String {
    number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// One place in a text that may be an invoice number: its forms, and where it starts and
/// ends (in tokens) so overlapping spans can be told apart.
#[derive(Debug, Clone)]
pub struct Span {
    pub first_token: usize,
    pub last_token: usize,
    pub forms: Vec<Vec<u8>>,
}

/// The spans of a text that may be invoice numbers.
pub fn spans(text: &str) -> Vec<Span> {
    let upper: Vec<u8> = text.bytes().map(|b| b.to_ascii_uppercase()).collect();
    // Tokens with the separator that follows each.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < upper.len() {
        if upper[k].is_ascii_alphanumeric() {
            let start = k;
            while k < upper.len() && upper[k].is_ascii_alphanumeric() {
                k += 1;
            }
            tokens.push((start, k));
        } else {
            k += 1;
        }
    }
    let joinable = |a: (usize, usize), b: (usize, usize)| {
        let sep = &upper[a.1..b.0];
        sep.len() <= 3 && sep.iter().all(|c| b" -/._#:".contains(c))
    };
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        let mut parts: Vec<&[u8]> = Vec::with_capacity(MAX_SPAN_TOKENS);
        for j in i..tokens.len().min(i + MAX_SPAN_TOKENS) {
            if j > i && !joinable(tokens[j - 1], tokens[j]) {
                break;
            }
            parts.push(&upper[tokens[j].0..tokens[j].1]);
            let mut forms_here = Vec::new();
            forms(&parts, &mut forms_here);
            if !forms_here.is_empty() {
                out.push(Span {
                    first_token: i,
                    last_token: j,
                    forms: forms_here,
                });
            }
        }
    }
    out
}

/// Calls `f` with every form one typo away from `form`: one digit replaced by another, or
/// two neighbouring different characters swapped. Group separators (`.`) are left alone.
pub fn one_typo_variants(form: &[u8], mut f: impl FnMut(&[u8])) {
    let mut v = form.to_vec();
    for k in 0..v.len() {
        let old = v[k];
        if old.is_ascii_digit() {
            for d in b'0'..=b'9' {
                if d != old {
                    v[k] = d;
                    f(&v);
                }
            }
            v[k] = old;
        }
    }
    for k in 0..v.len().saturating_sub(1) {
        if v[k] != v[k + 1] && v[k] != b'.' && v[k + 1] != b'.' {
            v.swap(k, k + 1);
            f(&v);
            v.swap(k, k + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_forms(text: &str) -> Vec<String> {
        spans(text)
            .into_iter()
            .flat_map(|s| s.forms)
            .map(|f| String::from_utf8(f).unwrap())
            .collect()
    }

    #[test]
    fn what_payers_write_reduces_to_an_item_key() {
        for (number, texts) in [
            (
                "2026-00123",
                &[
                    "Rechnung 2026-00123",
                    "inv 2026/00123 thanks",
                    "factuur nr 202600123",
                    "Fact. 2026 00123",
                    "invoice 2026-123",
                    "RECHNUNG2026-00123",
                ][..],
            ),
            (
                "INV-104233",
                &["inv104233", "104233", "INV 104233 and more"][..],
            ),
            (
                "F2026/0042",
                &["Fact. F2026/0042", "20260042", "f 2026 42"][..],
            ),
        ] {
            let keys = item_forms(number);
            for text in texts {
                let found = text_forms(text);
                assert!(
                    found.iter().any(|f| keys.iter().any(|k| k == f.as_bytes())),
                    "{number} not in {text}: {found:?} vs {keys:?}"
                );
            }
        }
    }

    /// The allocation-free walk gives exactly `item_forms`, for numbers of every shape.
    #[test]
    fn each_item_form_is_item_forms() {
        let mut buf = FormBuffers::default();
        let check = |number: &str, buf: &mut FormBuffers| {
            let mut walked = Vec::new();
            let given = each_item_form(number, buf, |f| walked.push(f.to_vec()));
            assert_eq!(walked, item_forms(number), "{number:?}");
            assert_eq!(given, !walked.is_empty(), "{number:?}");
            if given {
                assert!(
                    walked.contains(&buf.full),
                    "{number:?}: the full form is a key"
                );
            }
            assert_eq!(buf.full, compact(number).into_bytes(), "{number:?}");
        };
        for number in [
            "2026-00123",
            "INV-104233",
            "F2026/0042",
            "inv/104233",
            "0000611365",
            "CN-700123",
            "12345",
            "1234",
            "ABC",
            "",
            "A1B2C3D4E5",
            "2026 00 0123",
            "00000",
            "0-0-0-0-0",
            "R2D2-00099",
            "Fact. 2026.00042/b",
            "ÉTÉ-2026-00123",
            "2026–00123",
            "X0012345Y",
            "99999999999999999999999",
        ] {
            check(number, &mut buf);
        }
        proptest::proptest!(|(number in "[A-Za-z0-9 ./#é–-]{0,16}")| {
            check(&number, &mut FormBuffers::default());
        });
    }

    #[test]
    fn short_numbers_and_plain_words_make_no_candidate() {
        assert!(text_forms("thanks for 12 items on 2026").is_empty());
        assert!(text_forms("").is_empty());
    }

    #[test]
    fn typos_are_one_variant_away() {
        let mut seen = Vec::new();
        one_typo_variants(b"202600132", |v| seen.push(v.to_vec()));
        assert!(seen.contains(&b"202600123".to_vec()));
        assert!(seen.contains(&b"202600133".to_vec()));
        assert!(!seen.contains(&b"202600132".to_vec()));
        assert_eq!(seen.len(), 9 * 9 + 7); // substitutions, swaps of the 7 different neighbours
    }
}
