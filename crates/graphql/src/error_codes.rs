//! Gives every error a code, including the ones async-graphql raises itself.
//!
//! Errors from our resolvers carry their code already. Errors that the library raises before
//! any resolver runs (a query that does not parse or validate, a variable of the wrong type)
//! get `GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`, `QUERY_TOO_DEEP`,
//! `QUERY_TOO_COMPLEX` or `BAD_USER_INPUT`.

use async_graphql::{Response, ServerError};

/// Gives each error of `response` that has no code the one that fits it.
pub(crate) fn fill_in_codes(response: &mut Response) {
    for error in &mut response.errors {
        if !has_code(error) {
            let code = fallback_code(error);
            error
                .extensions
                .get_or_insert_with(Default::default)
                .set("code", code);
        }
    }
}

fn has_code(error: &ServerError) -> bool {
    error
        .extensions
        .as_ref()
        .is_some_and(|extensions| extensions.get("code").is_some())
}

fn fallback_code(error: &ServerError) -> &'static str {
    if !error.path.is_empty() {
        // Raised while resolving a field: an argument that could not be read.
        "BAD_USER_INPUT"
    } else if error.message == "Query is too complex." {
        "QUERY_TOO_COMPLEX"
    } else if error.message == "Query is nested too deep."
        || error
            .message
            .starts_with("The recursion depth of the query")
    {
        "QUERY_TOO_DEEP"
    } else if error.message.contains("Parse error") {
        // A syntax error in the document has its code already (see `crate::syntax_errors`).
        "GRAPHQL_PARSE_FAILED"
    } else if error.message.starts_with("Invalid value for argument")
        || error.message.starts_with("Variable")
    {
        "BAD_USER_INPUT"
    } else {
        "GRAPHQL_VALIDATION_FAILED"
    }
}
