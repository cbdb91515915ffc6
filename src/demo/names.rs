//! Names, addresses and phone numbers per country, built from parts so that a hundred thousand
//! customers are possible: real cities with their real postal codes and area codes, common
//! surnames and trades, the legal forms of each country.

use crate::domain::{Country, Language};

use super::dice::Dice;

/// How a city's postal codes are formed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Postal {
    /// One code for the whole city.
    Fixed(&'static str),
    /// Dutch: four digits within a range, a space and two letters.
    Nl(u16, u16),
    /// French city with arrondissements: the first code and how many follow.
    Districts(u32, u32),
    /// British: the outward code; the inward part is drawn.
    Gb(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct City {
    pub name: &'static str,
    /// The French name of a bilingual Brussels municipality (empty elsewhere).
    pub name_fr: &'static str,
    pub postal: Postal,
    /// The trunk area code, without the leading 0.
    pub area: &'static str,
    /// The language spoken there; `None` in bilingual Brussels.
    pub language: Option<Language>,
}

const fn city(name: &'static str, postal: Postal, area: &'static str, language: Language) -> City {
    City {
        name,
        name_fr: "",
        postal,
        area,
        language: Some(language),
    }
}

const fn brussels(name: &'static str, name_fr: &'static str, code: &'static str) -> City {
    City {
        name,
        name_fr,
        postal: Postal::Fixed(code),
        area: "2",
        language: None,
    }
}

use Language::{De, En, Fr, Nl};
use Postal::{Districts, Fixed, Gb};

const NL_CITIES: &[City] = &[
    city("Amsterdam", Postal::Nl(1011, 1109), "20", Nl),
    city("Rotterdam", Postal::Nl(3011, 3089), "10", Nl),
    city("Den Haag", Postal::Nl(2491, 2597), "70", Nl),
    city("Utrecht", Postal::Nl(3511, 3585), "30", Nl),
    city("Eindhoven", Postal::Nl(5611, 5658), "40", Nl),
    city("Groningen", Postal::Nl(9711, 9747), "50", Nl),
    city("Tilburg", Postal::Nl(5011, 5049), "13", Nl),
    city("Almere", Postal::Nl(1311, 1364), "36", Nl),
    city("Breda", Postal::Nl(4811, 4839), "76", Nl),
    city("Nijmegen", Postal::Nl(6511, 6546), "24", Nl),
    city("Apeldoorn", Postal::Nl(7311, 7339), "55", Nl),
    city("Haarlem", Postal::Nl(2011, 2037), "23", Nl),
    city("Arnhem", Postal::Nl(6811, 6846), "26", Nl),
    city("Enschede", Postal::Nl(7511, 7548), "53", Nl),
    city("Amersfoort", Postal::Nl(3811, 3829), "33", Nl),
    city("Zwolle", Postal::Nl(8011, 8043), "38", Nl),
    city("'s-Hertogenbosch", Postal::Nl(5211, 5236), "73", Nl),
    city("Leiden", Postal::Nl(2311, 2334), "71", Nl),
    city("Maastricht", Postal::Nl(6211, 6229), "43", Nl),
    city("Dordrecht", Postal::Nl(3311, 3329), "78", Nl),
    city("Zoetermeer", Postal::Nl(2711, 2729), "79", Nl),
    city("Venlo", Postal::Nl(5911, 5928), "77", Nl),
    city("Delft", Postal::Nl(2611, 2629), "15", Nl),
    city("Deventer", Postal::Nl(7411, 7431), "570", Nl),
    city("Alkmaar", Postal::Nl(1811, 1827), "72", Nl),
    city("Leeuwarden", Postal::Nl(8911, 8939), "58", Nl),
    city("Hilversum", Postal::Nl(1211, 1223), "35", Nl),
    city("Helmond", Postal::Nl(5701, 5709), "492", Nl),
];

const BE_CITIES: &[City] = &[
    // Flanders
    city("Antwerpen", Fixed("2000"), "3", Nl),
    city("Antwerpen", Fixed("2030"), "3", Nl),
    city("Gent", Fixed("9000"), "9", Nl),
    city("Brugge", Fixed("8000"), "50", Nl),
    city("Leuven", Fixed("3000"), "16", Nl),
    city("Mechelen", Fixed("2800"), "15", Nl),
    city("Aalst", Fixed("9300"), "53", Nl),
    city("Kortrijk", Fixed("8500"), "56", Nl),
    city("Hasselt", Fixed("3500"), "11", Nl),
    city("Sint-Niklaas", Fixed("9100"), "3", Nl),
    city("Genk", Fixed("3600"), "89", Nl),
    city("Roeselare", Fixed("8800"), "51", Nl),
    city("Turnhout", Fixed("2300"), "14", Nl),
    city("Oostende", Fixed("8400"), "59", Nl),
    city("Lokeren", Fixed("9160"), "9", Nl),
    city("Geel", Fixed("2440"), "14", Nl),
    city("Herentals", Fixed("2200"), "14", Nl),
    city("Dendermonde", Fixed("9200"), "52", Nl),
    city("Lier", Fixed("2500"), "3", Nl),
    city("Wevelgem", Fixed("8560"), "56", Nl),
    city("Beveren", Fixed("9120"), "3", Nl),
    city("Tienen", Fixed("3300"), "16", Nl),
    city("Ieper", Fixed("8900"), "57", Nl),
    city("Waregem", Fixed("8790"), "56", Nl),
    city("Zaventem", Fixed("1930"), "2", Nl),
    city("Vilvoorde", Fixed("1800"), "2", Nl),
    city("Halle", Fixed("1500"), "2", Nl),
    // Brussels
    brussels("Brussel", "Bruxelles", "1000"),
    brussels("Anderlecht", "Anderlecht", "1070"),
    brussels("Elsene", "Ixelles", "1050"),
    brussels("Schaarbeek", "Schaerbeek", "1030"),
    brussels("Ukkel", "Uccle", "1180"),
    brussels("Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean", "1080"),
    brussels("Evere", "Evere", "1140"),
    brussels("Vorst", "Forest", "1190"),
    // Wallonia
    city("Liège", Fixed("4000"), "4", Fr),
    city("Charleroi", Fixed("6000"), "71", Fr),
    city("Namur", Fixed("5000"), "81", Fr),
    city("Mons", Fixed("7000"), "65", Fr),
    city("La Louvière", Fixed("7100"), "64", Fr),
    city("Tournai", Fixed("7500"), "69", Fr),
    city("Seraing", Fixed("4100"), "4", Fr),
    city("Verviers", Fixed("4800"), "87", Fr),
    city("Mouscron", Fixed("7700"), "56", Fr),
    city("Wavre", Fixed("1300"), "10", Fr),
    city("Nivelles", Fixed("1400"), "67", Fr),
    city("Arlon", Fixed("6700"), "63", Fr),
    city("Waterloo", Fixed("1410"), "2", Fr),
    city("Herstal", Fixed("4040"), "4", Fr),
    city("Gembloux", Fixed("5030"), "81", Fr),
    city("Huy", Fixed("4500"), "85", Fr),
    city("Marche-en-Famenne", Fixed("6900"), "84", Fr),
    // The German-speaking Community
    city("Eupen", Fixed("4700"), "87", De),
    city("Sankt Vith", Fixed("4780"), "80", De),
];

const FR_CITIES: &[City] = &[
    city("Paris", Districts(75001, 20), "1", Fr),
    city("Lyon", Districts(69001, 9), "4", Fr),
    city("Marseille", Districts(13001, 16), "4", Fr),
    city("Toulouse", Fixed("31000"), "5", Fr),
    city("Nice", Fixed("06000"), "4", Fr),
    city("Nantes", Fixed("44000"), "2", Fr),
    city("Strasbourg", Fixed("67000"), "3", Fr),
    city("Montpellier", Fixed("34000"), "4", Fr),
    city("Bordeaux", Fixed("33000"), "5", Fr),
    city("Lille", Fixed("59000"), "3", Fr),
    city("Rennes", Fixed("35000"), "2", Fr),
    city("Reims", Fixed("51100"), "3", Fr),
    city("Le Havre", Fixed("76600"), "2", Fr),
    city("Saint-Étienne", Fixed("42000"), "4", Fr),
    city("Grenoble", Fixed("38000"), "4", Fr),
    city("Dijon", Fixed("21000"), "3", Fr),
    city("Angers", Fixed("49000"), "2", Fr),
    city("Villeurbanne", Fixed("69100"), "4", Fr),
    city("Clermont-Ferrand", Fixed("63000"), "4", Fr),
    city("Le Mans", Fixed("72000"), "2", Fr),
    city("Aix-en-Provence", Fixed("13090"), "4", Fr),
    city("Tours", Fixed("37000"), "2", Fr),
    city("Amiens", Fixed("80000"), "3", Fr),
    city("Metz", Fixed("57000"), "3", Fr),
    city("Orléans", Fixed("45000"), "2", Fr),
    city("Rouen", Fixed("76000"), "2", Fr),
    city("Mulhouse", Fixed("68100"), "3", Fr),
    city("Caen", Fixed("14000"), "2", Fr),
    city("Nancy", Fixed("54000"), "3", Fr),
    city("Roubaix", Fixed("59100"), "3", Fr),
    city("Tourcoing", Fixed("59200"), "3", Fr),
    city("Valenciennes", Fixed("59300"), "3", Fr),
    city("Dunkerque", Fixed("59140"), "3", Fr),
    city("Calais", Fixed("62100"), "3", Fr),
];

const DE_CITIES: &[City] = &[
    city("Berlin", Fixed("10115"), "30", De),
    city("Hamburg", Fixed("20095"), "40", De),
    city("München", Fixed("80331"), "89", De),
    city("Köln", Fixed("50667"), "221", De),
    city("Frankfurt am Main", Fixed("60311"), "69", De),
    city("Stuttgart", Fixed("70173"), "711", De),
    city("Düsseldorf", Fixed("40210"), "211", De),
    city("Dortmund", Fixed("44135"), "231", De),
    city("Essen", Fixed("45127"), "201", De),
    city("Leipzig", Fixed("04109"), "341", De),
    city("Bremen", Fixed("28195"), "421", De),
    city("Dresden", Fixed("01067"), "351", De),
    city("Hannover", Fixed("30159"), "511", De),
    city("Nürnberg", Fixed("90402"), "911", De),
    city("Duisburg", Fixed("47051"), "203", De),
    city("Bochum", Fixed("44787"), "234", De),
    city("Wuppertal", Fixed("42103"), "202", De),
    city("Bielefeld", Fixed("33602"), "521", De),
    city("Bonn", Fixed("53111"), "228", De),
    city("Münster", Fixed("48143"), "251", De),
    city("Karlsruhe", Fixed("76133"), "721", De),
    city("Mannheim", Fixed("68159"), "621", De),
    city("Augsburg", Fixed("86150"), "821", De),
    city("Wiesbaden", Fixed("65183"), "611", De),
    city("Aachen", Fixed("52062"), "241", De),
    city("Mönchengladbach", Fixed("41061"), "2161", De),
    city("Braunschweig", Fixed("38100"), "531", De),
    city("Kiel", Fixed("24103"), "431", De),
    city("Chemnitz", Fixed("09111"), "371", De),
    city("Freiburg im Breisgau", Fixed("79098"), "761", De),
    city("Krefeld", Fixed("47798"), "2151", De),
    city("Mainz", Fixed("55116"), "6131", De),
    city("Lübeck", Fixed("23552"), "451", De),
    city("Erfurt", Fixed("99084"), "361", De),
    city("Rostock", Fixed("18055"), "381", De),
    city("Kassel", Fixed("34117"), "561", De),
    city("Osnabrück", Fixed("49074"), "541", De),
    city("Heidelberg", Fixed("69117"), "6221", De),
    city("Regensburg", Fixed("93047"), "941", De),
    city("Ulm", Fixed("89073"), "731", De),
];

const GB_CITIES: &[City] = &[
    city("London", Gb("EC1A"), "20", En),
    city("London", Gb("SE1"), "20", En),
    city("London", Gb("E14"), "20", En),
    city("London", Gb("N1"), "20", En),
    city("Manchester", Gb("M1"), "161", En),
    city("Manchester", Gb("M4"), "161", En),
    city("Birmingham", Gb("B1"), "121", En),
    city("Birmingham", Gb("B5"), "121", En),
    city("Leeds", Gb("LS1"), "113", En),
    city("Glasgow", Gb("G1"), "141", En),
    city("Liverpool", Gb("L1"), "151", En),
    city("Bristol", Gb("BS1"), "117", En),
    city("Sheffield", Gb("S1"), "114", En),
    city("Edinburgh", Gb("EH1"), "131", En),
    city("Leicester", Gb("LE1"), "116", En),
    city("Coventry", Gb("CV1"), "24", En),
    city("Nottingham", Gb("NG1"), "115", En),
    city("Newcastle upon Tyne", Gb("NE1"), "191", En),
    city("Cardiff", Gb("CF10"), "29", En),
    city("Southampton", Gb("SO14"), "23", En),
    city("Reading", Gb("RG1"), "118", En),
    city("Milton Keynes", Gb("MK9"), "1908", En),
    city("Norwich", Gb("NR1"), "1603", En),
    city("Cambridge", Gb("CB1"), "1223", En),
    city("Oxford", Gb("OX1"), "1865", En),
    city("York", Gb("YO1"), "1904", En),
    city("Derby", Gb("DE1"), "1332", En),
    city("Plymouth", Gb("PL1"), "1752", En),
    city("Aberdeen", Gb("AB10"), "1224", En),
    city("Belfast", Gb("BT1"), "28", En),
    city("Preston", Gb("PR1"), "1772", En),
    city("Stoke-on-Trent", Gb("ST1"), "1782", En),
    city("Swindon", Gb("SN1"), "1793", En),
    city("Peterborough", Gb("PE1"), "1733", En),
];

pub(crate) fn cities(country: Country) -> &'static [City] {
    match country.code() {
        "NL" => NL_CITIES,
        "BE" => BE_CITIES,
        "FR" => FR_CITIES,
        "DE" => DE_CITIES,
        _ => GB_CITIES,
    }
}

/// The language of a customer in `city`: Brussels is three quarters French-speaking.
pub(crate) fn language_in(city: &City, dice: &mut Dice) -> Language {
    city.language
        .unwrap_or_else(|| if dice.chance(750) { Fr } else { Nl })
}

impl City {
    /// The city's name as written to a customer speaking `language`.
    pub fn name_for(&self, language: Language) -> &'static str {
        if language == Fr && !self.name_fr.is_empty() {
            self.name_fr
        } else {
            self.name
        }
    }

    pub fn postal_code(&self, dice: &mut Dice) -> String {
        match self.postal {
            Postal::Fixed(code) => code.to_string(),
            Postal::Nl(lo, hi) => {
                let digits = dice.range(i64::from(lo), i64::from(hi));
                // Letters as Dutch codes use them: no F, I, O, Q, U, Y and never SA, SD, SS.
                const LETTERS: &[u8] = b"ABCDEGHJKLMNPRSTVWXZ";
                let first = *dice.pick(LETTERS);
                let second = loop {
                    let c = *dice.pick(LETTERS);
                    if !(first == b'S' && matches!(c, b'A' | b'D' | b'S')) {
                        break c;
                    }
                };
                format!("{digits} {}{}", char::from(first), char::from(second))
            }
            Postal::Districts(first, count) => {
                format!("{:05}", first + dice.below(u64::from(count)) as u32)
            }
            Postal::Gb(outward) => {
                const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
                format!(
                    "{outward} {}{}{}",
                    dice.below(10),
                    char::from(*dice.pick(LETTERS)),
                    char::from(*dice.pick(LETTERS))
                )
            }
        }
    }
}

