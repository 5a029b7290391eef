//! A sliding-window budget: at most `limit` events in any `window_ms`. The worker gives each site
//! with references one for its card loads, so that a page, however it behaves, spends at most a
//! small part of the user's 60 requests a minute.

use std::collections::VecDeque;

/// At most `limit` events in any window of `window_ms` milliseconds.
#[derive(Debug, Clone)]
pub struct Budget {
    limit: usize,
    window_ms: f64,
    spent: VecDeque<f64>,
}

impl Budget {
    /// A budget of `limit` events a `window_ms`.
    pub fn new(limit: usize, window_ms: f64) -> Self {
        Self {
            limit,
            window_ms,
            spent: VecDeque::new(),
        }
    }

    /// Spends one event at `now_ms` if the budget allows it; whether it did.
    pub fn spend(&mut self, now_ms: f64) -> bool {
        while self
            .spent
            .front()
            .is_some_and(|at| now_ms - at >= self.window_ms)
        {
            self.spent.pop_front();
        }
        if self.spent.len() >= self.limit {
            return false;
        }
        self.spent.push_back(now_ms);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_allows_its_limit_then_frees_as_it_slides() {
        let mut budget = Budget::new(3, 60_000.0);
        assert!(budget.spend(0.0));
        assert!(budget.spend(10_000.0));
        assert!(budget.spend(20_000.0));
        assert!(!budget.spend(30_000.0));
        assert!(!budget.spend(59_999.0));
        // The first event leaves the window at 60 s.
        assert!(budget.spend(60_000.0));
        assert!(!budget.spend(65_000.0));
        assert!(budget.spend(70_000.0));
    }
}
