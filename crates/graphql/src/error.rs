//! API errors, each with a stable `extensions.code`.
//!
//! Resolvers turn a store failure into an [`ApiError`] and then into a GraphQL error with
//! [`api_error`], never with a bare `?`, which would drop the code.

use async_graphql::{ErrorExtensions, Value};
use claimdesk_core::{Role, WorkflowError, validation::ValidationError};
use claimdesk_store::StoreError;
use thiserror::Error;

/// The stable codes clients can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// No object has that ID.
    NotFound,
    /// The input breaks a rule; `extensions.field` names the field where known.
    BadUserInput,
    /// The workflow does not allow the change from the claim's current status.
    InvalidTransition,
    /// The claim changed since the client read it.
    Conflict,
    /// The request carries no valid token.
    Unauthenticated,
    /// The user's role does not allow the operation; `extensions.requiredRole` names the role
    /// that does.
    Forbidden,
    /// Something failed on the server; the cause is logged, not sent.
    Internal,
    /// The token made too many requests; `Retry-After` says when to try again.
    RateLimited,
    /// The HTTP request is not a GraphQL request (no query, a body that is not one).
    BadRequest,
    /// The body is over the size limit.
    PayloadTooLarge,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// The batch holds more requests than allowed.
    BatchTooLarge,
    /// A mutation was sent with `GET`.
    MethodNotAllowed,
    /// The request ran past the timeout.
    Timeout,
    /// The client accepts none of the media types a response can be sent as.
    NotAcceptable,
}

impl ErrorCode {
    /// The code as it appears in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "NOT_FOUND",
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::InvalidTransition => "INVALID_TRANSITION",
            Self::Conflict => "CONFLICT",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::Internal => "INTERNAL",
            Self::RateLimited => "RATE_LIMITED",
            Self::BadRequest => "BAD_REQUEST",
            Self::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            Self::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            Self::BatchTooLarge => "BATCH_TOO_LARGE",
            Self::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            Self::Timeout => "TIMEOUT",
            Self::NotAcceptable => "NOT_ACCEPTABLE",
        }
    }
}

/// An error as the API reports it.
#[derive(Debug, Error)]
pub enum ApiError {
    /// See [`ErrorCode::NotFound`].
    #[error("{0}")]
    NotFound(String),
    /// See [`ErrorCode::BadUserInput`].
    #[error("{message}")]
    BadUserInput {
        /// What is wrong.
        message: String,
        /// The input field it is about.
        field: Option<String>,
    },
    /// See [`ErrorCode::BadUserInput`]: several items of a list are bad; `extensions.items`
    /// lists each with its `index`, `field` and `message`.
    #[error("{message}")]
    BadItems {
        /// A summary.
        message: String,
        /// Each bad item.
        items: Vec<claimdesk_store::ItemError>,
    },
    /// See [`ErrorCode::InvalidTransition`].
    #[error("{0}")]
    InvalidTransition(WorkflowError),
    /// See [`ErrorCode::Conflict`].
    #[error("{message}")]
    Conflict {
        /// What happened.
        message: String,
        /// The claim's current version.
        current_version: i64,
    },
    /// See [`ErrorCode::Forbidden`].
    #[error("this needs the {required} role; you are {actual}")]
    Forbidden {
        /// The least role that may do it.
        required: Role,
        /// The user's role.
        actual: Role,
    },
    /// See [`ErrorCode::Forbidden`]: the four-eyes rule refuses the editor who closed the
    /// review the approval of its verdict, whatever their role; `extensions.reason` is
    /// `SELF_APPROVAL`.
    #[error("{0}")]
    SelfApproval(WorkflowError),
    /// See [`ErrorCode::Internal`]. The cause is logged, never sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// A bad-input error about `field`.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::BadUserInput { .. } | Self::BadItems { .. } => ErrorCode::BadUserInput,
            Self::InvalidTransition(_) => ErrorCode::InvalidTransition,
            Self::Conflict { .. } => ErrorCode::Conflict,
            Self::Forbidden { .. } | Self::SelfApproval(_) => ErrorCode::Forbidden,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The GraphQL error, with its code and details in `extensions`.
    pub fn into_graphql(self) -> async_graphql::Error {
        if let Self::Internal(cause) = &self {
            tracing::error!(%cause, "internal error while resolving a GraphQL request");
        }
        self.extend()
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.to_string()).extend_with(|_, extensions| {
            extensions.set("code", self.code().as_str());
            match self {
                Self::BadUserInput {
                    field: Some(field), ..
                } => {
                    extensions.set("field", field.as_str());
                }
                Self::InvalidTransition(error) => {
                    if let Some(current) = error.current_status() {
                        extensions.set("currentStatus", current.as_ref());
                    }
                    if let WorkflowError::InvalidTransition { allowed, .. } = error {
                        let allowed = allowed.iter().map(|s| Value::from(s.as_ref())).collect();
                        extensions.set("allowedStatuses", Value::List(allowed));
                    }
                    extensions.set("reason", workflow_reason(error));
                }
                Self::Conflict {
                    current_version, ..
                } => {
                    extensions.set("currentVersion", *current_version);
                }
                Self::BadItems { items, .. } => {
                    let items = items
                        .iter()
                        .map(|item| {
                            let mut fields = async_graphql::indexmap::IndexMap::new();
                            fields.insert(
                                async_graphql::Name::new("index"),
                                Value::from(item.index as u64),
                            );
                            fields.insert(
                                async_graphql::Name::new("field"),
                                Value::from(item.error.field),
                            );
                            fields.insert(
                                async_graphql::Name::new("message"),
                                Value::from(item.error.problem.as_str()),
                            );
                            Value::Object(fields)
                        })
                        .collect();
                    extensions.set("items", Value::List(items));
                }
                Self::Forbidden { required, .. } => {
                    extensions.set("requiredRole", required.as_ref());
                }
                Self::SelfApproval(_) => {
                    extensions.set("reason", "SELF_APPROVAL");
                }
                _ => {}
            }
        })
    }
}

