//! Syntax errors a person can act on.
//!
//! async-graphql's parser reports a syntax error in the words of its grammar: the source line
//! drawn in ASCII, then `= expected executable_definition`. This rewrites such a message as
//! "Syntax error at line 1, column 1: expected an operation or a fragment, found `quer`." The
//! error keeps its `locations`, and gets the code `GRAPHQL_PARSE_FAILED`.

use async_graphql::{Pos, ServerError};

/// What pest puts before the position of a syntax error.
const PEST_POSITION: &str = " --> ";
/// What pest puts before its list of expected and unexpected rules.
const PEST_DETAIL: &str = "= ";

/// `error` in plain words if it is a syntax error in `query`, with its code; otherwise as it is.
pub(crate) fn readable(mut error: ServerError, query: &str) -> ServerError {
    if !error.message.starts_with(PEST_POSITION) {
        return error;
    }
    let Some(&position) = error.locations.first() else {
        return error;
    };
    let detail = error
        .message
        .lines()
        .rev()
        .find_map(|line| line.trim_start().strip_prefix(PEST_DETAIL))
        .unwrap_or("unknown parsing error");
    error.message = format!(
        "Syntax error at line {}, column {}: {}, found {}.",
        position.line,
        position.column,
        describe(detail),
        found(query, position)
    );
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", "GRAPHQL_PARSE_FAILED");
    error
}

/// pest's "unexpected a; expected b, c, or d" in words.
fn describe(detail: &str) -> String {
    detail
        .split("; ")
        .map(|part| {
            for verb in ["expected ", "unexpected "] {
                if let Some(rules) = part.strip_prefix(verb) {
                    return format!("{verb}{}", alternatives(rules));
                }
            }
            part.to_owned()
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "a, b, or c" of rule names, as "x, y or z" of what they stand for, each once.
fn alternatives(rules: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for rule in rules.split(", or ").flat_map(|part| part.split(", ")) {
        for rule in rule.split(" or ") {
            let word = rule_in_words(rule.trim());
            if !words.contains(&word) {
                words.push(word);
            }
        }
    }
    match words.as_slice() {
        [] => "something else".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a rule of async-graphql's grammar (`graphql.pest`) stands for.
fn rule_in_words(rule: &str) -> &'static str {
    match rule {
        "EOI" => "the end of the document",
        "executable_definition" | "operation_definition" | "fragment_definition" => {
            "an operation (`query`, `mutation`, `subscription` or `{`) or a fragment"
        }
        "named_operation_definition" => "a named operation",
        "selection_set" => "a selection set (`{ field }`)",
        "selection" | "field" | "alias" => "a field",
        "fragment_spread" | "inline_fragment" => "a fragment (`...Name` or `... on Type`)",
        "type_condition" => "a type condition (`on Type`)",
        "name" | "name_start" => "a name",
        "variable_definitions" => "variable definitions (`($name: Type)`)",
        "variable_definition" | "variable" => "a variable (`$name`)",
        "type_" => "a type",
        "default_value" => "a default value (`= value`)",
        "arguments" | "argument" => "an argument (`name: value`)",
        "directives" | "directive" | "const_directives" | "const_directive" => {
            "a directive (`@name`)"
        }
        "value" | "const_value" | "number" | "float" | "int" | "boolean" | "null"
        | "enum_value" => "a value",
        "string" | "block_string" | "string_content" | "block_string_content" => "a string",
        "list" | "const_list" => "a list (`[ … ]`)",
        "object" | "const_object" | "object_field" | "const_object_field" => {
            "an input object field (`name: value`)"
        }
        _ => "something else",
    }
}

/// The token of `query` at `position` (1-based line and column, in characters), in backticks,
/// or "the end of the document".
fn found(query: &str, position: Pos) -> String {
    let rest: String = query
        .split('\n')
        .nth(position.line.saturating_sub(1))
        .map(|line| {
            line.chars()
                .skip(position.column.saturating_sub(1))
                .collect()
        })
        .unwrap_or_default();
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let token: String = match rest.chars().next() {
        None if position.line >= query.split('\n').count() => {
            return "the end of the document".to_owned();
        }
        None => return "the end of the line".to_owned(),
        Some(first) if is_word(first) => rest.chars().take_while(|&c| is_word(c)).collect(),
        Some(first) => first.to_string(),
    };
    format!("`{token}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(query: &str) -> ServerError {
        let error = async_graphql::parser::parse_query(query).expect_err("a syntax error");
        readable(ServerError::from(error), query)
    }

    #[test]
    fn an_unclosed_selection_names_what_was_missing_and_where() {
        let error = parse_error("{ claims { ");
        assert_eq!(
            error.message,
            "Syntax error at line 1, column 12: expected a field, found the end of the document."
        );
        assert_eq!(
            error.locations,
            [Pos {
                line: 1,
                column: 12
            }]
        );
    }

    #[test]
    fn a_misspelt_keyword_is_quoted() {
        let error = parse_error("quer { viewer { name } }");
        assert_eq!(
            error.message,
            "Syntax error at line 1, column 1: expected an operation (`query`, `mutation`, \
             `subscription` or `{`) or a fragment, found `quer`."
        );
        assert_eq!(
            error.extensions.unwrap().get("code"),
            Some(&async_graphql::Value::from("GRAPHQL_PARSE_FAILED"))
        );
    }

    #[test]
    fn a_later_line_is_located() {
        let error = parse_error("query {\n  claims(first: ) { totalCount }\n}");
        assert!(
            error
                .message
                .starts_with("Syntax error at line 2, column 17: expected a value"),
            "{}",
            error.message
        );
        assert!(error.message.ends_with("found `)`."), "{}", error.message);
    }

    #[test]
    fn other_errors_pass_unchanged() {
        let error = ServerError::new("operation A is defined twice", None);
        assert_eq!(readable(error.clone(), "").message, error.message);
    }
}
