//! The limits that keep one request from taking the server down.
//!
//! Depth and complexity are enforced by async-graphql; how deeply the raw text nests, and the
//! number of aliases and directives and introspection, are checked by [`Limits::check_text`]
//! and [`Limits::check_document`] before the document is even validated, so that a hostile
//! document costs next to nothing.

use async_graphql::{
    ServerError, ServerResult,
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

/// The limits on a GraphQL document, with their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How deeply selections may nest.
    pub max_depth: usize,
    /// The largest complexity a query may have; a list field costs its children times its
    /// page size (`first` or `last`, 20 when neither is given).
    pub max_complexity: usize,
    /// How many aliased fields a document may hold.
    pub max_aliases: usize,
    /// How many directives a document may hold.
    pub max_directives: usize,
    /// The largest `first` or `last` a connection accepts, at most
    /// [`MAX_PAGE_SIZE_CEILING`].
    pub max_page_size: usize,
    /// Whether `__schema` and `__type` may be queried.
    pub introspection: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            // The introspection query GraphiQL and graphql-js 16 send (`getIntrospectionQuery`)
            // is 15 fields deep: its `TypeRef` fragment nests `ofType` nine times below
            // `__schema { types { fields { args { type`. The playground must load its schema.
            max_depth: 16,
            max_complexity: 20_000,
            max_aliases: 50,
            max_directives: 50,
            max_page_size: 100,
            introspection: true,
        }
    }
}

/// The largest page size a server may be configured to allow.
pub const MAX_PAGE_SIZE_CEILING: usize = 1_000;

impl Limits {
    /// Refuses a document whose brackets nest too deep, before it is parsed: the parser
    /// recurses on nesting, and a bracket count bounds it before it starts.
    pub(crate) fn check_text(&self, query: &str) -> ServerResult<()> {
        let nesting_limit = self.max_depth * 2 + 8;
        if bracket_depth(query) > nesting_limit {
            return Err(limit_error("QUERY_TOO_DEEP", "the query nests too deeply"));
        }
        Ok(())
    }

    /// Refuses a parsed document with too many aliases or directives, or that introspects
    /// when introspection is off.
    pub(crate) fn check_document(&self, document: &ExecutableDocument) -> ServerResult<()> {
        let counts = count(document);
        if counts.introspects && !self.introspection {
            return Err(limit_error(
                "INTROSPECTION_DISABLED",
                "introspection (__schema, __type) is switched off on this server",
            ));
        }
        let bounded = [
            (
                "TOO_MANY_ALIASES",
                "aliases",
                counts.aliases,
                self.max_aliases,
            ),
            (
                "TOO_MANY_DIRECTIVES",
                "directives",
                counts.directives,
                self.max_directives,
            ),
        ];
        for (code, what, found, allowed) in bounded {
            if found > allowed {
                let message =
                    format!("the query has {found} {what}; at most {allowed} are allowed");
                return Err(limit_error(code, &message));
            }
        }
        Ok(())
    }
}

fn limit_error(code: &str, message: &str) -> ServerError {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code);
    error
}

/// The deepest nesting of `{`, `(` and `[` outside strings and comments.
fn bracket_depth(query: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for character in query.chars() {
        if in_comment {
            in_comment = character != '\n';
        } else if in_string {
            match character {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else {
            match character {
                '#' => in_comment = true,
                '"' => in_string = true,
                '{' | '(' | '[' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                '}' | ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    deepest
}

#[derive(Default)]
struct Counts {
    aliases: usize,
    directives: usize,
    /// Whether the document asks for `__schema` or `__type`.
    introspects: bool,
}

/// Counts aliases and directives in every operation and fragment, without recursion.
fn count(document: &ExecutableDocument) -> Counts {
    let mut counts = Counts::default();
    let mut pending: Vec<&SelectionSet> = Vec::new();
    for (_, operation) in document.operations.iter() {
        counts.directives += operation.node.directives.len();
        pending.push(&operation.node.selection_set.node);
    }
    for fragment in document.fragments.values() {
        counts.directives += fragment.node.directives.len();
        pending.push(&fragment.node.selection_set.node);
    }
    while let Some(selection_set) = pending.pop() {
        for selection in &selection_set.items {
            match &selection.node {
                Selection::Field(field) => {
                    counts.aliases += usize::from(field.node.alias.is_some());
                    let name = field.node.name.node.as_str();
                    counts.introspects |= name == "__schema" || name == "__type";
                    counts.directives += field.node.directives.len();
                    pending.push(&field.node.selection_set.node);
                }
                Selection::FragmentSpread(spread) => {
                    counts.directives += spread.node.directives.len();
                }
                Selection::InlineFragment(fragment) => {
                    counts.directives += fragment.node.directives.len();
                    pending.push(&fragment.node.selection_set.node);
                }
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_depth_ignores_strings_and_comments() {
        assert_eq!(bracket_depth("{ a { b(x: [1]) } }"), 4);
        assert_eq!(bracket_depth(r#"{ a(s: "{{{{\"{{") } # {{{{"#), 2);
    }

    #[test]
    fn aliases_and_directives_are_counted_everywhere() {
        let document = async_graphql::parser::parse_query(
            "query Q @a { x: f @b { y: g } ...F ... on T @c { z: h } } fragment F on T @d { w: i @e }",
        )
        .unwrap();
        let counts = count(&document);

        assert_eq!(
            (counts.aliases, counts.directives, counts.introspects),
            (4, 5, false)
        );
        let introspection =
            async_graphql::parser::parse_query("{ a { __typename } __type(name: \"A\") { name } }");
        assert!(count(&introspection.unwrap()).introspects);
    }
}
