//! Who appears in demo data: the newsroom's users and the sources claims are attributed to.

use claimdesk_core::{Role, SourceKind};

/// A source in the pool, with the words an article uses to name it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The source's unique name.
    pub name: String,
    /// What kind of entity it is.
    pub kind: SourceKind,
    /// Who it is.
    pub description: String,
    /// How an article names it in a sentence, perhaps with an apposition after a comma.
    pub mention: String,
}

/// Companies, which are both organisation sources and what the articles are about.
pub const COMPANIES: [&str; 20] = [
    "Nvidia",
    "OpenAI",
    "DeepSeek",
    "Meta",
    "Alibaba",
    "Microsoft",
    "Google",
    "TSMC",
    "ASML",
    "Huawei",
    "Mistral AI",
    "Baidu",
    "Samsung",
    "Intel",
    "AMD",
    "Tencent",
    "SoftBank",
    "Moonshot AI",
    "Arm",
    "SK Hynix",
];

const GOVERNMENTS: [(&str, &str); 10] = [
    ("US Commerce Department", "the US Commerce Department"),
    ("European Commission", "the European Commission"),
    (
        "China's Ministry of Commerce",
        "China's Ministry of Commerce",
    ),
    ("White House", "the White House"),
    (
        "Japan's Ministry of Economy, Trade and Industry",
        "Japan's trade ministry",
    ),
    (
        "Taiwan's Ministry of Economic Affairs",
        "Taiwan's economy ministry",
    ),
    (
        "India's Ministry of Electronics and IT",
        "India's technology ministry",
    ),
    (
        "German Federal Ministry for Economic Affairs",
        "Germany's economy ministry",
    ),
    (
        "South Korea's Ministry of Trade",
        "South Korea's trade ministry",
    ),
    (
        "Mexico's Secretaría de Economía",
        "Mexico's Secretaría de Economía",
    ),
];

const PUBLICATIONS: [&str; 8] = [
    "The Daily Ledger",
    "Chip Week",
    "Pacific Trade Review",
    "Silicon Dispatch",
    "Le Journal Numérique",
    "Wirtschaftsblatt Zürich",
    "Asia Markets Daily",
    "The Open Weights Newsletter",
];

/// Given names, some with letters beyond ASCII so that offsets are counted in code points.
pub const GIVEN_NAMES: [&str; 30] = [
    "Ana",
    "José",
    "Zoë",
    "Chen",
    "Priya",
    "Kenji",
    "Olusegun",
    "Margarethe",
    "Søren",
    "Łukasz",
    "Amara",
    "Hyun-woo",
    "Fatima",
    "Mateo",
    "Ingrid",
    "Rahul",
    "Mei",
    "Dmitri",
    "Aoife",
    "Thandiwe",
    "Élodie",
    "Tomás",
    "Yuki",
    "Omar",
    "Nadia",
    "Björn",
    "Camila",
    "Ravi",
    "Li",
    "Sara",
];

/// Family names.
pub const FAMILY_NAMES: [&str; 30] = [
    "Ruiz",
    "Müller",
    "Watanabe",
    "Okafor",
    "Ramanathan",
    "Dubois",
    "Kowalski",
    "Andersen",
    "Nakamura",
    "Haddad",
    "Costa",
    "Lindqvist",
    "Zhang",
    "Wang",
    "Adeyemi",
    "O'Brien",
    "Novák",
    "Fernández",
    "Kim",
    "Schäfer",
    "Mensah",
    "Rossi",
    "Petrov",
    "Gupta",
    "Silva",
    "Yılmaz",
    "Jensen",
    "Tanaka",
    "Moreau",
    "Hoffmann",
];

const AFFILIATIONS: [&str; 10] = [
    "an analyst at Halden Capital",
    "chief economist at Norreys Securities",
    "a professor of computer science at Eastfield University",
    "a senior researcher at the Lyon Institute for Computing",
    "a trade lawyer at Vantor & Saito",
    "a former trade negotiator",
    "a semiconductor analyst at Kestrel Research",
    "a spokesperson for the Open Model Alliance",
    "head of research at Blue Harbor Partners",
    "a policy fellow at the Centre for Digital Trade",
];

/// The most people the pool can name without repeating a name.
pub const MAX_PEOPLE: usize = GIVEN_NAMES.len() * FAMILY_NAMES.len();

/// The `index`-th person's full name; distinct for every index below [`MAX_PEOPLE`].
pub fn person_name(index: usize) -> String {
    let given = index % GIVEN_NAMES.len();
    let family = (index / GIVEN_NAMES.len() + given) % FAMILY_NAMES.len();
    format!("{} {}", GIVEN_NAMES[given], FAMILY_NAMES[family])
}

/// The source pool: every company, government and publication, and `people` people.
pub fn sources(people: usize) -> Vec<Source> {
    let mut pool: Vec<Source> = COMPANIES
        .iter()
        .map(|name| Source {
            name: (*name).to_owned(),
            kind: SourceKind::Organization,
            description: format!("The technology company {name}"),
            mention: (*name).to_owned(),
        })
        .collect();
    pool.extend(GOVERNMENTS.iter().map(|(name, mention)| Source {
        name: (*name).to_owned(),
        kind: SourceKind::Government,
        description: format!("Government body: {name}"),
        mention: (*mention).to_owned(),
    }));
    pool.extend(PUBLICATIONS.iter().map(|name| Source {
        name: (*name).to_owned(),
        kind: SourceKind::Publication,
        description: format!("{name}, a publication covering technology and trade"),
        mention: (*name).to_owned(),
    }));
    for index in 0..people.min(MAX_PEOPLE) {
        let name = person_name(index);
        let affiliation = AFFILIATIONS[index % AFFILIATIONS.len()];
        pool.push(Source {
            mention: if index % 3 == 0 {
                name.clone()
            } else {
                format!("{name}, {affiliation}")
            },
            description: capitalized(affiliation),
            name,
            kind: SourceKind::Person,
        });
    }
    pool
}

/// The newsroom: users by name and role. Ingest bots record claims, reviewers check them,
/// editors flag, assign and close them, viewers only read.
pub fn users() -> Vec<(String, Role)> {
    let mut users = vec![
        ("wire-ingest".to_owned(), Role::Ingest),
        ("claim-detector".to_owned(), Role::Ingest),
    ];
    let login = |index: usize| {
        let name = person_name(index * 7 + 3);
        ascii_login(&name)
    };
    users.extend((0..24).map(|index| (login(index), Role::Reviewer)));
    users.extend((24..30).map(|index| (login(index), Role::Editor)));
    users.extend((30..33).map(|index| (login(index), Role::Viewer)));
    users
}

/// `Zoë Müller` as `zoe.muller`.
fn ascii_login(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            'é' | 'É' | 'ë' => 'e',
            'ø' | 'ö' => 'o',
            'ü' => 'u',
            'ł' | 'Ł' => 'l',
            'á' => 'a',
            'ı' => 'i',
            ' ' => '.',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
        .collect();
    folded
}

/// `text` with its first letter in upper case.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn names_are_unique() {
        let people: HashSet<String> = (0..MAX_PEOPLE).map(person_name).collect();
        assert_eq!(people.len(), MAX_PEOPLE);
        let logins: HashSet<String> = users().into_iter().map(|(name, _)| name).collect();
        assert_eq!(logins.len(), users().len());
        assert!(logins.iter().all(|name| name.is_ascii()), "{logins:?}");
        let sources = sources(MAX_PEOPLE + 5);
        let keys: HashSet<String> = sources.iter().map(|s| s.name.to_lowercase()).collect();
        assert_eq!(keys.len(), sources.len());
    }
}