const NL_SURNAMES: &[&str] = &[
    "De Jong",
    "Jansen",
    "De Vries",
    "Van den Berg",
    "Van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
    "De Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Van Leeuwen",
    "Dekker",
    "Brouwer",
    "De Wit",
    "Dijkstra",
    "Smits",
    "De Graaf",
    "Van der Meer",
    "Van der Linden",
    "Kok",
    "Jacobs",
    "De Haan",
    "Vermeulen",
    "Van den Heuvel",
    "Van der Veen",
    "Van den Broek",
    "De Bruijn",
    "Van der Heijden",
    "Schouten",
    "Van Beek",
    "Willems",
    "Van Vliet",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Van Dam",
    "Prins",
    "Blom",
    "Huisman",
    "Kuipers",
    "Van Wijk",
    "Post",
    "Veenstra",
    "Kramer",
    "Van den Brink",
    "Scholten",
    "Vink",
    "Terpstra",
    "Boersma",
];

const BE_NL_SURNAMES: &[&str] = &[
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Hermans",
    "Aerts",
    "Pauwels",
    "Vermeulen",
    "Van Damme",
    "Verstraete",
    "De Clercq",
    "Lambrechts",
    "Claeys",
    "Van den Bossche",
    "Michiels",
    "Coppens",
    "Martens",
    "Vandenberghe",
    "De Backer",
    "Cools",
    "Van de Velde",
    "Baert",
    "Smets",
    "Stevens",
    "Segers",
    "Verbeke",
    "Desmet",
    "Van Acker",
    "De Wilde",
    "Vlaeminck",
    "Devos",
    "Vanhoutte",
    "Bogaert",
    "Van Hecke",
    "Wuyts",
    "Geerts",
    "Heylen",
    "Van Gucht",
];

