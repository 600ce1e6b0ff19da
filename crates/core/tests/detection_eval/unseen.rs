//! Four articles written to probe generalisation, in four domains and house styles, with every
//! check-worthy claim marked by hand before the detector was run on them.
//!
//! Each mark is the claim's exact text in the article, the source a fact-checker would name
//! (alternative names of the same source separated by `|`), and that source's kind (`None`
//! for the article's own voice).
//!
//! Their first run, pooled, scored precision 0.930, recall 0.909 and attribution 0.425. The
//! misattributions exposed general gaps, fixed as rules rather than special cases: possessives,
//! ampersands and initials inside names, multi-word titles before a name, "NAME of ORG",
//! "DESCRIPTION, NAME, said", documents "released by" or "published in" a source, "Corp."
//! before a verb, sentence-initial common words taken for names, and "the bank" or "the
//! company" not finding the organisation named earlier.

use claimdesk_core::SourceKind::{self, Government, Organization, Person, Publication, Unknown};

use super::THE_ARTICLE;

/// One hand-marked claim: its text, its source, and the source's kind.
pub type Mark = (&'static str, &'static str, Option<SourceKind>);

/// A central-bank story: percentages, "according to figures released by", a possessive
/// organisation ("Moody's Analytics", "Bankers' Association"), an ampersand, initials, a
/// title before a name, and a speaker named after the quote.
pub const CENTRAL_BANK: &str = include_str!("../articles/central-bank.txt");

/// The claims of [`CENTRAL_BANK`].
pub const CENTRAL_BANK_CLAIMS: &[Mark] = &[
    (
        "The Reserve Bank of Westland kept its benchmark interest rate unchanged",
        THE_ARTICLE,
        None,
    ),
    (
        "Annual consumer price inflation slowed to 2.9 percent in August",
        "National Statistics Office",
        Some(Government),
    ),
    (
        "Governor Miriam Achebe told reporters that the bank needed",
        "Miriam Achebe",
        Some(Person),
    ),
    (
        "Services inflation is still running at close to 4 percent",
        "Miriam Achebe",
        Some(Person),
    ),
    (
        "Economists from Moody's Analytics predicted that the bank would lower rates",
        "Moody's Analytics economists",
        Some(Organization),
    ),
    (
        "J.P. Morgan's chief economist for the region, Thomas Lindqvist, said",
        "Thomas Lindqvist",
        Some(Person),
    ),
    (
        "The crown fell 0.6 percent against the US dollar",
        THE_ARTICLE,
        None,
    ),
    (
        "Mortgage lending dropped 12 percent in the first half of the year",
        "Westland Bankers' Association",
        Some(Organization),
    ),
    (
        "Standard & Poor's affirmed the country's AA credit rating in July",
        "Standard & Poor's",
        Some(Organization),
    ),
    (
        "Roughly one in three mortgages in Westland is on a variable rate",
        "Reserve Bank of Westland",
        Some(Government),
    ),
    (
        "The bank's next policy meeting is scheduled for October 23.",
        THE_ARTICLE,
        None,
    ),
];

/// A health story: "according to a study published in", a researcher with title and
/// affiliation after her quote, accented names, "Prof.", an opinion quote, and advice.
pub const DEMENTIA_STUDY: &str = include_str!("../articles/dementia-study.txt");

/// The claims of [`DEMENTIA_STUDY`].
pub const DEMENTIA_STUDY_CLAIMS: &[Mark] = &[
    (
        "People who walk about 7,000 steps a day are up to 25% less likely",
        "The Lancet Public Health|Lancet Public Health",
        Some(Publication),
    ),
    (
        "The researchers followed 78,430 adults aged 40 to 79",
        THE_ARTICLE,
        None,
    ),
    (
        "Over that period, 866 of them were diagnosed with dementia.",
        THE_ARTICLE,
        None,
    ),
    (
        "\"The benefit appeared at much lower step counts",
        "Ana-Lucía Ferreira",
        Some(Person),
    ),
    (
        "\"Even 4,000 steps a day was linked with a measurable reduction",
        "Ana-Lucía Ferreira",
        Some(Person),
    ),
    (
        "Ferreira said the team had adjusted for age, smoking, diet and income.",
        "Ana-Lucía Ferreira",
        Some(Person),
    ),
    (
        "She cautioned, however, that the study was observational",
        "Ana-Lucía Ferreira",
        Some(Person),
    ),
    (
        "Prof. Henrik O'Neill of King's College London, who was not involved",
        "Henrik O'Neill",
        Some(Person),
    ),
    (
        "Dementia affects more than 55 million people worldwide",
        "World Health Organization",
        Some(Organization),
    ),
    (
        "The study was funded by the Wellcome Trust",
        THE_ARTICLE,
        None,
    ),
    (
        "The NHS recommends that adults do at least 150 minutes",
        "NHS",
        Some(Government),
    ),
    (
        "A separate analysis published last year in JAMA Neurology found",
        "JAMA Neurology",
        Some(Publication),
    ),
];

