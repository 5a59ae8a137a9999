//! The app state and its reducer: a pure function of the state and an action.
//! Nothing here touches the browser; storage and scrolling are effects
//! (`src/effects.rs`) that follow the state.

use crate::aliases::AliasList;
use crate::corrections::{Corrections, EditState, Op, Recent};
use crate::protocol::Stage;
use crate::tasks::{SortKey, TaskFilter};
use crate::ByPtr;
use planlens_core::{Analysis, OutlineNode};
use std::rc::Rc;

/// Rows shown at first in the long tables ("显示更多" adds more).
pub const PAGE: usize = 200;
/// Warnings shown at first in 概览.
pub const WARNING_PAGE: usize = 100;
/// Drafts above this many bytes (UTF-8) are not kept (IndexedDB, src/drafts.rs);
/// the draft kept before stays.
pub const DRAFT_MAX: usize = 30 * 1024 * 1024;
/// Texts above this many bytes are not put into the paste box (a multi-MB
/// textarea costs seconds of layout); the analysis and 原文 still have them.
pub const SHOW_MAX: usize = 2_000_000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Overview,
    Tasks,
    Targets,
    Units,
    Source,
    Outline,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Tasks,
        View::Targets,
        View::Units,
        View::Source,
        View::Outline,
    ];
    pub fn label(self) -> &'static str {
        match self {
            View::Overview => "概览",
            View::Tasks => "任务分解表",
            View::Targets => "指标表",
            View::Units => "责任单位",
            View::Source => "原文",
            View::Outline => "大纲",
        }
    }
    /// The name in element ids (`tab-tasks`) and classes (`view-tasks`).
    pub fn slug(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Tasks => "tasks",
            View::Targets => "targets",
            View::Units => "units",
            View::Source => "source",
            View::Outline => "outline",
        }
    }
}

/// An item of the analysis that can be shown, focused and highlighted; the
/// number is its index in the analysis (sections: in the outline's pre-order).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ItemKey {
    Measure(usize),
    /// A measure's responsibility / deadline note.
    Note(usize),
    Target(usize),
    Warning(usize),
    Section(usize),
}

impl ItemKey {
    /// The view that lists the item.
    pub fn home(self) -> View {
        match self {
            ItemKey::Measure(_) | ItemKey::Note(_) => View::Tasks,
            ItemKey::Target(_) => View::Targets,
            ItemKey::Warning(_) => View::Overview,
            ItemKey::Section(_) => View::Outline,
        }
    }

    /// The item's row in its view (a note's row is its measure's).
    pub fn row(self) -> ItemKey {
        match self {
            ItemKey::Note(i) => ItemKey::Measure(i),
            k => k,
        }
    }

    /// The name in element ids (`row-m3`, `src-note-m3`, `src-w0`, `row-o-…`): the
    /// analysis' own ids, so a test can find an item by its id in the JSON.
    pub fn slug(self, a: &Analysis) -> Option<String> {
        match self {
            ItemKey::Measure(i) => a.measures.get(i).map(|m| m.id.clone()),
            ItemKey::Note(i) => a.measures.get(i).map(|m| format!("note-{}", m.id)),
            ItemKey::Target(i) => a.targets.get(i).map(|t| t.id.clone()),
            ItemKey::Warning(i) => (i < a.warnings.len()).then(|| format!("w{i}")),
            ItemKey::Section(i) => section(&a.outline, i).map(section_slug),
        }
    }

    /// Where the item starts in the text (char offset).
    pub fn start(self, a: &Analysis) -> Option<usize> {
        match self {
            ItemKey::Measure(i) => a.measures.get(i).map(|m| m.span[0]),
            ItemKey::Note(i) => a.measures.get(i).and_then(|m| m.note_span).map(|n| n[0]),
            ItemKey::Target(i) => a.targets.get(i).map(|t| t.span[0]),
            ItemKey::Warning(i) => a.warnings.get(i).map(|w| w.span[0]),
            ItemKey::Section(i) => section(&a.outline, i).map(|n| n.heading_span[0]),
        }
    }
}

/// A section's name in element ids.
pub fn section_slug(n: &OutlineNode) -> String {
    format!("o-{}", n.id)
}

/// The `i`-th section of the outline in pre-order.
pub fn section(nodes: &[OutlineNode], i: usize) -> Option<&OutlineNode> {
    fn walk<'a>(nodes: &'a [OutlineNode], i: usize, seen: &mut usize) -> Option<&'a OutlineNode> {
        for n in nodes {
            if *seen == i {
                return Some(n);
            }
            *seen += 1;
            if let Some(found) = walk(&n.children, i, seen) {
                return Some(found);
            }
        }
        None
    }
    walk(nodes, i, &mut 0)
}

