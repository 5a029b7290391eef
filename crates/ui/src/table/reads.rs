//! Which rows' values to read next: the rows on screen first, in order, then any other row a
//! person asked for (an export), with a few reads in flight at most, so that a scroll reaches
//! the front of the queue soon. Every read goes through the connection's one pacing scheduler;
//! this only decides the order in which the table asks.

use plane_inline_messages::Problem;

/// Reads in flight at once: enough to keep the scheduler busy, few enough that rows scrolled
/// into view are read next.
pub const IN_FLIGHT: usize = 3;

/// Where a row's values are.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// Not asked for.
    NotRead,
    /// Asked for; the answer is on its way.
    Reading,
    /// Read.
    Read,
    /// Could not be read, and why.
    Failed(Problem),
}

/// Rows to start reading now: indices of `states`, those in `on_screen` first, then those in
/// `wanted`, leaving out rows read, being read or failed; at most `IN_FLIGHT - in_flight`.
pub fn next_reads(
    states: &[Read],
    on_screen: &[usize],
    wanted: &[usize],
    in_flight: usize,
) -> Vec<usize> {
    let free = IN_FLIGHT.saturating_sub(in_flight);
    let mut chosen: Vec<usize> = Vec::with_capacity(free);
    for &index in on_screen.iter().chain(wanted) {
        if chosen.len() == free {
            break;
        }
        if states.get(index) == Some(&Read::NotRead) && !chosen.contains(&index) {
            chosen.push(index);
        }
    }
    chosen
}

/// How many of `rows` still wait to be read (not read, or being read).
pub fn waiting(states: &[Read], rows: &[usize]) -> usize {
    rows.iter()
        .filter(|&&i| matches!(states.get(i), Some(Read::NotRead | Read::Reading)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_on_screen_go_first_and_only_free_slots_are_filled() {
        let mut states = vec![Read::NotRead; 10];
        states[4] = Read::Read;
        states[5] = Read::Reading;
        assert_eq!(next_reads(&states, &[4, 5, 6, 7], &[0, 1, 2], 0), [6, 7, 0]);
        assert_eq!(next_reads(&states, &[4, 5, 6, 7], &[0, 1, 2], 1), [6, 7]);
        assert_eq!(
            next_reads(&states, &[4, 5, 6, 7], &[], 3),
            Vec::<usize>::new()
        );
        // Nothing wanted but what is on screen: nothing else is read.
        assert_eq!(next_reads(&states, &[4, 5], &[], 0), Vec::<usize>::new());
    }

    #[test]
    fn failed_rows_are_not_read_again_by_themselves() {
        let states = vec![Read::Failed(Problem::Timeout), Read::NotRead];
        assert_eq!(next_reads(&states, &[0, 1], &[], 0), [1]);
        assert_eq!(waiting(&states, &[0, 1]), 1);
        assert_eq!(next_reads(&states, &[9], &[], 0), Vec::<usize>::new());
    }
}
