//! The app: one `use_reducer` state, input (paste, file picker, drop anywhere,
//! 示例), the view tabs, export, the local draft.

use crate::embed;
use crate::export;
use crate::views;
use crate::worker::{self, Job};
use planlens_core::Analysis;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

pub const SAMPLE: &str = include_str!("../www/sample.txt");
const DRAFT_KEY: &str = "planlens.draft.v1";
const DRAFT_NAME_KEY: &str = "planlens.draft.name.v1";
/// Drafts above this many UTF-16 units are not kept (localStorage is ~5 M units).
const DRAFT_MAX: usize = 4_000_000;
pub const PAGE: usize = 200;

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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortKey {
    Index,
    Section,
    Lead,
    Deadline,
}

/// One analysed document: the text its spans index and the analysis.
#[derive(Clone)]
pub struct Doc {
    pub text: Rc<str>,
    pub analysis: Rc<Analysis>,
}

pub struct State {
    /// The text to analyse (kept as the local draft).
    pub draft: AttrValue,
    /// What the paste box holds: the draft, or nothing when the app loaded a text
    /// too large to lay out in a textarea without freezing the tab.
    pub shown: AttrValue,
    pub draft_name: Option<String>,
    pub draft_note: Option<String>,
    pub doc: Option<Doc>,
    pub busy: Option<String>,
    pub error: Option<String>,
    pub view: View,
    /// The view to go back to from 原文, with the row to return to.
    pub back: Option<(View, String)>,
    /// The focused item (`m3`, `t2`, `w0`, `o-…`), highlighted where it is shown.
    pub focus: Option<String>,
    /// Bumped on every focus move, so the scroll effect runs even for the same item.
    pub focus_gen: u32,
    pub search: String,
    pub unit_filter: String,
    pub sort: (SortKey, bool),
    pub selected_unit: Option<String>,
    pub task_limit: usize,
    pub target_limit: usize,
    pub warning_limit: usize,
    /// Where 原文 is showing (char offset): large texts are shown a page at a time.
    pub source_offset: usize,
    pub dragging: bool,
    pub embed: bool,
    gen: u32,
}

pub enum Action {
    SetDraft(String),
    Start {
        stage: String,
        name: Option<String>,
    },
    Progress(String),
    Done {
        text: String,
        analysis: Analysis,
        name: Option<String>,
    },
    Fail(String),
    Clear,
    SetView(View),
    /// Show an item in 原文 (from a row in `from`).
    ShowInSource {
        key: String,
        from: View,
    },
    /// Show an item in its own view (from a highlight in 原文).
    ShowInView {
        key: String,
        view: View,
    },
    Back,
    SetSearch(String),
    SetUnitFilter(String),
    SortBy(SortKey),
    SelectUnit(Option<String>),
    MoreTasks,
    MoreTargets,
    MoreWarnings,
    SourceAt(usize),
    Dragging(bool),
}

/// Texts above this many bytes are not put into the paste box (a multi-MB
/// textarea costs seconds of layout); the analysis and 原文 still have them.
const SHOW_MAX: usize = 2_000_000;