fn workflow_reason(error: &WorkflowError) -> &'static str {
    match error {
        WorkflowError::InvalidTransition { .. } => "STATUS",
        WorkflowError::ReviewRequired { .. } => "REVIEW_REQUIRED",
        WorkflowError::EvidenceRequired { .. } => "EVIDENCE_REQUIRED",
        // Refused with codes of their own (see `From<StoreError>`), never as transitions.
        WorkflowError::SelfApproval => "SELF_APPROVAL",
        WorkflowError::CorrectionRequired | WorkflowError::NothingToCorrect => "CORRECTION",
    }
}

impl From<ValidationError> for ApiError {
    fn from(error: ValidationError) -> Self {
        Self::bad_input(error.field, error.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { .. }
            | StoreError::UnknownName { .. }
            | StoreError::NotPublished { .. } => Self::NotFound(error.to_string()),
            StoreError::Conflict { actual, .. } => Self::Conflict {
                message: error.to_string(),
                current_version: actual,
            },
            StoreError::Workflow(error @ WorkflowError::SelfApproval) => Self::SelfApproval(error),
            StoreError::Workflow(
                error @ (WorkflowError::CorrectionRequired | WorkflowError::NothingToCorrect),
            ) => Self::bad_input("correction", error.to_string()),
            StoreError::Workflow(error) => Self::InvalidTransition(error),
            StoreError::Invalid(error) => error.into(),
            StoreError::Anchor(_) => Self::bad_input("quote", error.to_string()),
            StoreError::Duplicate { field, .. } => Self::bad_input(field, error.to_string()),
            StoreError::InvalidItems(items) => Self::BadItems {
                message: format!("{} claims are invalid; nothing was written", items.len()),
                items,
            },
            StoreError::Corrupt(_) | StoreError::Database(_) | StoreError::BackupElsewhere(_) => {
                Self::Internal(error.to_string())
            }
        }
    }
}

/// Converts a failure into the GraphQL error that carries its code.
pub(crate) fn api_error(error: impl Into<ApiError>) -> async_graphql::Error {
    error.into().into_graphql()
}

#[cfg(test)]
mod tests {
    use claimdesk_core::{ClaimStatus, workflow};

    use super::*;

    fn extensions(error: &async_graphql::Error) -> serde_json::Value {
        serde_json::to_value(&error.extensions).unwrap()
    }

    #[test]
    fn internal_causes_stay_on_the_server() {
        let error = api_error(StoreError::Corrupt("claims.status holds \"X\"".into()));
        assert_eq!(error.message, "internal error");
        assert_eq!(
            extensions(&error),
            serde_json::json!({ "code": "INTERNAL" })
        );
    }

    #[test]
    fn self_approval_is_forbidden_and_a_missing_correction_is_bad_input() {
        let error = api_error(StoreError::Workflow(WorkflowError::SelfApproval));
        assert_eq!(
            extensions(&error),
            serde_json::json!({ "code": "FORBIDDEN", "reason": "SELF_APPROVAL" })
        );
        let error = api_error(StoreError::Workflow(WorkflowError::CorrectionRequired));
        assert_eq!(
            extensions(&error),
            serde_json::json!({ "code": "BAD_USER_INPUT", "field": "correction" })
        );
    }

    #[test]
    fn invalid_transitions_name_the_status_and_the_way_forward() {
        let refusal = workflow::start_review(ClaimStatus::New).unwrap_err();
        let error = api_error(StoreError::Workflow(refusal));
        assert_eq!(
            extensions(&error),
            serde_json::json!({
                "code": "INVALID_TRANSITION",
                "currentStatus": "NEW",
                "allowedStatuses": ["FLAGGED", "CLOSED"],
                "reason": "STATUS",
            })
        );
    }
}