/// One analysed document: the text its spans index and the analysis.
#[derive(Clone, PartialEq, Debug)]
pub struct Doc {
    pub text: ByPtr<str>,
    pub analysis: ByPtr<Analysis>,
}

/// Why the draft is not kept in local storage.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DraftNote {
    TooLarge,
    StorageFull,
}

impl DraftNote {
    pub fn message(self) -> &'static str {
        match self {
            DraftNote::TooLarge => "文本过大(超过 30 MB),未保存为本地草稿;之前保存的草稿仍保留(刷新后恢复的是之前的草稿)。",
            DraftNote::StorageFull => "浏览器存储空间不足,新文本未保存为本地草稿;之前保存的草稿仍保留。",
        }
    }
}

/// Whether a text is small enough to keep as the local draft.
pub fn draft_fits(text: &str) -> bool {
    text.len() <= DRAFT_MAX
}

/// What 重新开始 cleared, until 撤销 brings it back or the notice goes.
#[derive(Clone, PartialEq, Debug)]
pub struct Undo {
    pub draft: Rc<str>,
    pub shown: Rc<str>,
    pub name: Option<String>,
    pub doc: Option<Doc>,
    /// The corrections on screen, with their undo history.
    pub edit: EditState,
}

#[derive(Clone, PartialEq, Debug)]
pub struct State {
    /// The text to analyse (kept as the local draft).
    pub draft: Rc<str>,
    /// Bumped whenever the draft or its name changes, so the storage effect runs
    /// without comparing megabytes of text on every render.
    pub draft_rev: u32,
    /// What the paste box holds: the draft, or nothing when it is too large to lay
    /// out in a textarea without freezing the tab.
    pub shown: Rc<str>,
    pub draft_name: Option<String>,
    pub draft_note: Option<DraftNote>,
    pub doc: Option<Doc>,
    pub busy: Option<Stage>,
    pub error: Option<String>,
    pub view: View,
    /// The view to go back to from 原文, with the row to return to.
    pub back: Option<(View, ItemKey)>,
    /// The focused item, highlighted where it is shown.
    pub focus: Option<ItemKey>,
    /// Bumped on every focus move, so the scroll effect runs even for the same item.
    pub focus_rev: u32,
    pub filter: TaskFilter,
    pub selected_unit: Option<String>,
    pub task_limit: usize,
    pub target_limit: usize,
    pub warning_limit: usize,
    /// Where 原文 is showing (char offset): large texts are shown a page at a time.
    pub source_offset: usize,
    pub dragging: bool,
    /// Inside a host's iframe (`?embed=1`): no paste box, no draft.
    pub embed: bool,
    /// What 重新开始 cleared (shown with 撤销 for a few seconds).
    pub undo: Option<Rc<Undo>>,
    /// The draft's name before a file started loading: a failed file gives it back,
    /// so the kept draft keeps its own name.
    pub name_before: Option<Option<String>>,
    /// The user's corrections of the analysis on screen (src/corrections.rs).
    pub edit: EditState,
    /// The user's merged unit names (kept locally by an effect, reused on every plan).
    pub aliases: AliasList,
    /// The analysis with the aliases applied, when they change it.
    pub merged: Option<ByPtr<Analysis>>,
    /// The paste box is shown in full (it folds to one line after an analysis).
    pub input_open: bool,
}

impl State {
    /// The state at start, with the kept draft.
    pub fn new(draft: String, draft_name: Option<String>, embed: bool) -> State {
        let draft: Rc<str> = Rc::from(draft);
        State {
            shown: shown(&draft),
            draft,
            draft_rev: 0,
            draft_name,
            draft_note: None,
            doc: None,
            busy: None,
            error: None,
            view: View::Overview,
            back: None,
            focus: None,
            focus_rev: 0,
            filter: TaskFilter::default(),
            selected_unit: None,
            task_limit: PAGE,
            target_limit: PAGE,
            warning_limit: WARNING_PAGE,
            source_offset: 0,
            dragging: false,
            embed,
            undo: None,
            name_before: None,
            edit: EditState::default(),
            aliases: AliasList::default(),
            merged: None,
            input_open: true,
        }
    }

    /// The analysis on screen: the document's, with the merged unit names.
    pub fn on_screen(&self) -> Option<Rc<Analysis>> {
        let doc = self.doc.as_ref()?;
        Some(
            self.merged
                .as_ref()
                .map_or_else(|| doc.analysis.0.clone(), |m| m.0.clone()),
        )
    }