impl State {
    fn show(&mut self, text: AttrValue) {
        self.shown = if text.len() <= SHOW_MAX {
            text
        } else {
            AttrValue::default()
        };
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = State {
            draft: self.draft.clone(),
            shown: self.shown.clone(),
            draft_name: self.draft_name.clone(),
            draft_note: self.draft_note.clone(),
            doc: self.doc.clone(),
            busy: self.busy.clone(),
            error: self.error.clone(),
            view: self.view,
            back: self.back.clone(),
            focus: self.focus.clone(),
            focus_gen: self.focus_gen,
            search: self.search.clone(),
            unit_filter: self.unit_filter.clone(),
            sort: self.sort,
            selected_unit: self.selected_unit.clone(),
            task_limit: self.task_limit,
            target_limit: self.target_limit,
            warning_limit: self.warning_limit,
            source_offset: self.source_offset,
            dragging: self.dragging,
            embed: self.embed,
            gen: self.gen,
        };
        match action {
            Action::SetDraft(text) => {
                s.draft_note = save_draft(&text, None, s.embed);
                s.draft = AttrValue::from(text);
                s.shown = s.draft.clone();
                s.draft_name = None;
            }
            Action::Start { stage, name } => {
                s.busy = Some(stage);
                s.error = None;
                if name.is_some() {
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
                s.gen += 1;
                s.draft_note = save_draft(&text, name.as_deref(), s.embed);
                s.draft_name = name;
                let text: Rc<str> = Rc::from(text);
                if *text != *s.draft {
                    s.show(AttrValue::from(text.clone()));
                }
                s.draft = AttrValue::from(text.clone());
                s.doc = Some(Doc {
                    text,
                    analysis: Rc::new(analysis),
                });
                s.focus = None;
                s.back = None;
                s.search.clear();
                s.unit_filter.clear();
                s.selected_unit = None;
                s.task_limit = PAGE;
                s.target_limit = PAGE;
                s.warning_limit = 100;
                s.source_offset = 0;
                s.sort = (SortKey::Index, true);
            }
            Action::Fail(message) => {
                s.busy = None;
                s.error = Some(message);
            }
            Action::Clear => {
                s.draft = AttrValue::default();
                s.show(AttrValue::default());
                s.draft_name = None;
                s.draft_note = None;
                s.doc = None;
                s.error = None;
                s.busy = None;
                s.focus = None;
                s.back = None;
                s.view = View::Overview;
                clear_draft();
            }
            Action::SetView(v) => {
                s.view = v;
                s.back = None;
            }
            Action::ShowInSource { key, from } => {
                if let Some(doc) = &s.doc {
                    if let Some(start) = span_of(&doc.analysis, &key) {
                        s.source_offset = start;
                    }
                }
                s.back = Some((from, key.clone()));
                s.view = View::Source;
                s.focus = Some(key);
                s.focus_gen += 1;
            }
            Action::ShowInView { key, view } => {
                // make sure the row is rendered
                if let Some(doc) = &s.doc {
                    let a = &doc.analysis;
                    fn pos<'a>(mut ids: impl Iterator<Item = &'a String>, key: &str) -> usize {
                        ids.position(|id| id == key).unwrap_or(0) + 1
                    }
                    match view {
                        View::Tasks => {
                            s.search.clear();
                            s.unit_filter.clear();
                            s.sort = (SortKey::Index, true);
                            s.task_limit = s
                                .task_limit
                                .max(pos(a.measures.iter().map(|m| &m.id), &key));
                        }
                        View::Targets => {
                            s.target_limit = s
                                .target_limit
                                .max(pos(a.targets.iter().map(|t| &t.id), &key));
                        }
                        View::Overview => {
                            if let Some(i) =
                                key.strip_prefix('w').and_then(|n| n.parse::<usize>().ok())
                            {
                                s.warning_limit = s.warning_limit.max(i + 1);
                            }
                        }
                        _ => {}
                    }
                }
                s.view = view;
                s.back = None;
                s.focus = Some(key);
                s.focus_gen += 1;
            }
            Action::Back => {
                if let Some((view, key)) = s.back.take() {
                    s.view = view;
                    s.focus = Some(key);
                    s.focus_gen += 1;
                }
            }
            Action::SetSearch(q) => {
                s.search = q;
                s.task_limit = PAGE;
            }
            Action::SetUnitFilter(u) => {
                s.unit_filter = u;
                s.task_limit = PAGE;
            }
            Action::SortBy(k) => {
                s.sort = if s.sort.0 == k {
                    (k, !s.sort.1)
                } else {
                    (k, true)
                };
            }
            Action::SelectUnit(u) => {
                s.selected_unit = u;
            }
            Action::MoreTasks => s.task_limit += PAGE * 5,
            Action::MoreTargets => s.target_limit += PAGE * 5,
            Action::MoreWarnings => s.warning_limit += 500,
            Action::SourceAt(offset) => s.source_offset = offset,
            Action::Dragging(d) => {
                if s.dragging == d {
                    return self;
                }
                s.dragging = d;
            }
        }
        Rc::new(s)
    }
}

