//! The ClaimDesk domain, free of any I/O.
//!
//! Everything a claim can be and every rule it moves by lives here once: the vocabularies
//! (statuses, verdicts, priorities, attribution and source kinds, evidence stances, roles,
//! event kinds), the review workflow as a pure state machine, quote anchoring by Unicode code
//! points, input validation, API tokens, claim detection and claim matching, and the injected clock. The storage and API layers call into this
//! crate; it calls into nothing.

pub mod anchor;
pub mod clock;
pub mod detect;
pub mod event_detail;
pub mod matching;
pub mod publishing;
pub mod records;
pub mod review_import;
pub mod token;
pub mod validation;
pub mod vocabulary;
pub mod webhooks;
pub mod workflow;

pub use anchor::{AnchorError, TextSpan};
pub use clock::{Clock, SystemClock};
pub use vocabulary::{
    AttributionKind, ClaimStatus, DeliveryStatus, EventKind, EvidenceStance, MatchState, Priority,
    Role, SourceKind, Verdict,
};
pub use workflow::{Action, Transition, WorkflowError};
