//! What every handler shares: the schema, the store, the authenticator, the limits and the
//! publisher. The router hands it to the handlers; neither imports the other for it.

use claimdesk_core::publishing::Publisher;
use claimdesk_graphql::ClaimDeskSchema;
use claimdesk_store::Store;

use crate::{auth::Authenticator, config::LimitsConfig};

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub schema: ClaimDeskSchema,
    pub store: Store,
    pub auth: Authenticator,
    pub limits: LimitsConfig,
    pub publisher: Publisher,
    /// Renders the metrics; `None` under `--no-metrics`.
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
}

impl axum::extract::FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Store {
        state.store.clone()
    }
}