const BE_FR_SURNAMES: &[&str] = &[
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Simon",
    "Laurent",
    "Leclercq",
    "Lejeune",
    "Renard",
    "Collard",
    "Mathieu",
    "Denis",
    "François",
    "Masson",
    "Henry",
    "Gilson",
    "Lemaire",
    "Thiry",
    "Jacquet",
    "Dumont",
    "Marchal",
    "Charlier",
    "Piette",
    "Delvaux",
    "Hubert",
    "Bodart",
    "Collignon",
    "Lecomte",
    "Noël",
    "Remacle",
    "Delhaye",
    "Wilmotte",
    "Lardinois",
    "Hardy",
];

const FR_SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "Legrand",
    "Gauthier",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Roussel",
    "Masson",
    "Marchand",
    "Duval",
    "Lemoine",
    "Carpentier",
];

const DE_SURNAMES: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Vogel",
    "Brandt",
    "Kessler",
];

const GB_SURNAMES: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Harrison", "Cole", "Hughes", "Edwards", "Turner", "Baker", "Hill",
    "Moore", "Cooper", "Ward", "Morris", "King", "Watson", "Harris", "Lewis", "Allen", "Bennett",
    "Parker", "Fletcher", "Marshall", "Shaw", "Chapman", "Mason", "Barnes", "Hunt", "Holmes",
    "Palmer", "Knight", "Lloyd", "Ellis",
];

