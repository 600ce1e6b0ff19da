//! The words demo data is made of: what articles talk about, the statements they make, and
//! what reviewers write.

use claimdesk_core::{Verdict, detect::ClaimCategory};

use ClaimCategory::{Event, Opinion, Prediction, Statistic};

/// AI models the articles discuss.
pub const MODELS: [&str; 12] = [
    "Llama 3.1",
    "Llama 4",
    "DeepSeek-R1",
    "DeepSeek-V3",
    "GPT-4o",
    "Grok 3",
    "Qwen 2.5",
    "Gemini 2.0",
    "Mistral Large",
    "Kimi k1.5",
    "ERNIE 4.5",
    "Phi-4",
];
/// Goods that tariffs and export controls apply to.
pub const GOODS: [&str; 12] = [
    "chips",
    "AI chips",
    "semiconductors",
    "GPUs",
    "memory chips",
    "steel",
    "aluminium",
    "solar panels",
    "electric vehicles",
    "lithium batteries",
    "rare earths",
    "smartphones",
];
/// Countries and blocs, as a sentence names them.
pub const COUNTRIES: [&str; 12] = [
    "the United States",
    "China",
    "the European Union",
    "Japan",
    "South Korea",
    "Taiwan",
    "India",
    "Mexico",
    "Canada",
    "Germany",
    "Vietnam",
    "Brazil",
];
/// Reporting periods.
pub const PERIODS: [&str; 6] = [
    "the fourth quarter",
    "the third quarter",
    "January",
    "the first half of the year",
    "2024",
    "the last financial year",
];
/// Months, for deadlines.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Model benchmarks.
pub const BENCHMARKS: [&str; 6] = ["MMLU", "GSM8K", "HumanEval", "SWE-bench", "MATH", "GPQA"];

/// Statements, with slots filled at random.
pub const FACTS: [(&str, ClaimCategory); 28] = [
    ("{company} sold {n} million {goods} in {period}", Statistic),
    (
        "{company}'s data-centre revenue rose {pct}% in {period}",
        Statistic,
    ),
    ("training {model} cost about ${n} million", Statistic),
    (
        "{model} was downloaded {n} million times in its first month",
        Statistic,
    ),
    (
        "{country} imposed tariffs of {pct}% on {goods} from {country2}",
        Statistic,
    ),
    (
        "exports of {goods} from {country} fell {pct}% in {period}",
        Statistic,
    ),
    (
        "{company} spent ${n} billion on {goods} last year",
        Statistic,
    ),
    (
        "{model} scored {pct}% on the {benchmark} benchmark",
        Statistic,
    ),
    (
        "{company} lost ${n} billion of market value in a single day",
        Statistic,
    ),
    (
        "{company} used {n},000 Nvidia chips to train {model}",
        Statistic,
    ),
    (
        "prices of {goods} in {country} rose {pct}% after the tariffs",
        Statistic,
    ),
    (
        "{company} now supplies {pct}% of the world's AI chips",
        Statistic,
    ),
    (
        "tariffs on {goods} will rise to {pct}% by {year}",
        Prediction,
    ),
    (
        "{company} will release a successor to {model} before {month}",
        Prediction,
    ),
    ("demand for {goods} will double by {year}", Prediction),
    (
        "{country} will restrict sales of {goods} to {country2} from {month}",
        Prediction,
    ),
    ("{model} will run on phones within a year", Prediction),
    (
        "{company} trained {model} on chips bought before the export controls",
        Event,
    ),
    (
        "{company} has signed a supply deal for {goods} with {company2}",
        Event,
    ),
    ("{model} is released under an open licence", Event),
    ("{country} has banned {model} on government devices", Event),
    (
        "{company} moved part of its {goods} production to {country}",
        Event,
    ),
    (
        "{country2} retaliated with tariffs on {goods} from {country}",
        Event,
    ),
    ("{model} is the most capable open model available", Opinion),
    (
        "the tariffs on {goods} hurt buyers in {country} more than makers in {country2}",
        Opinion,
    ),
    ("{company} is years ahead of its rivals in {goods}", Opinion),
    (
        "export controls have done little to slow {company}",
        Opinion,
    ),
    (
        "open models such as Llama are a threat to {company}'s business",
        Opinion,
    ),
];

