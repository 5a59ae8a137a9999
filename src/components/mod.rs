//! One component per part of the page. Each takes the analysis (`Rc<Analysis>`)
//! and what it shows, and reports what the user does through callbacks; none sees
//! the whole state.

mod cell;
mod edits;
mod input;
mod outline;
mod overview;
mod source;
mod tabs;
mod targets;
mod tasks;
mod toolbar;
mod units;

pub use edits::{EditBar, RecentList};
pub use input::InputPanel;
pub use outline::OutlineView;
pub use overview::Overview;
pub use source::SourceView;
pub use tabs::Tabs;
pub use targets::TargetTable;
pub use tasks::TaskTable;
pub use toolbar::Toolbar;
pub use units::UnitsView;

/// `PartialEq` for props that compares the listed `Rc`s by pointer (a deep compare
/// of a large analysis costs more than the render it saves) and the rest by value.
macro_rules! props_eq {
    ($t:ty { ptr: [$($p:ident),*], value: [$($v:ident),*] }) => {
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                true $(&& std::rc::Rc::ptr_eq(&self.$p, &other.$p))* $(&& self.$v == other.$v)*
            }
        }
    };
}
pub(crate) use props_eq;

/// The first `n` chars of a text, with … when cut.
pub fn short(s: &str, n: usize) -> String {
    planlens_export::ellipsis(s, n)
}
