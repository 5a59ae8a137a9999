//! planlens-web: the browser app's logic that does not need a browser.
//!
//! These modules are plain Rust and compile natively, so `cargo test` covers them:
//! the app state and its reducer, the 任务分解表 filter and sort, the highlights of
//! 原文, and the typed messages between the page and its analysis worker. The
//! browser parts (components, effects, file reading, the worker client) are in the
//! two wasm binaries, `src/main.rs` (the page) and `src/bin/planlens-worker.rs`.

pub mod aliases;
pub mod corrections;
pub mod jobs;
pub mod marks;
pub mod num;
pub mod order;
pub mod pretty;
pub mod protocol;
pub mod reader;
pub mod span16;
pub mod stale_drafts;
pub mod state;
pub mod tasks;

use std::rc::Rc;

/// An `Rc` compared by pointer: the same analysis is the same value, without a
/// deep compare of thousands of measures on every render.
#[derive(Debug)]
pub struct ByPtr<T: ?Sized>(pub Rc<T>);

impl<T: ?Sized> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        ByPtr(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