/// A politics story: a minister's quote with the speaker after it, a shadow minister, a
/// spokesperson for an organisation, "said in a statement", "Mrs.", a question and an
/// opinion in the article's voice.
pub const NURSES_PLAN: &str = include_str!("../articles/nurses-plan.txt");

/// The claims of [`NURSES_PLAN`].
pub const NURSES_PLAN_CLAIMS: &[Mark] = &[
    (
        "The government will spend £1.2bn over three years",
        "Department of Health",
        Some(Government),
    ),
    (
        "\"Nobody should wait more than 18 weeks for planned surgery",
        "Jane Roe",
        Some(Person),
    ),
    (
        "\"This is the largest single investment in the nursing workforce",
        "Jane Roe",
        Some(Person),
    ),
    (
        "Roe told MPs that the number of patients waiting more than a year",
        "Jane Roe",
        Some(Person),
    ),
    (
        "Roe, a former A&E nurse, was elected MP for Halden West in 2019.",
        THE_ARTICLE,
        None,
    ),
    (
        "Shadow Health Secretary Mark Ellery said the plan would not fill",
        "Mark Ellery",
        Some(Person),
    ),
    (
        "A spokesperson for the Royal College of Nursing said the union",
        "Royal College of Nursing|Royal College of Nursing spokesperson",
        Some(Organization),
    ),
    (
        "The Treasury said in a statement that the funding",
        "Treasury|The Treasury",
        Some(Government),
    ),
    (
        "According to the Office for National Statistics, the UK had 7.6 million",
        "Office for National Statistics",
        Some(Government),
    ),
    (
        "The plan must still be approved by Parliament",
        THE_ARTICLE,
        None,
    ),
];

/// A business story: revenue figures, "the company said in a statement", a chief executive
/// named after her quote, initials ("R. J. Patel"), "Corp.", anonymous people, and an opinion
/// sentence that is not a claim.
pub const BRIGHTWAVE_RESULTS: &str = include_str!("../articles/brightwave-results.txt");

/// The claims of [`BRIGHTWAVE_RESULTS`].
pub const BRIGHTWAVE_RESULTS_CLAIMS: &[Mark] = &[
    (
        "Shares of Brightwave Systems rose 9% in after-hours trading",
        THE_ARTICLE,
        None,
    ),
    (
        "Revenue from its cloud division grew 31% to $1.9 billion",
        "Brightwave Systems|Brightwave",
        Some(Organization),
    ),
    (
        "Analysts polled by LSEG had expected revenue of $3.71 billion.",
        "Unnamed analysts",
        Some(Unknown),
    ),
    (
        "\"Customers are moving their most demanding workloads",
        "Laura Kim",
        Some(Person),
    ),
    (
        "Kim said Brightwave would spend about $2 billion",
        "Laura Kim",
        Some(Person),
    ),
    (
        "Chief Financial Officer R. J. Patel said the company expected",
        "R. J. Patel",
        Some(Person),
    ),
    (
        "The company also announced that it would cut about 1,200 jobs",
        "Brightwave Systems|Brightwave",
        Some(Organization),
    ),
    (
        "Brightwave is in early talks to buy the Israeli security start-up",
        "Unnamed people",
        Some(Unknown),
    ),
    (
        "Brightwave, which is based in Austin, Texas, was founded in 2009",
        THE_ARTICLE,
        None,
    ),
    (
        "Rival Nimbus Corp. reported a 5% fall in quarterly sales",
        "Nimbus Corp.|Nimbus Corp|Nimbus",
        Some(Organization),
    ),
    (
        "The stock has gained 42% so far this year",
        THE_ARTICLE,
        None,
    ),
];