const NL_FIRST: &[&str] = &[
    "Jan", "Pieter", "Sanne", "Lotte", "Thomas", "Eva", "Bram", "Lieke", "Koen", "Anouk", "Wouter",
    "Femke", "Joris", "Marieke", "Ruben", "Inge", "Martijn", "Esther", "Daan", "Mirjam", "Niels",
    "Linda", "Jeroen", "Karin",
];
const BE_NL_FIRST: &[&str] = &[
    "Tom", "Els", "Bart", "Sofie", "Kris", "Griet", "Stijn", "Annelies", "Hanne", "Dirk", "Hilde",
    "Maarten", "Nathalie", "Pieter", "An", "Wim", "Katrien", "Jens", "Lien", "Geert", "Evy",
    "Koen", "Veerle", "Jo",
];
const FR_FIRST: &[&str] = &[
    "Jean",
    "Marie",
    "Pierre",
    "Sophie",
    "Nicolas",
    "Isabelle",
    "Julien",
    "Camille",
    "Laurent",
    "Nathalie",
    "Céline",
    "François",
    "Émilie",
    "Thierry",
    "Sandrine",
    "Olivier",
    "Aurélie",
    "Philippe",
    "Valérie",
    "Mathieu",
    "Claire",
    "Stéphane",
    "Hélène",
    "Christophe",
];
const DE_FIRST: &[&str] = &[
    "Thomas", "Stefan", "Andreas", "Michael", "Sabine", "Claudia", "Julia", "Anna", "Katrin",
    "Markus", "Jörg", "Petra", "Jan", "Lena", "Tobias", "Sandra", "Frank", "Birgit", "Matthias",
    "Nicole", "Jürgen", "Monika", "Uwe", "Heike",
];
const EN_FIRST: &[&str] = &[
    "James", "Oliver", "Sarah", "Emma", "David", "Claire", "Michael", "Rachel", "Paul", "Helen",
    "Daniel", "Laura", "Mark", "Lucy", "Andrew", "Sophie", "Richard", "Joanne", "Tom", "Kate",
    "Gareth", "Fiona", "Ian", "Nicola",
];

