//! What every handler shares: the database, the key, the seed, the rate limit, injected faults,
//! request counters and the cross-origin policy. Handlers depend on this module, not on the route
//! table that names them.

use crate::config::Config;
use crate::cors::CorsPolicy;
use crate::faults::Faults;
use crate::seed::{self, Seed};
use crate::store::Store;
use crate::throttle::Throttle;
use crate::traffic::Traffic;
use std::sync::Arc;

/// Everything handlers share.
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The accepted API key.
    pub api_key: String,
    /// The key owner's user id (`users/me`).
    pub owner_id: String,
    /// The seed a reset restores by default.
    pub seed: Seed,
    /// Per-key rate limit.
    pub throttle: Throttle,
    /// Injected failures.
    pub faults: Faults,
    /// Request counters.
    pub traffic: Traffic,
    /// Cross-origin policy.
    pub cors: CorsPolicy,
    /// Whether `/_sandbox/` is served.
    pub test_controls: bool,
    /// Every API route template, to answer Django's trailing-slash redirect.
    pub api_paths: matchit::Router<()>,
}

/// The state as handlers receive it.
pub type Shared = Arc<AppState>;

impl AppState {
    /// Builds the state from an opened store, the configuration and the API's route templates.
    pub fn new(store: Store, config: &Config, api_paths: matchit::Router<()>) -> Self {
        Self {
            store,
            api_key: config.api_key.clone(),
            owner_id: seed::owner_id(),
            seed: config.seed,
            throttle: Throttle::new(config.rate_limit),
            faults: Faults::default(),
            traffic: Traffic::default(),
            cors: CorsPolicy::new(
                config.cors_origins.clone(),
                config.cors_expose_rate_limit_headers,
            ),
            test_controls: config.test_controls,
            api_paths,
        }
    }
}