    /// Whether 重新开始 would lose the user's work: a corrected row on screen.
    pub fn has_corrections(&self) -> bool {
        self.on_screen().is_some_and(|a| {
            a.measures.iter().any(|m| m.edited) || a.targets.iter().any(|t| t.edited)
        })
    }

    /// Apply the aliases to the document again (after either changed).
    fn remerge(&mut self) {
        self.merged = self
            .doc
            .as_ref()
            .and_then(|d| self.aliases.apply(&d.analysis.0))
            .map(|a| ByPtr(Rc::new(a)));
    }

    fn set_draft(&mut self, text: Rc<str>, name: Option<String>) {
        self.draft_note = (!self.embed && !draft_fits(&text)).then_some(DraftNote::TooLarge);
        self.draft = text;
        self.draft_name = name;
        self.draft_rev = self.draft_rev.wrapping_add(1);
    }

    fn focus_on(&mut self, key: ItemKey) {
        self.focus = Some(key);
        self.focus_rev = self.focus_rev.wrapping_add(1);
    }
}

fn shown(text: &Rc<str>) -> Rc<str> {
    if text.len() <= SHOW_MAX {
        text.clone()
    } else {
        Rc::from("")
    }
}

pub enum Action {
    /// The user typed or pasted into the box.
    SetDraft(String),
    Start {
        stage: Stage,
        name: Option<String>,
    },
    Progress(Stage),
    Done {
        text: String,
        analysis: Box<Analysis>,
        name: Option<String>,
    },
    Fail(String),
    /// 重新开始: no draft, no analysis (撤销 brings them back).
    Clear,
    /// 撤销 after 重新开始.
    UndoClear,
    /// The 撤销 notice goes (its time is up).
    DismissUndo,
    /// The draft kept in storage, read at start (ignored once the user typed).
    Restored {
        text: String,
        name: Option<String>,
    },
    /// Local storage refused the draft.
    DraftNotSaved,
    SetView(View),
    /// Show an item in 原文 (from a row in `from`).
    ShowInSource {
        key: ItemKey,
        from: View,
    },
    /// Show an item in the view that lists it (from a highlight in 原文).
    ShowInView(ItemKey),
    Back,
    SetSearch(String),
    SetUnitFilter(String),
    /// 只看已改 / 无责任单位 / 值得核对.
    ShowOnly(crate::corrections::Only),
    SortBy(SortKey),
    SelectUnit(Option<String>),
    MoreTasks,
    MoreTargets,
    MoreWarnings,
    SourceAt(usize),
    Dragging(bool),
    /// A correction of the analysis on screen.
    Correct(Op),
    Undo,
    Redo,
    /// The kept corrections of the document `hash` were read.
    CorrectionsLoaded {
        hash: String,
        corrections: Option<Corrections>,
    },
    /// Close the list of corrections that were not carried over.
    DismissLost,
    /// 最近的分析 as kept.
    Recent(Rc<Vec<Recent>>),
    /// 合并: show `names` as `canonical` from now on.
    MergeUnits {
        canonical: String,
        names: Vec<String>,
    },
    /// Show the names merged into this one as written again.
    UnmergeUnit(String),
    /// 不合并: a suggested group is different units.
    KeepUnitsApart(Vec<String>),
    /// The alias list read from storage or an imported file (merged into the current).
    ImportAliases(AliasList),
    /// Open or fold the paste box.
    ToggleInput,
}

