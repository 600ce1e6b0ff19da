//! The word lists that raise or lower how check-worthy a sentence is.
//!
//! Quantities, comparisons, dates and completed events make a statement checkable; hedges,
//! evaluative words and predictions make it less so. All general English, all case-blind.

/// Month names (and their short forms).
#[rustfmt::skip]
pub(crate) const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
];

/// Day names.
#[rustfmt::skip]
pub(crate) const WEEKDAYS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];

/// Words that are a time reference on their own.
#[rustfmt::skip]
pub(crate) const TIME_WORDS: &[&str] = &[
    "yesterday", "today", "tonight", "tomorrow", "ago", "weekend", "overnight", "annually",
];

/// Words that, after "last", "this", "next" and the like, make a time reference.
#[rustfmt::skip]
pub(crate) const PERIODS: &[&str] = &[
    "week", "month", "year", "quarter", "decade", "weekend", "season", "summer", "winter", "spring",
    "autumn", "fall", "century", "term", "night", "morning", "evening",
];

/// Words that anchor a period ("last year", "this week").
#[rustfmt::skip]
pub(crate) const PERIOD_ANCHORS: &[&str] = &[
    "last", "this", "next", "past", "previous", "coming", "same", "fiscal", "financial",
];

/// Number words and quantity nouns.
#[rustfmt::skip]
pub(crate) const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions",
    "trillion", "dozen", "dozens", "half", "double", "doubled", "triple", "tripled", "twice",
    "percent", "quadrupled", "halved", "fivefold", "tenfold", "majority", "minority",
];

/// Words that compare or move a quantity ("less than", "rose", "record").
#[rustfmt::skip]
pub(crate) const COMPARISONS: &[&str] = &[
    "than", "rose", "risen", "fell", "fallen", "increased", "decreased", "declined", "dropped",
    "jumped", "surged", "soared", "plunged", "grew", "grown", "shrank", "doubled", "tripled",
    "halved", "boosted", "climbed", "slumped", "record", "largest", "biggest", "highest", "lowest",
    "fastest", "smallest", "oldest", "youngest", "most", "least", "compared", "increase",
    "decrease", "increasing", "rise", "fall", "growth", "narrowed", "widened",
];

/// Past forms that are not regular `-ed` words but report completed events.
#[rustfmt::skip]
pub(crate) const EVENT_VERBS: &[&str] = &[
    "made", "won", "lost", "built", "began", "begun", "took", "taken", "gave", "given", "sold",
    "bought", "paid", "hit", "spent", "grew", "grown", "rose", "risen", "fell", "fallen", "struck",
    "left", "met", "held", "became", "came", "went", "brought", "led", "ran", "kept", "shut",
    "sent", "drew", "beat", "beaten", "died", "born", "chose", "chosen", "broke", "broken", "wrote",
    "written", "fled", "caught", "sought", "stole", "stolen", "swore",
];

/// `-ed` words that are adjectives more often than events.
#[rustfmt::skip]
pub(crate) const NOT_EVENTS: &[&str] = &[
    "based", "related", "interested", "concerned", "limited", "advanced", "skilled", "talented",
    "detailed", "dedicated", "supposed", "expected", "need", "indeed", "speed", "seed", "feed",
    "proceed", "exceed", "succeed", "united", "red", "bed", "hundred", "shed", "bred", "wed",
    "unmatched", "unprecedented", "sophisticated", "complicated", "automated", "integrated",
    "organised", "organized", "experienced", "varied", "tired", "worried", "excited", "pleased",
    "delighted", "disappointed", "satisfied", "embed", "sacred", "naked", "wicked",
];

/// Hedges: the statement is uncertain or a belief.
#[rustfmt::skip]
pub(crate) const HEDGES: &[&str] = &[
    "may", "might", "could", "perhaps", "possibly", "probably", "apparently", "seemingly",
    "appears", "appear", "appeared", "seems", "seem", "seemed", "likely", "unlikely", "believe",
    "believes", "think", "thinks", "feel", "feels", "hope", "hopes", "guess", "arguably", "maybe",
    "potentially", "presumably", "supposedly", "suspect", "speculate", "unclear", "uncertain",
    "opinion", "wonder", "imagine", "if",
];

/// Evaluative words: the statement judges rather than reports.
#[rustfmt::skip]
pub(crate) const OPINION_WORDS: &[&str] = &[
    "should", "must", "ought", "great", "greatest", "amazing", "terrible", "awful", "wonderful",
    "excellent", "brilliant", "disgraceful", "shameful", "outrageous", "ridiculous", "beautiful",
    "ugly", "incredible", "incredibly", "remarkable", "remarkably", "impressive", "unfortunately",
    "fortunately", "sadly", "hopefully", "obviously", "undoubtedly", "deserve", "deserves",
    "unfair", "fair", "good", "bad", "nice", "exciting", "thrilled", "delighted", "proud", "happy",
    "sad", "disappointing", "disappointed", "love", "hate", "favourite", "favorite", "shame",
    "disaster", "fantastic", "magnificent", "stunning", "unacceptable", "wrong", "best", "worst",
    "truly", "really", "important", "cannot", "can't", "glad", "sorry", "worried", "welcome",
    "pleased",
];

/// Words that make the statement about the future.
#[rustfmt::skip]
pub(crate) const PREDICTIONS: &[&str] = &[
    "will", "won't", "shall", "expected", "expects", "expect", "forecast", "forecasts", "predicted",
    "predicts", "predict", "projected", "projects", "plans", "intends", "intend", "aims", "going",
    "would", "upcoming", "tomorrow", "soon", "future", "outlook",
];

/// Phrases of page furniture, not reporting (matched against the lowercased sentence).
#[rustfmt::skip]
pub(crate) const BOILERPLATE: &[&str] = &[
    "click here", "subscribe", "sign up", "read more", "share this", "follow us",
    "all rights reserved", "copyright", "advertisement", "newsletter", "cookies", "terms of use",
    "privacy policy", "download the app", "contact us", "related:", "photo:", "image:",
    "getty images", "watch:", "listen:", "share on", "this story", "our website",
];
