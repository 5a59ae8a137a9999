//! What is reported beside the measures and targets: the plan's metadata, the
//! per-unit index and the warnings.

pub mod aliases;
pub mod meta;
pub mod units;
pub mod warnings;