/// The name a company goes by, and the slug its e-mail domain is made from.
#[derive(Debug, Clone)]
pub(crate) struct CompanyName {
    pub legal: String,
    pub slug: String,
}

fn named(legal: String, brand: &str) -> CompanyName {
    CompanyName {
        slug: slug(brand),
        legal,
    }
}

/// A company name in the style of `country` and `language`; `variant` > 0 asks for a
/// distinguishing addition (the city), for when the plain name is taken.
pub(crate) fn company_name(
    country: Country,
    language: Language,
    city: &str,
    variant: u32,
    dice: &mut Dice,
) -> CompanyName {
    let place = if variant > 0 {
        format!(" {city}")
    } else {
        String::new()
    };
    match (country.code(), language) {
        ("NL", _) => {
            let s = *dice.pick(NL_SURNAMES);
            const TRADES: &[&str] = &[
                "Bakkerij",
                "Drukkerij",
                "Slagerij",
                "Autobedrijf",
                "Bouwbedrijf",
                "Installatiebedrijf",
                "Aannemersbedrijf",
                "Schildersbedrijf",
                "Transportbedrijf",
                "Loodgietersbedrijf",
                "Tuincentrum",
                "Groothandel",
                "Kwekerij",
                "Timmerbedrijf",
                "Hoveniersbedrijf",
                "Garagebedrijf",
            ];
            const SECTORS: &[&str] = &[
                "Installatietechniek",
                "Elektrotechniek",
                "Transport",
                "Logistiek",
                "Bouw",
                "Metaalbewerking",
                "Verpakkingen",
                "Techniek",
                "Klimaattechniek",
                "Interieurbouw",
                "Machinebouw",
                "Zonne-energie",
                "Verlichting",
            ];
            let form = *dice.weighted(&[("B.V.", 85), ("V.O.F.", 10), ("N.V.", 5)]);
            match dice.below(4) {
                0 => {
                    let t = *dice.pick(TRADES);
                    named(format!("{t} {s}{place} {form}"), &format!("{t} {s}"))
                }
                1 => {
                    let sec = *dice.pick(SECTORS);
                    named(format!("{s} {sec}{place} {form}"), &format!("{s} {sec}"))
                }
                2 => {
                    let s2 = *dice.pick(NL_SURNAMES);
                    named(format!("{s} & {s2}{place} V.O.F."), &format!("{s} {s2}"))
                }
                _ => {
                    let sec = *dice.pick(SECTORS);
                    named(
                        format!("{s} & Zonen {sec}{place} B.V."),
                        &format!("{s} {sec}"),
                    )
                }
            }
        }
        ("BE", Nl) => {
            let s = *dice.pick(BE_NL_SURNAMES);
            const TRADES: &[&str] = &[
                "Brouwerij",
                "Bakkerij",
                "Slagerij",
                "Drukkerij",
                "Garage",
                "Schrijnwerkerij",
                "Bouwbedrijf",
                "Elektriciteitswerken",
                "Transport",
                "Dakwerken",
                "Tuinaanleg",
                "Sanitair",
                "Houthandel",
                "Verhuizingen",
            ];
            const SECTORS: &[&str] = &[
                "Elektro",
                "Bouw",
                "Logistics",
                "Techniek",
                "Installaties",
                "Verlichting",
                "Verpakking",
                "Interieur",
                "Metaalconstructie",
                "Koeltechniek",
                "Renovatie",
            ];
            let form = *dice.weighted(&[("BV", 75), ("NV", 20), ("CommV", 5)]);
            match dice.below(4) {
                0 | 1 => {
                    let t = *dice.pick(TRADES);
                    named(format!("{t} {s}{place} {form}"), &format!("{t} {s}"))
                }
                2 => {
                    let sec = *dice.pick(SECTORS);
                    named(format!("{s} {sec}{place} {form}"), &format!("{s} {sec}"))
                }
                _ => {
                    let s2 = *dice.pick(BE_NL_SURNAMES);
                    named(format!("{s} & {s2}{place} {form}"), &format!("{s} {s2}"))
                }
            }
        }
        ("BE", Fr) | ("FR", _) => {
            let belgian = country == Country::BE;
            let s = *dice.pick(if belgian { BE_FR_SURNAMES } else { FR_SURNAMES });
            const TRADES: &[&str] = &[
                "Boulangerie",
                "Transports",
                "Menuiserie",
                "Imprimerie",
                "Garage",
                "Quincaillerie",
                "Électricité",
                "Plomberie",
                "Toitures",
                "Charpentes",
                "Chauffage",
                "Carrosserie",
                "Maçonnerie",
                "Serrurerie",
                "Jardinerie",
                "Brasserie",
            ];
            let form = if belgian {
                *dice.weighted(&[("SRL", 75), ("SA", 20), ("SC", 5)])
            } else {
                *dice.weighted(&[("SARL", 45), ("SAS", 40), ("SA", 10), ("EURL", 5)])
            };
            match dice.below(5) {
                0..=2 => {
                    let t = *dice.pick(TRADES);
                    named(format!("{t} {s}{place} {form}"), &format!("{t} {s}"))
                }
                3 => {
                    let kin = *dice.pick(&["et Fils", "Frères", "& Cie"]);
                    named(format!("{s} {kin}{place} {form}"), s)
                }
                _ => named(
                    format!("Établissements {s}{place} {form}"),
                    &format!("ets {s}"),
                ),
            }
        }
        ("BE", _) | ("DE", _) => {
            let s = *dice.pick(DE_SURNAMES);
            const SECTORS: &[&str] = &[
                "Maschinenbau",
                "Elektrotechnik",
                "Logistik",
                "Metallbau",
                "Haustechnik",
                "Holzbau",
                "Verpackung",
                "Spedition",
                "Kunststofftechnik",
                "Gebäudetechnik",
                "Landtechnik",
                "Anlagenbau",
                "Industrieservice",
                "Solartechnik",
                "Lichttechnik",
            ];
            const TRADES: &[&str] = &[
                "Bäckerei",
                "Autohaus",
                "Schreinerei",
                "Elektro",
                "Druckerei",
                "Malerbetrieb",
                "Baustoffe",
            ];
            let form = if country == Country::BE {
                *dice.weighted(&[("GmbH", 80), ("AG", 20)])
            } else {
                *dice.weighted(&[("GmbH", 70), ("GmbH & Co. KG", 20), ("AG", 5), ("KG", 5)])
            };
            match dice.below(4) {
                0 | 1 => {
                    let sec = *dice.pick(SECTORS);
                    named(format!("{s} {sec}{place} {form}"), &format!("{s} {sec}"))
                }
                2 => {
                    let s2 = *dice.pick(DE_SURNAMES);
                    let form = if country == Country::BE { form } else { "KG" };
                    named(format!("{s} & {s2}{place} {form}"), &format!("{s} {s2}"))
                }
                _ => {
                    let t = *dice.pick(TRADES);
                    let form = if country == Country::BE { form } else { "e.K." };
                    named(format!("{t} {s}{place} {form}"), &format!("{t} {s}"))
                }
            }
        }
        _ => {
            let s = *dice.pick(GB_SURNAMES);
            const SECTORS: &[&str] = &[
                "Engineering",
                "Logistics",
                "Packaging",
                "Building Supplies",
                "Electrical",
                "Catering Supplies",
                "Print",
                "Joinery",
                "Plumbing & Heating",
                "Haulage",
                "Office Supplies",
                "Fabrications",
                "Lighting",
                "Construction",
                "Facilities",
            ];
            let form = *dice.weighted(&[("Ltd", 85), ("Limited", 10), ("LLP", 5)]);
            match dice.below(4) {
                0 => {
                    let s2 = *dice.pick(GB_SURNAMES);
                    named(format!("{s} & {s2}{place} {form}"), &format!("{s} {s2}"))
                }
                1 => {
                    let sec = *dice.pick(SECTORS);
                    named(format!("{s} {sec}{place} {form}"), &format!("{s} {sec}"))
                }
                2 => {
                    let sec = *dice.pick(SECTORS);
                    named(
                        format!("{s} & Sons {sec}{place} Ltd"),
                        &format!("{s} {sec}"),
                    )
                }
                _ => {
                    let sec = *dice.pick(SECTORS);
                    named(format!("{city} {sec} {form}"), &format!("{city} {sec}"))
                }
            }
        }
    }
}

