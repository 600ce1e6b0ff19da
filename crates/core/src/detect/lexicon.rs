//! The general English word lists the detector recognises.
//!
//! Nothing here names a particular article, person or company: these are closed classes
//! (function words, months, weekdays), reporting verbs, the suffixes and role nouns that mark
//! organisations, governments and people, and the hedges and evaluative words of opinion.
//! Every lookup ignores ASCII case.

/// Whether `word` is in `list`, ignoring ASCII case.
pub(crate) fn is_in(list: &[&str], word: &str) -> bool {
    list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
}

/// Verbs that report what a source said, when they follow (or precede) the source.
#[rustfmt::skip]
pub(crate) const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "noted", "notes", "suggested", "suggests", "predicted",
    "predicts", "remarked", "remarks", "highlighted", "highlights", "observed", "observes",
    "explained", "explains", "announced", "announces", "stated", "states", "added", "adds",
    "argued", "argues", "claimed", "claims", "warned", "warns", "cautioned", "cautions", "insisted",
    "insists", "indicated", "indicates", "reported", "reports", "confirmed", "confirms",
    "estimated", "estimates", "wrote", "writes", "revealed", "reveals", "disclosed", "discloses",
    "acknowledged", "acknowledges", "emphasised", "emphasized", "emphasises", "emphasizes",
    "stressed", "stresses", "commented", "asserted", "asserts", "declared", "declares",
    "maintained", "maintains", "mentioned", "testified", "forecast", "forecasts", "projected",
    "concluded", "concludes", "tweeted", "posted", "contended", "contends", "alleged", "alleges",
    "admitted", "admits", "denied", "denies", "recalled", "asked", "replied", "responded",
    "conceded", "concedes", "countered", "believes", "believed", "expects", "expect", "pointed",
    "cited", "announcing",
];

/// Reporting verbs that are also common nouns or verbs of other senses, trusted only when
/// `that` follows them ("studies found that", "data showed that").
#[rustfmt::skip]
pub(crate) const THAT_VERBS: &[&str] = &[
    "found", "finds", "showed", "shows", "show", "showing", "recommends", "recommended",
    "recommend", "advises", "advised",
];

/// Participles that report for the subject of the main clause ("…, saying that").
#[rustfmt::skip]
pub(crate) const PARTICIPLES: &[&str] = &[
    "saying", "stating", "noting", "adding", "warning", "arguing", "claiming", "explaining",
    "suggesting", "insisting", "predicting", "highlighting", "citing", "stressing", "emphasising",
    "emphasizing", "acknowledging", "announcing",
];

/// Words that may stand between a source and its reporting verb ("Berg further predicted").
#[rustfmt::skip]
pub(crate) const BETWEEN_SOURCE_AND_VERB: &[&str] = &[
    "further", "also", "later", "then", "previously", "once", "again", "recently", "separately",
    "earlier", "has", "have", "had", "would", "repeatedly", "publicly", "privately", "too",
    "reportedly", "similarly", "likewise", "subsequently", "quickly",
];

/// Nouns that name an unnamed source ("experts said", "reports indicated").
#[rustfmt::skip]
pub(crate) const GENERIC_SOURCES: &[&str] = &[
    "experts", "expert", "analysts", "analyst", "officials", "official", "sources", "source",
    "reports", "report", "researchers", "economists", "critics", "observers", "scientists",
    "witnesses", "residents", "studies", "study", "surveys", "survey", "polls", "poll", "data",
    "figures", "statistics", "authorities", "police", "insiders", "investors", "commentators",
    "lawmakers", "legislators", "diplomats", "executives", "doctors", "engineers", "campaigners",
    "activists", "spokespeople", "people", "organisers", "organizers", "prosecutors", "regulators",
    "traders", "strategists", "media", "documents", "filings", "statement", "estimates",
    "supporters", "opponents", "fans", "users", "customers",
];

/// Unnamed sources that are documents rather than people: "data from X" is X's.
#[rustfmt::skip]
pub(crate) const DOCUMENTS: &[&str] = &[
    "data", "figures", "statistics", "reports", "report", "estimates", "documents", "filings",
    "survey", "surveys", "study", "studies", "statement", "poll", "polls", "records", "research",
    "analysis", "analyses", "paper", "papers", "review", "trial", "findings",
];

/// Lowercase words ending in "ly" that are nouns, not adverbs between a source and its verb.
#[rustfmt::skip]
pub(crate) const LY_NOUNS: &[&str] = &[
    "family", "assembly", "supply", "ally", "rally", "reply", "monopoly", "anomaly", "only",
];

