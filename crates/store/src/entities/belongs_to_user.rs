//! The one relation some tables have: each row belongs to a user.

/// Declares an entity's relations as one: each row belongs to the user whose ID is in
/// `$column`, so that a row can be read with its user (`find_also_related(user::Entity)`).
macro_rules! belongs_to_user {
    ($column:path) => {
        #[derive(Copy, Clone, Debug, EnumIter)]
        pub enum Relation {
            User,
        }

        impl RelationTrait for Relation {
            fn def(&self) -> RelationDef {
                match self {
                    Self::User => Entity::belongs_to(super::user::Entity)
                        .from($column)
                        .to(super::user::Column::Id)
                        .into(),
                }
            }
        }

        impl Related<super::user::Entity> for Entity {
            fn to() -> RelationDef {
                Relation::User.def()
            }
        }
    };
}

pub(crate) use belongs_to_user;