/// A person's first and last name in the style of `country` and `language`.
pub(crate) fn person(country: Country, language: Language, dice: &mut Dice) -> String {
    let (first, last) = match (country.code(), language) {
        ("NL", _) => {
            // In the Netherlands "van" and "de" are written small after a first name.
            let last = *dice.pick(NL_SURNAMES);
            let mut words: Vec<String> = last.split(' ').map(str::to_string).collect();
            let n = words.len();
            for w in &mut words[..n - 1] {
                *w = w.to_lowercase();
            }
            (*dice.pick(NL_FIRST), words.join(" "))
        }
        ("BE", Nl) => (
            *dice.pick(BE_NL_FIRST),
            dice.pick(BE_NL_SURNAMES).to_string(),
        ),
        ("BE", Fr) => (*dice.pick(FR_FIRST), dice.pick(BE_FR_SURNAMES).to_string()),
        ("FR", _) => (*dice.pick(FR_FIRST), dice.pick(FR_SURNAMES).to_string()),
        ("BE", _) | ("DE", _) => (*dice.pick(DE_FIRST), dice.pick(DE_SURNAMES).to_string()),
        _ => (*dice.pick(EN_FIRST), dice.pick(GB_SURNAMES).to_string()),
    };
    format!("{first} {last}")
}