/// Where an item starts in the text (char offset), by its key.
pub fn span_of(a: &Analysis, key: &str) -> Option<usize> {
    fn outline(nodes: &[planlens_core::OutlineNode], id: &str) -> Option<usize> {
        nodes.iter().find_map(|n| {
            if n.id == id {
                Some(n.heading_span[0])
            } else {
                outline(&n.children, id)
            }
        })
    }
    if let Some(id) = key.strip_prefix("o-") {
        return outline(&a.outline, id);
    }
    if let Some(i) = key.strip_prefix('w').and_then(|n| n.parse::<usize>().ok()) {
        return a.warnings.get(i).map(|w| w.span[0]);
    }
    let key = key.trim_start_matches("note-");
    a.measures
        .iter()
        .find(|m| m.id == key)
        .map(|m| m.span[0])
        .or_else(|| a.targets.iter().find(|t| t.id == key).map(|t| t.span[0]))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Keep the text as a local draft; returns a note for the user when it cannot be kept.
fn save_draft(text: &str, name: Option<&str>, embed: bool) -> Option<String> {
    if embed {
        return None; // an embedding host's text is not the user's draft
    }
    let st = storage()?;
    if text.len() > DRAFT_MAX * 3 || text.encode_utf16().count() > DRAFT_MAX {
        let _ = st.remove_item(DRAFT_KEY);
        return Some("文本过大,未保存为本地草稿(刷新后需重新打开文件)。".into());
    }
    if st.set_item(DRAFT_KEY, text).is_err() {
        return Some("浏览器存储空间不足,未保存本地草稿。".into());
    }
    match name {
        Some(n) => {
            let _ = st.set_item(DRAFT_NAME_KEY, n);
        }
        None => {
            let _ = st.remove_item(DRAFT_NAME_KEY);
        }
    }
    None
}

fn clear_draft() {
    if let Some(st) = storage() {
        let _ = st.remove_item(DRAFT_KEY);
        let _ = st.remove_item(DRAFT_NAME_KEY);
    }
}

fn load_draft() -> (String, Option<String>) {
    let Some(st) = storage() else {
        return (String::new(), None);
    };
    (
        st.get_item(DRAFT_KEY).ok().flatten().unwrap_or_default(),
        st.get_item(DRAFT_NAME_KEY).ok().flatten(),
    )
}

pub fn stage_label(stage: &str) -> &'static str {
    match stage {
        "reading" => "正在读取文件…",
        "pdf" => "正在提取 PDF 文字(首次使用需加载 PDF 组件)…",
        "decoding" => "正在解码文件…",
        "analyzing" => "正在分析…",
        "sending" => "正在整理结果…",
        _ => "正在处理…",
    }
}

pub type Dispatch = UseReducerDispatcher<State>;

/// Analyse a job in the worker and put the result into the state.
pub fn analyze(dispatch: Dispatch, job: Job, name: Option<String>) {
    dispatch.dispatch(Action::Start {
        stage: "analyzing".into(),
        name: name.clone(),
    });
    wasm_bindgen_futures::spawn_local(async move {
        let d = dispatch.clone();
        let progress: Rc<dyn Fn(String)> =
            Rc::new(move |s: String| d.dispatch(Action::Progress(s)));
        match worker::run(job, progress).await {
            Ok(out) => dispatch.dispatch(Action::Done {
                text: out.text,
                analysis: out.analysis,
                name,
            }),
            Err(message) => dispatch.dispatch(Action::Fail(message)),
        }
    });
}

fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    name.to_lowercase().ends_with(".pdf") || bytes.starts_with(b"%PDF")
}

/// The text pieces of a PDF through pdf.js, loaded on demand (index.html's
/// `planlensPdfPieces` → www/pdf-text.js), as the JSON the core's PDF decoder reads.
async fn pdf_pieces(bytes: &[u8]) -> Result<String, String> {
    const UNAVAILABLE: &str =
        "此版本无法读取 PDF(从本地磁盘打开的单文件版,浏览器不允许加载 PDF 组件):请使用部署在服务器上的版本,或将 PDF 另存为 .docx / .txt 后再打开。";
    let global = js_sys::global();
    let f = js_sys::Reflect::get(&global, &"planlensPdfPieces".into())
        .map_err(|_| UNAVAILABLE.to_string())?;
    let f: js_sys::Function = f.dyn_into().map_err(|_| UNAVAILABLE.to_string())?;
    let arr = js_sys::Uint8Array::from(bytes);
    let promise: js_sys::Promise = f
        .call1(&wasm_bindgen::JsValue::NULL, &arr)
        .map_err(|_| UNAVAILABLE.to_string())?
        .dyn_into()
        .map_err(|_| UNAVAILABLE.to_string())?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(v) => v.as_string().ok_or_else(|| UNAVAILABLE.to_string()),
        // The dynamic import of pdf.js failed (file://, or files missing).
        Err(_) => Err(UNAVAILABLE.to_string()),
    }
}