/// Sentences that make no claim.
pub const FILLERS: [&str; 12] = [
    "The announcement came as markets opened in Asia.",
    "Investors have watched the sector closely since the start of the year.",
    "The company did not respond to a request for comment.",
    "Shares of Nvidia were little changed in early trading.",
    "The dispute over tariffs on chips has dragged on for months.",
    "Officials in Brussels and Beijing are due to meet next week.",
    "Critics say the rules are hard to enforce.",
    "Café owners in Zürich said prices had already gone up.",
    "The report — published on Friday — ran to 84 pages.",
    "OpenAI and DeepSeek have both cut the prices of their APIs.",
    "Developers have built thousands of tools on top of Llama.",
    "Nobody expects the row over chips to end soon.",
];

/// Headlines, with slots.
pub const TITLES: [&str; 6] = [
    "{company} and the race for {goods}",
    "How {model} upended the AI price war",
    "{country} weighs new tariffs on {goods}",
    "Inside {company}'s bet on {goods}",
    "What tariffs on {goods} mean for {company}",
    "The week in AI: {model}, {company} and {goods}",
];

/// Why claims are flagged.
pub const FLAG_REASONS: [&str; 6] = [
    "The figure does not appear in the company's filings.",
    "Widely shared on social media since Monday.",
    "Contradicts last quarter's official statistics.",
    "The tariff rate differs from the published schedule.",
    "A reader wrote in to dispute it.",
    "The benchmark result has not been independently verified.",
];
/// What reviewers note.
pub const NOTES: [&str; 6] = [
    "Asked the press office for the underlying figures.",
    "A second source confirms the number; waiting for the original document.",
    "The quote is in the transcript of the earnings call.",
    "Translation checked by the Asia desk.",
    "Possibly the same claim as another on this sentence; check before publishing.",
    "The statistics office revises this series every quarter — use the latest release.",
];
/// Why closed reviews are reopened.
pub const REOPEN_REASONS: [&str; 3] = [
    "New data published after the verdict.",
    "The source disputes our reading of the filing.",
    "A reader pointed to a revised figure.",
];
/// Kinds of evidence: title, publisher and web site.
pub const EVIDENCE: [(&str, &str, &str); 8] = [
    (
        "Quarterly results filing",
        "Securities filings database",
        "filings.example.org",
    ),
    (
        "Customs trade statistics",
        "National Statistics Office",
        "stats.example.gov",
    ),
    (
        "Tariff schedule, consolidated text",
        "Official Journal",
        "journal.example.eu",
    ),
    (
        "Model card and technical report",
        "Model hub",
        "models.example.org",
    ),
    (
        "Benchmark leaderboard snapshot",
        "Open Leaderboard",
        "leaderboard.example.org",
    ),
    (
        "Transcript of the earnings call",
        "Investor relations",
        "ir.example.com",
    ),
    ("Press release", "Company newsroom", "newsroom.example.com"),
    (
        "Interview recording",
        "Public broadcaster archive",
        "archive.example.net",
    ),
];

/// The summary a closed review with `verdict` gives.
pub fn summary(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::True => "The figure matches the official data.",
        Verdict::MostlyTrue => "Broadly right; the exact figure is slightly lower than stated.",
        Verdict::Mixed => {
            "Part of the statement checks out; the rest is not supported by the data."
        }
        Verdict::Misleading => {
            "The number is accurate but covers a single quarter, which the claim leaves out."
        }
        Verdict::MostlyFalse => "The data show a much smaller change than claimed.",
        Verdict::False => "The official data contradict the claim.",
        Verdict::Misattributed => {
            "The source never said this; the words come from a different interview."
        }
        Verdict::Unproven => "No public data allow us to confirm or refute this.",
        Verdict::NotCheckable => "This is an opinion or a prediction and cannot be checked.",
    }
}

/// Who publishes the articles.
pub const PUBLISHERS: [&str; 7] = [
    "Northbridge Gazette",
    "The Meridian Post",
    "Harbor City Times",
    "Tech Ledger",
    "Le Courrier Économique",
    "Rheinische Technikzeitung",
    "Pacific Wire",
];