/// Nouns that name what a person does ("a researcher at …", "the mayor said").
#[rustfmt::skip]
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "member", "members", "researcher", "professor", "lecturer", "scientist", "spokesperson",
    "spokesman", "spokeswoman", "director", "chief", "ceo", "cfo", "coo", "cto", "president",
    "minister", "secretary", "chairman", "chairwoman", "chair", "analyst", "economist", "executive",
    "founder", "co-founder", "head", "manager", "officer", "lawyer", "attorney", "coach", "player",
    "mayor", "senator", "governor", "author", "expert", "fellow", "editor", "reporter",
    "journalist", "official", "councillor", "councilor", "commissioner", "captain", "striker",
    "midfielder", "defender", "goalkeeper", "doctor", "physician", "engineer", "adviser", "advisor",
    "consultant", "strategist", "dean", "principal", "teacher", "student", "candidate", "leader",
    "chancellor", "premier", "ambassador", "judge", "prosecutor", "sheriff", "inspector",
    "superintendent", "treasurer", "representative", "lawmaker", "legislator", "deputy",
    "historian", "activist", "campaigner", "owner", "nurse", "accountant", "resident", 
    "trainer", "agent", "architect", "planner", "pilot", "surgeon",
];

/// Capitalised titles that precede a person's name and are not part of it.
#[rustfmt::skip]
pub(crate) const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "Mayor",
    "President", "Minister", "Senator", "Sen", "Rep", "Representative", "Governor", "Gov",
    "Councillor", "Councilor", "Councilman", "Councilwoman", "Judge", "Justice", "Chancellor",
    "Premier", "Prime", "General", "Gen", "Colonel", "Captain", "Capt", "Coach", "Chief",
    "Commissioner", "Secretary", "Ambassador", "Rev", "Reverend", "Pope", "King", "Queen", "Prince",
    "Princess", "Sheikh", "Inspector", "Detective", "Sergeant", "Sgt", "Lieutenant", "Deputy",
    "Chairman", "Chairwoman", "CEO", "Vice", "Director", "Superintendent", "Sheriff",
];

/// Abbreviations after which a period never ends a sentence.
#[rustfmt::skip]
pub(crate) const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "rev", "hon", "messrs", "mt", "supt", "det", "cmdr", "adm", "maj", "pres",
];

/// Abbreviations after which a period ends a sentence only if a sentence plainly starts next.
#[rustfmt::skip]
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "etc", "vs", "approx", "est",
    "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "nos", "vol", "fig", "p", "pp", "ave", "blvd", "rd", "cf", "al", "ft", "mph",
];

/// Words in a name that make it an organisation.
#[rustfmt::skip]
pub(crate) const ORGANIZATION_WORDS: &[&str] = &[
    "Inc", "Corp", "Corporation", "Co", "Company", "Ltd", "LLC", "PLC", "LLP", "AG", "SA", "GmbH",
    "NV", "Group", "Holdings", "Academy", "University", "Institute", "Institution", "College",
    "School", "Bank", "Association", "Foundation", "Partners", "Capital", "Technologies", "Labs",
    "Laboratories", "Systems", "Fund", "Club", "FC", "Union", "Society", "Center", "Centre",
    "Hospital", "Network", "Airlines", "Airways", "Motors", "Industries", "Enterprises", "Ventures",
    "Trust", "Alliance", "Federation", "League", "Organisation", "Organization", "Consortium",
    "Securities", "Investments", "Insurance", "Pharmaceuticals", "Analytics", "Research",
    "Consulting", "Committee", "United", "Rovers", "Athletic", "Wanderers",
];

/// Words in a name that make it a government body.
#[rustfmt::skip]
pub(crate) const GOVERNMENT_WORDS: &[&str] = &[
    "Ministry", "Ministries", "Government", "Department", "Agency", "Commission", "Parliament",
    "Congress", "Senate", "Bureau", "Administration", "Authority", "Police", "Cabinet", "Treasury",
    "Court", "Embassy", "Municipality", "Assembly", "Legislature", "Pentagon", "Kremlin", "Army",
    "Navy", "Council", "Regulator", "Office",
];

/// Words in a name that make it a publication.
#[rustfmt::skip]
pub(crate) const PUBLICATION_WORDS: &[&str] = &[
    "Times", "Post", "Journal", "Herald", "Tribune", "Gazette", "Guardian", "Telegraph",
    "Chronicle", "Reuters", "Bloomberg", "AFP", "Xinhua", "BBC", "CNN", "News", "Magazine",
    "Newsweek", "Economist",
];