/// The next state.
pub fn reduce(state: &State, action: Action) -> State {
    let mut s = state.clone();
    match action {
        Action::SetDraft(text) => {
            s.undo = None;
            let text: Rc<str> = Rc::from(text);
            s.shown = text.clone();
            s.set_draft(text, None);
            s.edit.stale = s.doc.as_ref().is_some_and(|d| *d.text.0 != *s.draft);
        }
        Action::Start { stage, name } => {
            s.undo = None;
            s.busy = Some(stage);
            s.error = None;
            // A file (or another named text) replaces what is shown: remember the
            // draft's name, so a failure does not leave the last results under it.
            if name.is_some() && (stage == Stage::Reading || name != s.draft_name) {
                if s.name_before.is_none() {
                    s.name_before = Some(s.draft_name.clone());
                }
                s.draft_name = name;
            }
        }
        Action::Progress(stage) => {
            if s.busy.is_some() {
                s.busy = Some(stage);
            }
        }
        Action::Done {
            text,
            analysis,
            name,
        } => {
            s.busy = None;
            s.error = None;
            s.name_before = None;
            let text: Rc<str> = if *text == *s.draft {
                s.draft.clone()
            } else {
                let text: Rc<str> = Rc::from(text);
                s.shown = shown(&text);
                text
            };
            s.set_draft(text.clone(), name);
            s.doc = Some(Doc {
                text: ByPtr(text),
                analysis: ByPtr(Rc::from(analysis)),
            });
            s.focus = None;
            s.back = None;
            s.filter = TaskFilter::default();
            s.selected_unit = None;
            s.task_limit = PAGE;
            s.target_limit = PAGE;
            s.warning_limit = WARNING_PAGE;
            s.source_offset = 0;
            if let Some(doc) = s.doc.as_mut() {
                s.edit.on_done(doc);
            }
            s.name_before = None;
            s.input_open = s.embed;
            s.remerge();
        }
        Action::Fail(message) => {
            s.busy = None;
            s.error = Some(message.clone());
            // A file that failed to open: the draft (still the other text) and its
            // results get their own name back, so nothing shows under the new name.
            if let Some(before) = s.name_before.take() {
                if let Some(name) = s.draft_name.take() {
                    if !message.contains(&name) {
                        s.error = Some(format!("无法打开“{name}”:{message}"));
                    }
                }
                s.draft_name = before;
                s.input_open = true;
            }
        }
        Action::Clear => {
            if !s.draft.is_empty() || s.doc.is_some() {
                s.undo = Some(Rc::new(Undo {
                    draft: s.draft.clone(),
                    shown: s.shown.clone(),
                    name: s.draft_name.clone(),
                    doc: s.doc.clone(),
                    edit: s.edit.clone(),
                }));
            }
            s.set_draft(Rc::from(""), None);
            s.shown = s.draft.clone();
            s.draft_note = None;
            s.doc = None;
            s.merged = None;
            s.error = None;
            s.busy = None;
            s.focus = None;
            s.back = None;
            s.view = View::Overview;
            s.edit = EditState {
                recent: s.edit.recent.clone(),
                rev: s.edit.rev,
                ..EditState::default()
            };
            s.input_open = true;
            s.name_before = None;
        }
        Action::UndoClear => {
            if let Some(u) = s.undo.take() {
                s.set_draft(u.draft.clone(), u.name.clone());
                s.shown = u.shown.clone();
                s.doc = u.doc.clone();
                s.edit = EditState {
                    recent: s.edit.recent.clone(),
                    rev: s.edit.rev.wrapping_add(1),
                    ..u.edit.clone()
                };
                s.input_open = s.embed;
                s.remerge();
            }
        }
        Action::DismissUndo => s.undo = None,
        Action::Restored { text, name } => {
            // only into the untouched start state: what the user did since wins
            if s.draft_rev == 0 && s.draft.is_empty() && s.busy.is_none() && !s.embed {
                let text: Rc<str> = Rc::from(text);
                s.shown = shown(&text);
                s.draft = text;
                s.draft_name = name;
            }
        }
        Action::DraftNotSaved => s.draft_note = Some(DraftNote::StorageFull),
        Action::SetView(v) => {
            s.view = v;
            s.back = None;
        }
        Action::ShowInSource { key, from } => {
            if let Some(start) = s.doc.as_ref().and_then(|d| key.start(&d.analysis.0)) {
                s.source_offset = start;
            }
            s.back = Some((from, key));
            s.view = View::Source;
            s.focus_on(key);
        }
        Action::ShowInView(key) => {
            let key = key.row();
            // make sure the row is rendered
            match key {
                ItemKey::Measure(i) => {
                    s.filter = TaskFilter::default();
                    s.task_limit = s.task_limit.max(i + 1);
                }
                ItemKey::Target(i) => s.target_limit = s.target_limit.max(i + 1),
                ItemKey::Warning(i) => s.warning_limit = s.warning_limit.max(i + 1),
                _ => {}
            }
            s.view = key.home();
            s.back = None;
            s.focus_on(key);
        }
        Action::Back => {
            if let Some((view, key)) = s.back.take() {
                s.view = view;
                s.focus_on(key);
            }
        }
        Action::SetSearch(q) => {
            s.filter.search = q;
            s.task_limit = PAGE;
        }
        Action::SetUnitFilter(u) => {
            s.filter.unit = u;
            s.task_limit = PAGE;
        }
        Action::ShowOnly(o) => {
            s.filter.only = o;
            s.task_limit = PAGE;
        }
        Action::SortBy(k) => s.filter.sort_by(k),
        Action::SelectUnit(u) => s.selected_unit = u,
        Action::MoreTasks => s.task_limit += PAGE * 5,
        Action::MoreTargets => s.target_limit += PAGE * 5,
        Action::MoreWarnings => s.warning_limit += 500,
        Action::SourceAt(offset) => s.source_offset = offset,
        Action::Dragging(d) => s.dragging = d,
        Action::Correct(op) => {
            if let Some(doc) = s.doc.as_mut() {
                s.edit.edit(op, doc);
            }
            s.remerge();
        }
        Action::Undo => {
            if let Some(doc) = s.doc.as_mut() {
                s.edit.undo(doc);
            }
            s.remerge();
        }
        Action::Redo => {
            if let Some(doc) = s.doc.as_mut() {
                s.edit.redo(doc);
            }
            s.remerge();
        }
        Action::CorrectionsLoaded { hash, corrections } => {
            if let Some(doc) = s.doc.as_mut() {
                s.edit.on_loaded(&hash, corrections, doc);
            }
            s.remerge();
        }
        Action::DismissLost => {
            if let Some(doc) = s.doc.as_mut() {
                s.edit.dismiss_lost(doc);
            }
            s.remerge();
        }
        Action::Recent(list) => s.edit.recent = list,
        Action::MergeUnits { canonical, names } => {
            s.aliases.merge(&canonical, &names);
            if let Some(u) = &s.selected_unit {
                s.selected_unit = Some(s.aliases.canonical(u).to_string());
            }
            s.filter.unit = s.aliases.canonical(&s.filter.unit).to_string();
            s.remerge();
        }
        Action::UnmergeUnit(canonical) => {
            s.aliases.unmerge(&canonical);
            s.remerge();
        }
        Action::KeepUnitsApart(group) => {
            s.aliases.reject(&group);
            s.remerge();
        }
        Action::ImportAliases(list) => {
            s.aliases.import(&list);
            s.remerge();
        }
        Action::ToggleInput => s.input_open = !s.input_open,
    }
    s
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = reduce(&self, action);
        // An unchanged state re-renders nothing (drag-over fires continuously).
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "一、主要任务\n\
（一）加强创新平台建设。到2025年,新增研发机构10家。(责任单位:区科委;完成时限:2024年底前)\n\
（二）优化营商环境。(牵头单位:区商务委;配合单位:区科委)\n\
（三）完善人才政策。(责任单位:区人社局)\n";

    fn analysed() -> State {
        let s = State::new(String::new(), None, false);
        reduce(
            &s,
            Action::Done {
                text: PLAN.into(),
                analysis: Box::new(planlens_core::analyze(PLAN)),
                name: Some("方案.txt".into()),
            },
        )
    }

    fn analysis(s: &State) -> &Analysis {
        &s.doc.as_ref().unwrap().analysis.0
    }

    #[test]
    fn done_shows_the_analysis_and_resets_what_belonged_to_the_last_one() {
        let mut s = State::new("旧文本".into(), None, false);
        s.filter.search = "旧".into();
        s.task_limit = 5000;
        s.busy = Some(Stage::Analyzing);
        let rev = s.draft_rev;
        let s = reduce(
            &s,
            Action::Done {
                text: PLAN.into(),
                analysis: Box::new(planlens_core::analyze(PLAN)),
                name: Some("方案.txt".into()),
            },
        );
        assert_eq!(analysis(&s).measures.len(), 3);
        assert_eq!(&*s.draft, PLAN);
        assert_eq!(&*s.shown, PLAN);
        assert_eq!(s.draft_name.as_deref(), Some("方案.txt"));
        assert_ne!(s.draft_rev, rev, "the draft changed, so it is stored again");
        assert_eq!(s.busy, None);
        assert_eq!(s.filter, TaskFilter::default());
        assert_eq!(s.task_limit, PAGE);
    }

    #[test]
    fn a_row_opens_its_place_in_the_source_and_back_returns_to_it() {
        let s = analysed();
        let key = ItemKey::Measure(1);
        let rev = s.focus_rev;
        let s = reduce(
            &s,
            Action::ShowInSource {
                key,
                from: View::Tasks,
            },
        );
        assert_eq!(s.view, View::Source);
        assert_eq!(s.focus, Some(key));
        assert_eq!(s.source_offset, analysis(&s).measures[1].span[0]);
        assert_eq!(s.back, Some((View::Tasks, key)));
        assert_ne!(s.focus_rev, rev);
        let s = reduce(&s, Action::Back);
        assert_eq!((s.view, s.focus, s.back), (View::Tasks, Some(key), None));
    }

    #[test]
    fn a_note_highlight_opens_its_measure_row_with_the_filter_cleared() {
        let mut s = analysed();
        s.filter.search = "人才".into();
        s.filter.sort = SortKey::Lead;
        let s = reduce(&s, Action::ShowInView(ItemKey::Note(0)));
        assert_eq!(s.view, View::Tasks);
        assert_eq!(s.focus, Some(ItemKey::Measure(0)));
        assert_eq!(s.filter, TaskFilter::default());
    }

    #[test]
    fn opening_a_late_row_renders_enough_rows_to_show_it() {
        let s = analysed();
        let s = reduce(&s, Action::ShowInView(ItemKey::Warning(PAGE * 3)));
        assert_eq!(s.view, View::Overview);
        assert_eq!(s.warning_limit, PAGE * 3 + 1);
        let s = reduce(&s, Action::ShowInView(ItemKey::Target(PAGE + 7)));
        assert_eq!((s.view, s.target_limit), (View::Targets, PAGE + 8));
        let s = reduce(&s, Action::ShowInView(ItemKey::Section(0)));
        assert_eq!(s.view, View::Outline);
    }

    #[test]
    fn a_draft_too_large_to_keep_says_so_except_when_embedded() {
        let big = "字".repeat(DRAFT_MAX + 1);
        let s = reduce(
            &State::new(String::new(), None, false),
            Action::SetDraft(big.clone()),
        );
        assert_eq!(s.draft_note, Some(DraftNote::TooLarge));
        assert_eq!(s.shown.len(), big.len(), "what was typed stays in the box");
        let s = reduce(
            &State::new(String::new(), None, true),
            Action::SetDraft(big),
        );
        assert_eq!(s.draft_note, None);
        let s = reduce(&s, Action::DraftNotSaved);
        assert_eq!(s.draft_note, Some(DraftNote::StorageFull));
    }

    #[test]
    fn a_large_analysed_text_is_not_put_in_the_paste_box() {
        let big = "字".repeat(SHOW_MAX / 3 + 1);
        let s = reduce(
            &State::new(String::new(), None, false),
            Action::Done {
                text: big.clone(),
                analysis: Box::new(planlens_core::analyze("")),
                name: None,
            },
        );
        assert!(s.shown.is_empty());
        assert_eq!(s.draft.len(), big.len());
        assert_eq!(s.draft_note, None, "small enough to keep as the draft");
    }

    #[test]
    fn clear_forgets_the_draft_and_the_analysis() {
        let s = reduce(&analysed(), Action::SetView(View::Targets));
        let rev = s.draft_rev;
        let s = reduce(&s, Action::Clear);
        assert!(s.draft.is_empty() && s.shown.is_empty());
        assert_eq!(
            (s.doc.is_none(), s.view, s.draft_name.is_none()),
            (true, View::Overview, true)
        );
        assert_ne!(s.draft_rev, rev);
    }

    #[test]
    fn a_file_that_fails_leaves_the_draft_and_its_name() {
        let s = analysed();
        let s = reduce(
            &s,
            Action::Start {
                stage: Stage::Reading,
                name: Some("坏.docx".into()),
            },
        );
        assert_eq!(
            s.draft_name.as_deref(),
            Some("坏.docx"),
            "shown while it loads"
        );
        let s = reduce(&s, Action::Fail("错误".into()));
        assert_eq!(s.draft_name.as_deref(), Some("方案.txt"));
        assert_eq!(&*s.draft, PLAN);
        assert!(s.doc.is_some(), "the earlier analysis stays on screen");
    }

    #[test]
    fn clear_can_be_undone_until_the_next_action() {
        let s = analysed();
        let doc = s.doc.clone();
        let s = reduce(&s, Action::Clear);
        assert!(s.draft.is_empty() && s.doc.is_none() && s.undo.is_some());
        let rev = s.draft_rev;
        let back = reduce(&s, Action::UndoClear);
        assert_eq!(&*back.draft, PLAN);
        assert_eq!(back.doc, doc, "the analysis comes back too");
        assert_eq!(back.draft_name.as_deref(), Some("方案.txt"));
        assert_ne!(back.draft_rev, rev, "the draft is stored again");
        assert!(back.undo.is_none());
        let typed = reduce(&s, Action::SetDraft("新".into()));
        assert!(typed.undo.is_none(), "typing ends the chance to undo");
        assert_eq!(&*reduce(&typed, Action::UndoClear).draft, "新");
        assert!(reduce(&s, Action::DismissUndo).undo.is_none());
        let empty = reduce(&State::new(String::new(), None, false), Action::Clear);
        assert!(empty.undo.is_none(), "nothing to undo");
    }

    #[test]
    fn the_stored_draft_is_restored_only_into_an_untouched_page() {
        let restored = Action::Restored {
            text: PLAN.into(),
            name: Some("旧.txt".into()),
        };
        let s = reduce(&State::new(String::new(), None, false), restored);
        assert_eq!((&*s.draft, &*s.shown), (PLAN, PLAN));
        assert_eq!(s.draft_rev, 0, "not written back");
        let typed = reduce(
            &State::new(String::new(), None, false),
            Action::SetDraft("新".into()),
        );
        let s = reduce(
            &typed,
            Action::Restored {
                text: PLAN.into(),
                name: None,
            },
        );
        assert_eq!(&*s.draft, "新");
    }

    #[test]
    fn sorting_by_the_same_column_twice_flips_the_order() {
        let s = reduce(&analysed(), Action::SortBy(SortKey::Lead));
        assert_eq!((s.filter.sort, s.filter.ascending), (SortKey::Lead, true));
        let s = reduce(&s, Action::SortBy(SortKey::Lead));
        assert!(!s.filter.ascending);
        let s = reduce(&s, Action::SortBy(SortKey::Deadline));
        assert_eq!(
            (s.filter.sort, s.filter.ascending),
            (SortKey::Deadline, true)
        );
    }

    #[test]
    fn searching_starts_the_table_at_its_first_page() {
        let s = reduce(&analysed(), Action::MoreTasks);
        assert!(s.task_limit > PAGE);
        let s = reduce(&s, Action::SetSearch("人才".into()));
        assert_eq!((s.filter.search.as_str(), s.task_limit), ("人才", PAGE));
    }

    #[test]
    fn an_unchanged_state_compares_equal_so_nothing_re_renders() {
        let s = analysed();
        assert!(reduce(&s, Action::Dragging(false)) == s);
        assert!(reduce(&s, Action::Dragging(true)) != s);
    }

    #[test]
    fn corrections_are_applied_undone_and_carried_over_to_the_changed_text() {
        let s = analysed();
        let hash = s.edit.hash.clone();
        assert_eq!(hash, crate::corrections::doc_hash(PLAN));
        assert!(!s.edit.loaded);
        let s = reduce(
            &s,
            Action::CorrectionsLoaded {
                hash: hash.clone(),
                corrections: None,
            },
        );
        assert!(s.edit.loaded);
        let rev = s.edit.rev;
        let s = reduce(
            &s,
            Action::Correct(Op::Measure {
                id: "m3".into(),
                field: crate::corrections::MeasureField::Lead(vec!["区教育局".into()]),
            }),
        );
        assert_ne!(s.edit.rev, rev, "the corrections are saved again");
        assert_eq!(
            analysis(&s).measures[2].lead,
            ["区教育局"].map(std::sync::Arc::<str>::from)
        );
        assert!(analysis(&s).measures[2].edited);
        assert!(analysis(&s).units.iter().any(|u| u.name == "区教育局"));
        assert!(s.edit.shown.edited("m3", "lead"));
        let undone = reduce(&s, Action::Undo);
        assert_eq!(
            analysis(&undone).measures[2].lead,
            ["区人社局"].map(std::sync::Arc::<str>::from)
        );
        let s = reduce(&undone, Action::Redo);
        assert_eq!(
            analysis(&s).measures[2].lead,
            ["区教育局"].map(std::sync::Arc::<str>::from)
        );
        // the text changes: 已过期, then the re-analysis keeps the correction
        let changed = PLAN.replace("优化营商环境", "持续优化营商环境");
        let s = reduce(&s, Action::SetDraft(changed.clone()));
        assert!(s.edit.stale);
        let s = reduce(
            &s,
            Action::Done {
                text: changed.clone(),
                analysis: Box::new(planlens_core::analyze(&changed)),
                name: None,
            },
        );
        assert!(!s.edit.stale);
        let new_hash = s.edit.hash.clone();
        assert_ne!(new_hash, hash);
        let s = reduce(
            &s,
            Action::CorrectionsLoaded {
                hash: "other".into(),
                corrections: None,
            },
        );
        assert!(!s.edit.loaded, "another document's corrections are ignored");
        let s = reduce(
            &s,
            Action::CorrectionsLoaded {
                hash: new_hash,
                corrections: None,
            },
        );
        assert_eq!(
            analysis(&s).measures[2].lead,
            ["区教育局"].map(std::sync::Arc::<str>::from)
        );
        assert!(s.edit.shown.lost.is_empty());
        let s = reduce(&s, Action::ShowOnly(crate::corrections::Only::Edited));
        assert!(s.filter.active());
        let s = reduce(&s, Action::Clear);
        assert!(s.edit.corrections.is_empty() && s.edit.base.is_none());
    }

    #[test]
    fn item_keys_name_elements_by_the_analysis_ids() {
        let s = analysed();
        let a = analysis(&s);
        assert_eq!(
            ItemKey::Measure(0).slug(a).as_deref(),
            Some(a.measures[0].id.as_str())
        );
        assert_eq!(
            ItemKey::Note(0).slug(a),
            Some(format!("note-{}", a.measures[0].id))
        );
        assert_eq!(
            ItemKey::Target(0).slug(a).as_deref(),
            Some(a.targets[0].id.as_str())
        );
        let second = section(&a.outline, 1).unwrap();
        assert_eq!(second.id, a.outline[0].children[0].id, "pre-order");
        assert_eq!(
            ItemKey::Section(1).slug(a),
            Some(format!("o-{}", second.id))
        );
        assert_eq!(ItemKey::Measure(99).slug(a), None);
        assert_eq!(
            ItemKey::Section(0).start(a),
            Some(a.outline[0].heading_span[0])
        );
    }

    #[test]
    fn a_file_that_fails_to_open_names_itself_and_gives_the_draft_its_name_back() {
        let s = analysed();
        let s = reduce(
            &s,
            Action::Start {
                stage: Stage::Reading,
                name: Some("新文件.docx".into()),
            },
        );
        assert_eq!(s.draft_name.as_deref(), Some("新文件.docx"));
        let s = reduce(&s, Action::Fail("文件已损坏。".into()));
        assert!(
            s.doc.is_some(),
            "the draft's own results stay, under its own name"
        );
        assert_eq!(
            s.draft_name.as_deref(),
            Some("方案.txt"),
            "the draft's own name"
        );
        assert_eq!(&*s.draft, PLAN);
        assert!(s.error.as_deref().unwrap().contains("新文件.docx"));
        assert!(s.input_open);
        // A failure of the same text (no new name) keeps what is shown.
        let s = analysed();
        let s = reduce(
            &s,
            Action::Start {
                stage: Stage::Analyzing,
                name: Some("方案.txt".into()),
            },
        );
        let s = reduce(&s, Action::Fail("出错".into()));
        assert!(s.doc.is_some());
    }

    #[test]
    fn the_paste_box_folds_after_an_analysis_and_reopens() {
        let s = analysed();
        assert!(!s.input_open);
        let s = reduce(&s, Action::ToggleInput);
        assert!(s.input_open);
        assert!(reduce(&s, Action::Clear).input_open);
    }

    #[test]
    fn merged_units_are_on_screen_and_the_document_keeps_its_wording() {
        const TWO: &str = "一、主要任务\n（一）加强平台建设。(责任单位:区发改委)\n（二）优化环境。(牵头单位:区发展和改革委员会)\n";
        let s = reduce(
            &State::new(String::new(), None, false),
            Action::Done {
                text: TWO.into(),
                analysis: Box::new(planlens_core::analyze(TWO)),
                name: None,
            },
        );
        let shown = s.on_screen().unwrap();
        assert_eq!(shown.unit_variants.len(), 1);
        let names = shown.unit_variants[0].clone();
        let s = reduce(&s, Action::SelectUnit(Some("区发改委".into())));
        let s = reduce(
            &s,
            Action::MergeUnits {
                canonical: "区发展和改革委员会".into(),
                names,
            },
        );
        let shown = s.on_screen().unwrap();
        assert_eq!(shown.units.len(), 1);
        assert_eq!(shown.units[0].name, "区发展和改革委员会");
        assert_eq!(shown.units[0].lead.len(), 2);
        assert_eq!(s.selected_unit.as_deref(), Some("区发展和改革委员会"));
        assert_eq!(
            analysis(&s).units.len(),
            2,
            "the document's own analysis is untouched"
        );
        let s = reduce(&s, Action::UnmergeUnit("区发展和改革委员会".into()));
        assert_eq!(s.on_screen().unwrap().units.len(), 2);
        let group = s.on_screen().unwrap().unit_variants[0].clone();
        let s = reduce(&s, Action::KeepUnitsApart(group));
        assert!(s.on_screen().unwrap().unit_variants.is_empty());
        assert!(!s.has_corrections());
    }
}