/// The street lines of an address in the customer's country, written its way.
pub(crate) fn street(country: Country, language: Language, dice: &mut Dice) -> (String, String) {
    let number = dice.range(1, 180);
    match (country.code(), language) {
        ("NL", _) => {
            const STREETS: &[&str] = &[
                "Industrieweg",
                "Kerkstraat",
                "Stationsweg",
                "Nijverheidsweg",
                "Dorpsstraat",
                "Hoofdstraat",
                "Molenweg",
                "Havenweg",
                "Ambachtsweg",
                "Energieweg",
                "Handelsweg",
                "Parallelweg",
                "Kanaalweg",
                "Edisonstraat",
                "Marconistraat",
                "Transportweg",
                "Celsiusweg",
                "Zuiderweg",
            ];
            let suffix = if dice.chance(150) {
                *dice.pick(&["-A", "-B", "a", "-1"])
            } else {
                ""
            };
            (
                format!("{} {number}{suffix}", dice.pick(STREETS)),
                String::new(),
            )
        }
        ("BE", Nl) => {
            const STREETS: &[&str] = &[
                "Kerkstraat",
                "Stationsstraat",
                "Nijverheidsstraat",
                "Molenstraat",
                "Industrieweg",
                "Dorpsstraat",
                "Kapelstraat",
                "Ambachtenlaan",
                "Bedrijvenlaan",
                "Veldstraat",
                "Leopoldlaan",
                "Koning Albertlaan",
                "Brugsesteenweg",
                "Hoogstraat",
                "Zandstraat",
                "Noorderlaan",
                "Industriepark",
            ];
            let bus = if dice.chance(120) {
                format!(" bus {}", dice.range(1, 12))
            } else {
                String::new()
            };
            (
                format!("{} {number}{bus}", dice.pick(STREETS)),
                String::new(),
            )
        }
        ("BE", Fr) => {
            const STREETS: &[&str] = &[
                "Rue de la Station",
                "Rue de l'Église",
                "Chaussée de Bruxelles",
                "Rue du Commerce",
                "Rue de l'Industrie",
                "Avenue des Combattants",
                "Rue des Champs",
                "Rue Haute",
                "Rue du Moulin",
                "Chaussée de Louvain",
                "Rue de Namur",
                "Avenue Albert Ier",
                "Boulevard du Souverain",
                "Rue de la Fusée",
                "Parc Industriel des Hauts-Sarts",
            ];
            (format!("{} {number}", dice.pick(STREETS)), String::new())
        }
        ("FR", _) => {
            const STREETS: &[&str] = &[
                "rue de la République",
                "avenue Jean Jaurès",
                "rue Victor Hugo",
                "rue du Général de Gaulle",
                "boulevard Gambetta",
                "rue Pasteur",
                "rue de la Gare",
                "avenue de la Libération",
                "rue des Écoles",
                "route de Lyon",
                "rue Nationale",
                "avenue du Maréchal Foch",
                "rue de l'Industrie",
                "chemin des Vignes",
            ];
            let line2 = if dice.chance(200) {
                match dice.below(3) {
                    0 => format!(
                        "ZI des {}",
                        dice.pick(&["Chanoux", "Paluds", "Estroublans"])
                    ),
                    1 => format!("BP {}", dice.range(10, 499)),
                    _ => format!("Bâtiment {}", dice.pick(&["A", "B", "C"])),
                }
            } else {
                String::new()
            };
            let bis = if dice.chance(80) { " bis" } else { "" };
            (format!("{number}{bis} {}", dice.pick(STREETS)), line2)
        }
        ("BE", _) | ("DE", _) => {
            const STREETS: &[&str] = &[
                "Hauptstraße",
                "Bahnhofstraße",
                "Industriestraße",
                "Gewerbestraße",
                "Schulstraße",
                "Gartenstraße",
                "Lindenstraße",
                "Bergstraße",
                "Dorfstraße",
                "Am Hafen",
                "Mühlenweg",
                "Ringstraße",
                "Gutenbergstraße",
                "Siemensstraße",
                "Robert-Bosch-Straße",
                "Carl-Benz-Straße",
            ];
            let line2 = if dice.chance(100) {
                format!(
                    "Gewerbegebiet {}",
                    dice.pick(&["Nord", "Süd", "Ost", "West"])
                )
            } else {
                String::new()
            };
            (format!("{} {number}", dice.pick(STREETS)), line2)
        }
        _ => {
            const STREETS: &[&str] = &[
                "Station Road",
                "High Street",
                "Church Lane",
                "Mill Road",
                "Victoria Street",
                "London Road",
                "Park Road",
                "Queen Street",
                "King Street",
                "Bridge Street",
                "Commercial Road",
                "Canal Side",
                "Wharf Road",
            ];
            const ESTATES: &[&str] = &[
                "Riverside Business Park",
                "Meadow Industrial Estate",
                "Northgate Trading Estate",
                "Enterprise Park",
                "Kingsway Business Centre",
            ];
            if dice.chance(350) {
                (
                    format!("Unit {}, {}", dice.range(1, 40), dice.pick(ESTATES)),
                    format!("{number} {}", dice.pick(STREETS)),
                )
            } else {
                (format!("{number} {}", dice.pick(STREETS)), String::new())
            }
        }
    }
}

fn prefix(country: Country) -> &'static str {
    match country.code() {
        "NL" => "+31",
        "BE" => "+32",
        "FR" => "+33",
        "DE" => "+49",
        _ => "+44",
    }
}