/// Nouns that describe an organisation in an apposition ("a market consulting firm").
#[rustfmt::skip]
pub(crate) const ORGANIZATION_NOUNS: &[&str] = &[
    "firm", "company", "startup", "start-up", "maker", "manufacturer", "provider", "group", "bank",
    "retailer", "operator", "organisation", "organization", "giant", "conglomerate", "carmaker",
    "automaker", "lender", "insurer", "broker", "consultancy", "publisher", "broadcaster",
    "charity", "nonprofit", "non-profit", "club", "team", "university", "institute", "brand",
    "chain", "supplier", "producer", "exchange", "developer", "designer", "airline", "fund",
    "think-tank", "division", "unit", "subsidiary", "business",
];

/// Nouns that describe a government body ("the city's finance department").
#[rustfmt::skip]
pub(crate) const GOVERNMENT_NOUNS: &[&str] = &[
    "agency", "ministry", "regulator", "department", "government", "council", "authority",
    "authorities", "police", "court", "administration", "parliament", "city", "state",
];

/// Nouns for a part of an organisation ("Acme's cloud division" is "Acme Cloud").
#[rustfmt::skip]
pub(crate) const UNIT_NOUNS: &[&str] = &[
    "division", "unit", "arm", "subsidiary", "branch",
];

/// Words that, after a subject, join a partner to it ("teamed up with", "joined forces with").
#[rustfmt::skip]
pub(crate) const PARTNERSHIP_CUES: &[&str] = &[
    "forces", "up", "partnered", "collaborated", "cooperated", "allied", "merged", "together",
    "partnership", "alliance", "jointly",
];

/// Words that begin an apposition after a name ("Berg, a member of …,").
#[rustfmt::skip]
pub(crate) const APPOSITION_STARTS: &[&str] = &[
    "a", "an", "the", "who", "whose", "which", "one", "also", "former", "now", "then", "currently",
    "both", "another", "himself", "herself", "its", "his", "her", "their",
];

/// Function words, sentence adverbs and other capitalised-only-at-the-start words.
#[rustfmt::skip]
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
    "you", "his", "her", "their", "our", "my", "your", "there", "here", "in", "on", "at", "for",
    "from", "by", "with", "without", "about", "after", "before", "during", "since", "until",
    "despite", "although", "though", "while", "when", "where", "why", "how", "what", "who", "which",
    "whose", "if", "as", "but", "and", "or", "so", "yet", "also", "still", "however", "meanwhile",
    "moreover", "furthermore", "additionally", "nevertheless", "nonetheless", "instead", "thus",
    "therefore", "then", "now", "today", "yesterday", "tomorrow", "last", "next", "earlier",
    "later", "recently", "many", "some", "most", "several", "few", "all", "both", "each", "every",
    "other", "another", "such", "more", "much", "no", "not", "one", "two", "three", "according",
    "under", "over", "among", "between", "through", "against", "within", "into", "to", "of", "just",
    "only", "even", "once", "again", "first", "finally", "overall", "indeed", "unlike",
    "like", "amid", "following", "because", "whether", "unless", "whereas", "besides", "beyond",
    "around", "across", "near", "toward", "towards", "upon", "via", "per", "let", "please", "do",
    "does", "did", "is", "are", "was", "were", "will", "would", "can", "could", "should", "may",
    "might", "must", "have", "has", "had", "be", "been", "being", "nor", "either", "neither", "any",
    "none", "same", "others",
];

/// Words that begin an introductory phrase, skipped to find a sentence's subject.
#[rustfmt::skip]
pub(crate) const INTRODUCTIONS: &[&str] = &[
    "in", "on", "at", "for", "from", "by", "with", "without", "after", "before", "during", "since",
    "until", "despite", "although", "though", "while", "when", "where", "if", "as", "but",
    "however", "meanwhile", "moreover", "furthermore", "additionally", "nevertheless",
    "nonetheless", "instead", "thus", "therefore", "now", "today", "yesterday", "last", "earlier",
    "later", "recently", "according", "under", "over", "among", "amid", "following", "unlike",
    "besides", "because", "still", "yet", "also", "first", "finally", "overall", "indeed",
];

/// Auxiliary verbs: a subject search stops at them.
#[rustfmt::skip]
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "should", "did", "does", "do", "be", "been", "being",
];

/// Small connecting words that may sit inside a multi-word name.
#[rustfmt::skip]
pub(crate) const NAME_CONNECTORS: &[&str] = &[
    "of", "for", "and", "&", "the", "de", "del", "der", "van", "von", "da", "di", "du", "la", "le",
    "bin", "al", "on",
];
