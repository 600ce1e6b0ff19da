//! Spreadsheets run a cell that starts like a formula. Following OWASP's guidance on CSV
//! injection, a field that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! written with a single quote before it, which makes a spreadsheet show it as text.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `field` as a spreadsheet will show and never run: with `'` before it when it begins like a
/// formula, else as it is.
pub fn defuse_formula(field: &str) -> Cow<'_, str> {
    if field.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::defuse_formula;

    #[test]
    fn formula_starts_get_a_quote() {
        for (field, written) in [
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("+1 555 0100", "'+1 555 0100"),
            ("-2%", "'-2%"),
            ("@mention", "'@mention"),
            ("\tindented", "'\tindented"),
            ("\rreturn", "'\rreturn"),
            ("=", "'="),
        ] {
            assert_eq!(defuse_formula(field), written, "{field:?}");
        }
    }

    #[test]
    fn other_fields_are_left_alone() {
        for field in [
            "",
            "Unemployment fell to 4%",
            "a = b",
            "'quoted already",
            " =leading space",
            "\nnewline first",
            "«=»",
        ] {
            assert_eq!(defuse_formula(field), field, "{field:?}");
        }
    }
}