/// A landline in `city`: the area code and a subscriber number of the right length.
pub(crate) fn landline(country: Country, city: &City, dice: &mut Dice) -> String {
    let area = city.area;
    let p = prefix(country);
    match country.code() {
        "NL" => {
            let n = dice.digits(9 - area.len());
            let (a, b) = n.split_at(n.len() / 2);
            format!("{p} {area} {a} {b}")
        }
        "BE" => {
            let n = dice.digits(8 - area.len());
            let (a, rest) = n.split_at(n.len() - 4);
            let (b, c) = rest.split_at(2);
            format!("{p} {area} {a} {b} {c}")
        }
        "FR" => {
            let n = dice.digits(8);
            let pairs: Vec<&str> = (0..4).map(|i| &n[i * 2..i * 2 + 2]).collect();
            format!("{p} {area} {}", pairs.join(" "))
        }
        "DE" => {
            let len = if area.len() >= 4 { 6 } else { 7 };
            format!("{p} {area} {}", dice.digits(len))
        }
        _ => {
            let n = dice.digits(10 - area.len());
            if area.len() >= 4 {
                format!("{p} {area} {n}")
            } else {
                let (a, b) = n.split_at(n.len() - 4);
                format!("{p} {area} {a} {b}")
            }
        }
    }
}

/// A mobile number in `country`.
pub(crate) fn mobile(country: Country, dice: &mut Dice) -> String {
    let p = prefix(country);
    match country.code() {
        "NL" => format!("{p} 6 {} {}", dice.digits(4), dice.digits(4)),
        "BE" => format!(
            "{p} 4{} {} {} {}",
            dice.pick(&["70", "75", "77", "78", "79", "85", "86", "94", "96", "97"]),
            dice.digits(2),
            dice.digits(2),
            dice.digits(2)
        ),
        "FR" => format!(
            "{p} {} {} {} {} {}",
            dice.pick(&["6", "7"]),
            dice.digits(2),
            dice.digits(2),
            dice.digits(2),
            dice.digits(2)
        ),
        "DE" => format!(
            "{p} {} {}",
            dice.pick(&["151", "160", "170", "171", "172", "175", "176", "177"]),
            dice.digits(8)
        ),
        // Ofcom's range reserved for drama: no real person is ever called.
        _ => format!("{p} 7700 900{}", dice.digits(3)),
    }
}

/// Lower-case ASCII letters and digits joined by hyphens, accents folded.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'œ' => "oe",
            'æ' => "ae",
            '\'' => "",
            c if c.is_ascii_alphanumeric() => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(c);
                continue;
            }
            _ => {
                gap = true;
                continue;
            }
        };
        if !folded.is_empty() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push_str(folded);
        }
    }
    out
}

/// The top-level domain businesses in `country` use.
pub(crate) fn tld(country: Country) -> &'static str {
    match country.code() {
        "NL" => "nl",
        "BE" => "be",
        "FR" => "fr",
        "DE" => "de",
        _ => "co.uk",
    }
}

/// The mailbox invoices go to, in the customer's language.
pub(crate) fn accounts_mailbox(language: Language) -> &'static str {
    match language {
        Nl => "facturen",
        Fr => "comptabilite",
        De => "buchhaltung",
        En => "accounts",
    }
}

/// Roles of people at a customer: the billing contact first.
pub(crate) fn roles(language: Language) -> [&'static str; 4] {
    match language {
        Nl => [
            "Crediteurenadministratie",
            "Financieel directeur",
            "Inkoop",
            "Zaakvoerder",
        ],
        Fr => [
            "Comptabilité fournisseurs",
            "Directeur financier",
            "Achats",
            "Gérant",
        ],
        De => [
            "Kreditorenbuchhaltung",
            "Leitung Finanzen",
            "Einkauf",
            "Geschäftsführer",
        ],
        En => [
            "Accounts payable",
            "Finance director",
            "Purchasing",
            "Managing director",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("Établissements Lefèvre"), "etablissements-lefevre");
        assert_eq!(slug("Müller & Weiß"), "muller-weiss");
        assert_eq!(slug("Rue de l'Église"), "rue-de-leglise");
        assert_eq!(slug("  Van den Berg  "), "van-den-berg");
    }

    #[test]
    fn postal_codes_have_their_country_shape() {
        let mut dice = Dice::new(9, 9);
        for c in NL_CITIES {
            let code = c.postal_code(&mut dice);
            assert_eq!(code.len(), 7, "{code}");
            assert!(!code.ends_with("SA") && !code.ends_with("SS") && !code.ends_with("SD"));
        }
        let paris = FR_CITIES[0].postal_code(&mut dice);
        assert!(paris.starts_with("750") && paris.len() == 5, "{paris}");
        for c in GB_CITIES {
            let code = c.postal_code(&mut dice);
            assert_eq!(code.split(' ').nth(1).unwrap().len(), 3, "{code}");
        }
    }

    #[test]
    fn names_and_numbers_look_local() {
        let mut dice = Dice::new(11, 11);
        for (country, lang) in [
            (Country::NL, Nl),
            (Country::BE, Nl),
            (Country::BE, Fr),
            (Country::BE, De),
            (Country::FR, Fr),
            (Country::DE, De),
            (Country::GB, En),
        ] {
            for _ in 0..20 {
                let name = company_name(country, lang, "Gent", 0, &mut dice);
                assert!(!name.legal.is_empty() && !name.slug.is_empty());
                assert!(name.slug.is_ascii());
                let who = person(country, lang, &mut dice);
                assert!(who.contains(' '));
            }
            let c = &cities(country)[0];
            let phone = landline(country, c, &mut dice);
            assert!(phone.starts_with('+'), "{phone}");
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            assert!((10..=13).contains(&digits), "{phone}");
        }
    }
}