/// Read a dropped or picked file (gloo-file) and analyse it.
pub fn open_file(dispatch: Dispatch, file: web_sys::File) {
    let name = file.name();
    dispatch.dispatch(Action::Start {
        stage: "reading".into(),
        name: Some(name.clone()),
    });
    wasm_bindgen_futures::spawn_local(async move {
        let file = gloo_file::File::from(file);
        let bytes = match gloo_file::futures::read_as_bytes(&file).await {
            Ok(b) => b,
            Err(e) => {
                dispatch.dispatch(Action::Fail(format!("无法读取文件“{name}”:{e}")));
                return;
            }
        };
        if is_pdf(&name, &bytes) {
            dispatch.dispatch(Action::Progress("pdf".into()));
            match pdf_pieces(&bytes).await {
                Ok(json) => analyze(
                    dispatch,
                    Job::PdfJson {
                        json,
                        name: name.clone(),
                    },
                    Some(name),
                ),
                Err(m) => dispatch.dispatch(Action::Fail(m)),
            }
        } else {
            analyze(
                dispatch,
                Job::Bytes {
                    bytes,
                    name: name.clone(),
                },
                Some(name),
            );
        }
    });
}

fn first_file(dt: Option<web_sys::DataTransfer>) -> Option<web_sys::File> {
    dt?.files()?.get(0)
}

