//! What a copy copies, read from the database's own catalogue rather than from a list, so
//! that tables added by later migrations are copied too.
//!
//! Every table is copied but sea-orm's record of migrations, SQLite's internal tables, the
//! copy's own marker and the derived tables, which the target's triggers rebuild as the
//! claims arrive. Tables are copied parents first, by their foreign keys.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    CopyError,
    cells::Kind,
    ends::{End, Param, quoted},
    marker::MARKER_TABLE,
};
use crate::Backend;

/// The tables the target derives from the copied ones: the full-text index (with SQLite's
/// shadow tables, `claim_search_*`) and the tallies with their pending changes.
const DERIVED: [&str; 3] = ["claim_search", "claim_tallies", "claim_tally_changes"];

/// sea-orm's record of the migrations that ran.
pub(crate) const MIGRATIONS_TABLE: &str = "seaql_migrations";

/// The column every copied table is ordered and paged by.
pub(crate) const ID: &str = "id";

/// A copied table and its columns, in the source's order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<(String, Kind)>,
    /// The integer column the table is read in order by: `id`, or else its primary key when
    /// that is one integer column (as `imported_reviews.claim_id`).
    pub key: String,
}

impl Table {
    /// The position of the [`Table::key`] column.
    pub(crate) fn id_index(&self) -> usize {
        self.columns
            .iter()
            .position(|(name, _)| *name == self.key)
            .expect("checked when the table was read")
    }

    /// Whether the table is keyed by an `id` that a sequence may number.
    pub(crate) fn has_id(&self) -> bool {
        self.key == ID
    }

    /// The quoted column list, for `SELECT`, `INSERT` and `COPY`.
    pub(crate) fn column_list(&self) -> String {
        let names: Vec<String> = self.columns.iter().map(|(name, _)| quoted(name)).collect();
        names.join(", ")
    }
}

/// Whether `table` is copied.
fn is_copied(table: &str) -> bool {
    !(table == MIGRATIONS_TABLE
        || table == MARKER_TABLE
        || table.starts_with("sqlite_")
        || DERIVED.contains(&table)
        || table.starts_with("claim_search_"))
}

/// The copied tables of the database behind `end`, parents before children.
pub(crate) async fn tables(end: &mut End) -> Result<Vec<Table>, CopyError> {
    let names_sql = match end.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
        Backend::Postgres => {
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
    };
    let mut names = Vec::new();
    for row in end.fetch(names_sql, &[]).await? {
        let name: String = row.try_get_by_index(0)?;
        if is_copied(&name) {
            names.push(name);
        }
    }
    let parents = parents(end).await?;
    let mut tables = Vec::new();
    for name in dependency_order(&names, &parents)? {
        let (columns, key) = columns(end, &name).await?;
        tables.push(Table { name, columns, key });
    }
    Ok(tables)
}

/// The columns of `table` with their kinds, and the integer column to read it in order by.
async fn columns(end: &mut End, table: &str) -> Result<(Vec<(String, Kind)>, String), CopyError> {
    let sql = match end.backend() {
        Backend::Sqlite => {
            "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid".to_owned()
        }
        Backend::Postgres => "SELECT c.column_name::text, c.data_type::text, \
             CASE WHEN EXISTS (SELECT 1 FROM information_schema.table_constraints AS t \
               JOIN information_schema.key_column_usage AS k \
                 ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema \
               WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = c.table_schema \
                 AND t.table_name = c.table_name AND k.column_name = c.column_name) \
             THEN 1 ELSE 0 END::bigint \
             FROM information_schema.columns AS c \
             WHERE c.table_schema = current_schema() AND c.table_name = $1 \
             ORDER BY c.ordinal_position"
            .to_owned(),
    };
    let mut columns = Vec::new();
    let mut primary = Vec::new();
    for row in end.fetch(&sql, &[Param::Text(table)]).await? {
        let name: String = row.try_get_by_index(0)?;
        let declared: String = row.try_get_by_index(1)?;
        let in_primary_key: i64 = row.try_get_by_index(2)?;
        let kind = Kind::of_declared(&declared).ok_or_else(|| CopyError::UnknownType {
            table: table.to_owned(),
            column: name.clone(),
            declared,
        })?;
        if in_primary_key > 0 {
            primary.push((name.clone(), kind));
        }
        columns.push((name, kind));
    }
    let key = if columns
        .iter()
        .any(|(name, kind)| name == ID && *kind == Kind::Integer)
    {
        ID.to_owned()
    } else if let [(name, Kind::Integer)] = primary.as_slice() {
        name.clone()
    } else {
        return Err(CopyError::NoId(table.to_owned()));
    };
    Ok((columns, key))
}

