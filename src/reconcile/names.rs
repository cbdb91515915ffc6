//! Names as payers' banks write them, reduced to comparable tokens: lower case, accents
//! folded (`ü` → `u`, and `ue` → `u` so `Müller` and `Mueller` agree), punctuation dropped
//! (`B.V.` → `bv`), legal forms and joining words left out (GmbH, BV, NV, SA, SARL, Ltd, …).

/// Legal forms and words that say nothing about who it is.
const NOISE: &[&str] = &[
    "gmbh", "mbh", "ag", "kg", "ohg", "ug", "ev", "bv", "nv", "bvba", "vof", "cv", "sa", "sarl",
    "sas", "sasu", "eurl", "sprl", "srl", "spa", "sl", "ltd", "limited", "plc", "llc", "inc",
    "corp", "co", "cie", "und", "and", "et", "en", "the", "mr", "mrs", "dhr", "mevr", "herr",
    "frau", "m", "mme",
];

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        'œ' | 'Œ' => "oe",
        _ => return None,
    })
}

/// The tokens of a name that identify it, in order.
pub fn tokens(name: &str) -> Vec<String> {
    let mut flat = String::with_capacity(name.len());
    for c in name.chars() {
        if let Some(s) = fold(c) {
            flat.push_str(s);
        } else if c.is_ascii_alphanumeric() {
            flat.push(c.to_ascii_lowercase());
        } else if c == '.' || c == '\'' || c == '’' {
            // B.V. → bv, O'Brien → obrien
        } else {
            flat.push(' ');
        }
    }
    flat.split_whitespace()
        .filter(|t| !NOISE.contains(t))
        .map(|t| t.replace("ae", "a").replace("oe", "o").replace("ue", "u"))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The whole name as one key: its tokens, sorted, joined.
pub fn key(tokens: &[String]) -> String {
    let mut sorted: Vec<&str> = tokens.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_a_name_agree() {
        for (a, b) in [
            ("Bäckerei Müller GmbH", "BAECKEREI MUELLER"),
            ("Van Dijk Logistiek B.V.", "van dijk logistiek bv"),
            ("Boulangerie Lefèvre SARL", "BOULANGERIE LEFEVRE"),
            ("O'Brien & Sons Ltd", "OBRIEN SONS LIMITED"),
        ] {
            assert_eq!(key(&tokens(a)), key(&tokens(b)), "{a} / {b}");
        }
        assert_ne!(key(&tokens("Müller GmbH")), key(&tokens("Schmidt GmbH")));
    }
}