fn is_embed() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get("embed"))
        .is_some_and(|v| v == "1")
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let embed = is_embed();
        let (draft, name) = if embed {
            (String::new(), None)
        } else {
            load_draft()
        };
        let draft = AttrValue::from(draft);
        State {
            shown: if draft.len() <= SHOW_MAX {
                draft.clone()
            } else {
                AttrValue::default()
            },
            draft,
            draft_name: name,
            draft_note: None,
            doc: None,
            busy: None,
            error: None,
            view: View::Overview,
            back: None,
            focus: None,
            focus_gen: 0,
            search: String::new(),
            unit_filter: String::new(),
            sort: (SortKey::Index, true),
            selected_unit: None,
            task_limit: PAGE,
            target_limit: PAGE,
            warning_limit: 100,
            source_offset: 0,
            dragging: false,
            embed,
            gen: 0,
        }
    });
    let dispatch = state.dispatcher();

    // On start: re-analyse the kept draft, so a reload shows what was there.
    {
        let dispatch = dispatch.clone();
        let draft = state.draft.clone();
        let name = state.draft_name.clone();
        let embed = state.embed;
        use_effect_with((), move |_| {
            worker::prewarm();
            if embed {
                embed::start(dispatch);
            } else if !draft.is_empty() {
                analyze(
                    dispatch,
                    Job::Text {
                        text: draft.to_string(),
                        name: name.clone(),
                        format: "text".into(),
                    },
                    name,
                );
            }
        });
    }

    // Scroll to and focus the focused item after each focus move.
    {
        let key = state.focus.clone();
        let view = state.view;
        use_effect_with(state.focus_gen, move |_| {
            if let Some(key) = key {
                let id = if view == View::Source {
                    format!("src-{key}")
                } else {
                    format!("row-{key}")
                };
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&id))
                {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                        let fo = web_sys::FocusOptions::new();
                        fo.set_prevent_scroll(true);
                        let _ = h.focus_with_options(&fo);
                    }
                }
            }
        });
    }

    let on_input = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetDraft(ta.value()));
        })
    };
    let on_analyze = {
        let dispatch = dispatch.clone();
        let draft = state.draft.clone();
        let name = state.draft_name.clone();
        Callback::from(move |_: MouseEvent| {
            if draft.trim().is_empty() {
                dispatch.dispatch(Action::Fail("请先粘贴文本,或打开一个文件。".into()));
                return;
            }
            analyze(
                dispatch.clone(),
                Job::Text {
                    text: draft.to_string(),
                    name: name.clone(),
                    format: "text".into(),
                },
                name.clone(),
            );
        })
    };
    let on_sample = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let name = Some("示例:虹口区建设科技创新体系实施方案.txt".to_string());
            analyze(
                dispatch.clone(),
                Job::Text {
                    text: SAMPLE.to_string(),
                    name: name.clone(),
                    format: "text".into(),
                },
                name,
            );
        })
    };
    let on_clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Clear))
    };
    let on_pick = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(dispatch.clone(), file);
            }
            input.set_value("");
        })
    };
    let on_dragover = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dispatch.dispatch(Action::Dragging(true));
        })
    };
    let on_dragleave = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            // only when leaving the window
            if e.related_target().is_none() {
                dispatch.dispatch(Action::Dragging(false));
            }
        })
    };
    let on_drop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dispatch.dispatch(Action::Dragging(false));
            if let Some(file) = first_file(e.data_transfer()) {
                open_file(dispatch.clone(), file);
            }
        })
    };

    let busy = state.busy.as_deref().map(stage_label);
    let input_panel = if state.embed {
        Html::default()
    } else {
        html! {
            <section class="input" aria-labelledby="input-h">
                <h2 id="input-h" class="visually-hidden">{ "输入" }</h2>
                <label for="plan-text" class="input-label">
                    { "粘贴规划、实施方案的全文,或打开 / 拖入文件(.txt .docx .html .pdf)" }
                </label>
                <textarea id="plan-text" class="plan-text"
                    value={state.shown.clone()} oninput={on_input} spellcheck="false"
                    placeholder={if state.shown.is_empty() && state.draft.len() > SHOW_MAX {
                        format!("当前文本较大(约 {} 万字),未在输入框中显示;可在“原文”视图查看。在此粘贴可替换它。", state.draft.chars().count() / 10000)
                    } else { "在此粘贴文本…".to_string() }} />
                <div class="actions">
                    <button class="primary" id="btn-analyze" onclick={on_analyze} disabled={state.busy.is_some()}>{ "分析" }</button>
                    <label class="button" for="file-input">{ "打开文件…" }</label>
                    <input id="file-input" class="visually-hidden" type="file"
                        accept=".txt,.text,.docx,.html,.htm,.pdf,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        onchange={on_pick} />
                    <button id="btn-sample" onclick={on_sample} disabled={state.busy.is_some()}>{ "示例" }</button>
                    <button id="btn-clear" onclick={on_clear}>{ "重新开始" }</button>
                    if let Some(n) = &state.draft_name {
                        <span class="file-name" title="当前文件">{ n.clone() }</span>
                    }
                    <span class="hint">{ "全部在本机浏览器中处理,不上传任何内容。" }</span>
                </div>
                if let Some(note) = &state.draft_note {
                    <p class="note">{ note.clone() }</p>
                }
            </section>
        }
    };

    html! {
        <div class={classes!("app", state.dragging.then_some("dragging"), state.embed.then_some("embed"))}
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <header class="top">
                <h1>{ "planlens" }<span class="sub">{ " · 规划方案分析" }</span></h1>
                if let Some(doc) = &state.doc {
                    { export::toolbar(doc, &state) }
                }
            </header>
            { input_panel }
            <div class="status" role="status" aria-live="polite">
                if let Some(b) = busy {
                    <div class="progress" id="progress"><span class="spinner" aria-hidden="true"></span>{ b }</div>
                }
            </div>
            if let Some(err) = &state.error {
                <p class="error" role="alert" id="error">{ err.clone() }</p>
            }
            if let Some(doc) = &state.doc {
                { views::main(doc, &state, &dispatch) }
            } else if state.busy.is_none() {
                <section class="empty">
                    <p>{ "粘贴一份规划或实施方案,或把文件拖到页面任意位置,即可得到任务分解表(任务、牵头单位、配合单位、完成时限)和指标表。" }</p>
                    <p>{ "第一次使用?点“示例”看一份真实方案的分析结果。" }</p>
                </section>
            }
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ "松开鼠标以打开文件" }</p></div>
            }
        </div>
    }
}