/// For each table, the tables its foreign keys point to.
async fn parents(end: &mut End) -> Result<BTreeMap<String, BTreeSet<String>>, CopyError> {
    let sql = match end.backend() {
        Backend::Sqlite => {
            "SELECT tables.name, keys.\"table\" FROM sqlite_schema AS tables \
             JOIN pragma_foreign_key_list(tables.name) AS keys WHERE tables.type = 'table'"
        }
        Backend::Postgres => {
            "SELECT child.relname::text, parent.relname::text FROM pg_constraint AS c \
             JOIN pg_class AS child ON child.oid = c.conrelid \
             JOIN pg_class AS parent ON parent.oid = c.confrelid \
             JOIN pg_namespace AS n ON n.oid = child.relnamespace \
             WHERE c.contype = 'f' AND n.nspname = current_schema()"
        }
    };
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in end.fetch(sql, &[]).await? {
        let child: String = row.try_get_by_index(0)?;
        let parent: String = row.try_get_by_index(1)?;
        if child != parent {
            parents.entry(child).or_default().insert(parent);
        }
    }
    Ok(parents)
}

/// `names` with every table after the tables it points to.
fn dependency_order(
    names: &[String],
    parents: &BTreeMap<String, BTreeSet<String>>,
) -> Result<Vec<String>, CopyError> {
    let mut ordered: Vec<String> = Vec::new();
    let mut left: Vec<&String> = names.iter().collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|name| {
            let ready = parents.get(*name).is_none_or(|of| {
                of.iter()
                    .all(|parent| ordered.contains(parent) || !names.contains(parent))
            });
            if ready {
                ordered.push((*name).clone());
            }
            !ready
        });
        if left.len() == before {
            return Err(CopyError::Schema(format!(
                "the foreign keys of {} form a cycle",
                left.iter()
                    .map(|name| name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    Ok(ordered)
}

/// The migrations recorded in the database, in order.
pub(crate) async fn migrations(end: &mut End) -> Result<Vec<String>, CopyError> {
    let sql = format!("SELECT version FROM {MIGRATIONS_TABLE} ORDER BY version");
    let rows = end.fetch(&sql, &[]).await.map_err(|_| {
        CopyError::Schema("the source has no ClaimDesk schema: is it a ClaimDesk database?".into())
    })?;
    rows.iter()
        .map(|row| Ok(row.try_get_by_index::<String>(0)?))
        .collect()
}

/// The first of `tables` that holds a row, if any.
pub(crate) async fn first_with_rows(
    end: &mut End,
    tables: &[Table],
) -> Result<Option<String>, CopyError> {
    for table in tables {
        let sql = format!("SELECT 1 FROM {} LIMIT 1", quoted(&table.name));
        if !end.fetch(&sql, &[]).await?.is_empty() {
            return Ok(Some(table.name.clone()));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_come_first_and_derived_tables_are_left_out() {
        let names: Vec<String> = ["notes", "claims", "users"].map(String::from).to_vec();
        let parents = BTreeMap::from([
            (
                "notes".to_owned(),
                BTreeSet::from(["claims".to_owned(), "users".to_owned()]),
            ),
            ("claims".to_owned(), BTreeSet::from(["users".to_owned()])),
        ]);
        assert_eq!(
            dependency_order(&names, &parents).unwrap(),
            ["users", "claims", "notes"]
        );
        assert!(!is_copied("claim_search_docsize"));
        assert!(!is_copied("seaql_migrations"));
        assert!(is_copied("article_revisions"));
    }
}
