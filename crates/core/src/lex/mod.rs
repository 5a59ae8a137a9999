//! Words and small patterns in a run of chars: char tests, numbers, years, dates,
//! numbering markers and responsibility notes. Depends on nothing else in the crate.

pub mod chars;
pub mod dates;
pub mod hash;
pub mod lexicon;
pub mod markers;
pub mod notes;
pub mod numbers;
pub mod years;
