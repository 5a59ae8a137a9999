//! The app: one `use_reducer` state, input (paste, file picker, drop anywhere,
//! 示例), the view tabs and the views.

use crate::components::{
    EditBar, InputPanel, OutlineView, Overview, RecentList, SourceView, Tabs, TargetTable,
    TaskTable, Toolbar, UnitsView,
};
use crate::effects::{self, Dispatch};
use crate::{alias_store, api, embed, files, store, worker};
use planlens_web::corrections::{Only, Recent};
use planlens_web::jobs::Stopped;
use planlens_web::protocol::{Job, Stage};
use planlens_web::state::{Action, ItemKey, View, SHOW_MAX};
use planlens_web::tasks::SortKey;
use std::rc::Rc;
use yew::prelude::*;

const SAMPLE_NAME: &str = "示例:虹口区建设科技创新体系实施方案.txt";

/// Analyse a job in the worker and put the result into the state.
pub fn analyze(dispatch: Dispatch, job: Job, name: Option<String>) {
    let ticket = worker::Ticket::take();
    dispatch.dispatch(Action::Start {
        stage: Stage::Analyzing,
        name: name.clone(),
    });
    wasm_bindgen_futures::spawn_local(async move {
        let d = dispatch.clone();
        let progress: Rc<dyn Fn(Stage)> = Rc::new(move |s| {
            if ticket.is_current() {
                d.dispatch(Action::Progress(s))
            }
        });
        let result = worker::run(job, progress).await;
        if !ticket.is_current() {
            return; // cancelled, or a newer job is running
        }
        match result {
            Ok(out) => dispatch.dispatch(Action::Done {
                text: out.text,
                analysis: Box::new(out.analysis),
                name,
            }),
            Err(message) => dispatch.dispatch(Action::Fail(message)),
        }
    });
}

/// Read a dropped or picked file and analyse it.
pub fn open_file(dispatch: Dispatch, file: web_sys::File) {
    let name = file.name();
    let ticket = worker::Ticket::take();
    dispatch.dispatch(Action::Start {
        stage: Stage::Reading,
        name: Some(name.clone()),
    });
    wasm_bindgen_futures::spawn_local(async move {
        let d = dispatch.clone();
        let result = files::read(file, move || d.dispatch(Action::Progress(Stage::Pdf))).await;
        if !ticket.is_current() {
            return; // cancelled, or a newer job is running
        }
        match result {
            Ok(job) => analyze(dispatch, job, Some(name)),
            Err(message) => dispatch.dispatch(Action::Fail(message)),
        }
    });
}

/// A callback that dispatches the action made of its argument; the same callback
/// on every render, so the components it is given to skip needless renders.
#[hook]
fn use_send<T: 'static, F: Fn(T) -> Action + 'static>(dispatch: &Dispatch, make: F) -> Callback<T> {
    let dispatch = dispatch.clone();
    use_callback((), move |x: T, _| dispatch.dispatch(make(x)))
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(effects::initial_state);
    let dispatch = state.dispatcher();
    alias_store::use_alias_load(dispatch.clone());
    effects::use_draft_storage(&state, dispatch.clone());
    effects::use_undo_timeout(&state, dispatch.clone());
    effects::use_scroll_to_focus(&state);
    store::use_corrections_storage(&state, dispatch.clone());
    store::use_recent(&state, dispatch.clone());
    alias_store::use_alias_storage(&state);
    // `planlens.current()`: the analysis on screen, merged names applied.
    {
        let shown = state.on_screen().map(planlens_web::ByPtr);
        let text = state.doc.as_ref().map(|d| d.text.clone());
        use_effect_with((shown, text), |(shown, text)| {
            api::set_current(
                shown.as_ref().map(|a| a.0.clone()),
                text.as_ref().map(|t| t.0.clone()),
            );
        });
    }
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo corrections, except while typing
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            use wasm_bindgen::JsCast;
            let on_key = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
                move |e: web_sys::KeyboardEvent| {
                    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                        return;
                    }
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                                || el.is_content_editable()
                        });
                    if typing {
                        return;
                    }
                    let action = match e.key().to_ascii_lowercase().as_str() {
                        "z" if e.shift_key() => Action::Redo,
                        "z" => Action::Undo,
                        "y" => Action::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.dispatch(action);
                },
            );
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                let _ =
                    d.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
            }
            on_key.forget();
        });
    }

    // On start: re-analyse the kept draft, so a reload shows what was there.
    {
        let dispatch = dispatch.clone();
        let embed = state.embed;
        use_effect_with((), move |_| {
            worker::prewarm();
            if embed {
                embed::start(dispatch);
            } else {
                crate::drafts::restore(dispatch);
            }
        });
    }

    let on_show = {
        let dispatch = dispatch.clone();
        use_callback(state.view, move |key: ItemKey, from: &View| {
            dispatch.dispatch(Action::ShowInSource { key, from: *from })
        })
    };
    let on_view = use_send(&dispatch, Action::SetView);
    let on_mark = use_send(&dispatch, Action::ShowInView);
    let on_back = use_send(&dispatch, |()| Action::Back);
    let on_page = use_send(&dispatch, Action::SourceAt);
    let on_search = use_send(&dispatch, Action::SetSearch);
    let on_unit = use_send(&dispatch, Action::SetUnitFilter);
    let on_sort = use_send(&dispatch, |k: SortKey| Action::SortBy(k));
    let on_select_unit = use_send(&dispatch, |u: String| Action::SelectUnit(Some(u)));
    let on_more_tasks = use_send(&dispatch, |()| Action::MoreTasks);
    let on_more_targets = use_send(&dispatch, |()| Action::MoreTargets);
    let on_more_warnings = use_send(&dispatch, |()| Action::MoreWarnings);
    let on_input = use_send(&dispatch, Action::SetDraft);
    let on_toggle_input = use_send(&dispatch, |()| Action::ToggleInput);
    let on_merge = use_send(&dispatch, |(canonical, names): (String, Vec<String>)| {
        Action::MergeUnits { canonical, names }
    });
    let on_unmerge = use_send(&dispatch, Action::UnmergeUnit);
    let on_apart = use_send(&dispatch, Action::KeepUnitsApart);
    let on_export_aliases = {
        let list = state.aliases.clone();
        Callback::from(move |()| alias_store::export(&list))
    };
    let on_import_aliases = {
        let dispatch = dispatch.clone();
        use_callback((), move |file: web_sys::File, _| {
            alias_store::import(dispatch.clone(), file)
        })
    };
    let on_clear = use_send(&dispatch, |()| Action::Clear);
    let on_edit = use_send(&dispatch, Action::Correct);
    let on_only = use_send(&dispatch, |o: Only| Action::ShowOnly(o));
    let on_undo = use_send(&dispatch, |()| Action::Undo);
    let on_redo = use_send(&dispatch, |()| Action::Redo);
    let on_dismiss = use_send(&dispatch, |()| Action::DismissLost);
    let on_recent = {
        let dispatch = dispatch.clone();
        use_callback((), move |r: Recent, _| {
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match store::load_text(&r.hash).await {
                    Some(text) => {
                        let name = r.name.clone().or(Some(r.title.clone()));
                        let job = Job::Text {
                            text,
                            name: name.clone(),
                        };
                        analyze(dispatch, job, name);
                    }
                    None => dispatch.dispatch(Action::Fail(
                        "这份方案的原文未保存在本机,请重新打开文件。".into(),
                    )),
                }
            })
        })
    };
    let on_undo_clear = use_send(&dispatch, |_: MouseEvent| Action::UndoClear);
    let on_cancel = {
        let dispatch = dispatch.clone();
        use_callback((), move |_: MouseEvent, _| {
            worker::cancel();
            files::cancel_pdf();
            dispatch.dispatch(Action::Fail(Stopped::Cancelled.message()));
        })
    };
    let on_file = {
        let dispatch = dispatch.clone();
        use_callback((), move |file: web_sys::File, _| {
            open_file(dispatch.clone(), file)
        })
    };
    let on_sample = {
        let dispatch = dispatch.clone();
        use_callback((), move |(), _| {
            // the sample's text comes back with its analysis (jobs::SAMPLE)
            let name = Some(SAMPLE_NAME.to_string());
            let job = Job::Sample {
                name: SAMPLE_NAME.to_string(),
            };
            analyze(dispatch.clone(), job, name);
        })
    };
    let on_analyze = {
        let dispatch = dispatch.clone();
        let (draft, name) = (state.draft.clone(), state.draft_name.clone());
        Callback::from(move |()| {
            if draft.trim().is_empty() {
                dispatch.dispatch(Action::Fail("请先粘贴文本,或打开一个文件。".into()));
                return;
            }
            let job = Job::Text {
                text: draft.to_string(),
                name: name.clone(),
            };
            analyze(dispatch.clone(), job, name.clone());
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
            if let Some(file) = files::first_file(e.data_transfer()) {
                open_file(dispatch.clone(), file);
            }
        })
    };

    let input_panel = (!state.embed).then(|| {
        let big = state.shown.is_empty() && state.draft.len() > SHOW_MAX;
        html! {
            <InputPanel shown={state.shown.clone()} draft_bytes={state.draft.len()}
                draft_chars={if big { state.draft.chars().count() } else { 0 }}
                busy={state.busy.is_some()} draft_name={state.draft_name.clone()}
                draft_note={state.draft_note} {on_input} {on_analyze} {on_sample} {on_clear} {on_file}
                open={state.input_open} can_fold={state.doc.is_some()} on_toggle={on_toggle_input} />
        }
    });

    let on_screen = state.on_screen();
    let results = state.doc.as_ref().zip(on_screen.clone()).map(|(doc, a)| {
        let body = match state.view {
            View::Overview => html! {
                <Overview analysis={a.clone()} warning_limit={state.warning_limit}
                    on_view={on_view.clone()} on_show={on_show.clone()} on_more={on_more_warnings} />
            },
            View::Tasks => html! {
                <TaskTable analysis={a.clone()} filter={state.filter.clone()} limit={state.task_limit}
                    focus={state.focus} on_show={on_show.clone()} {on_search} {on_unit} {on_sort}
                    on_more={on_more_tasks} shown={state.edit.shown.clone()} on_edit={on_edit.clone()} {on_only} />
            },
            View::Targets => html! {
                <TargetTable analysis={a.clone()} limit={state.target_limit} focus={state.focus}
                    on_show={on_show.clone()} on_more={on_more_targets} shown={state.edit.shown.clone()}
                    on_edit={on_edit.clone()} />
            },
            View::Units => html! {
                <UnitsView analysis={a.clone()} selected={state.selected_unit.clone()}
                    on_select={on_select_unit} on_show={on_show.clone()} aliases={state.aliases.clone()}
                    {on_merge} {on_unmerge} {on_apart} {on_export_aliases} {on_import_aliases} />
            },
            View::Source => html! {
                // 原文 keeps the units as the text writes them.
                <SourceView analysis={doc.analysis.0.clone()} text={doc.text.0.clone()} offset={state.source_offset}
                    focus={state.focus} back={state.back.map(|(v, _)| v)} {on_mark} {on_page} {on_back}
                    on_edit={on_edit.clone()} />
            },
            View::Outline => html! { <OutlineView analysis={a.clone()} on_show={on_show.clone()} /> },
        };
        let title = a
            .meta
            .title
            .clone()
            .or_else(|| a.source.name.clone())
            .unwrap_or_default();
        let view = state.view;
        html! {
            <main class="results">
                <h2 class="print-only">{ format!("{title} · {}", view.label()) }</h2>
                <EditBar edits={state.edit.corrections.edits.len()} can_undo={state.edit.corrections.can_undo()}
                    can_redo={state.edit.corrections.can_redo()} stale={state.edit.stale}
                    shown={state.edit.shown.clone()} {on_undo} {on_redo} {on_dismiss} />
                <Tabs {view} measures={a.measures.len()} targets={a.targets.len()} units={a.units.len()}
                    on_select={on_view.clone()} />
                <section id="panel" role="tabpanel" class={classes!("panel", format!("view-{}", view.slug()))}
                    aria-labelledby={format!("tab-{}", view.slug())}>
                    { body }
                </section>
            </main>
        }
    });

    html! {
        <div class={classes!("app", state.dragging.then_some("dragging"), state.embed.then_some("embed"))}
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <header class="top">
                <h1>{ "planlens" }<span class="sub">{ " · 规划方案分析" }</span></h1>
                if let Some(a) = &on_screen {
                    <Toolbar analysis={a.clone()} filter={state.filter.clone()} />
                }
            </header>
            { input_panel.unwrap_or_default() }
            if !state.embed {
                <RecentList list={state.edit.recent.clone()} current={state.edit.hash.clone()} on_open={on_recent} />
            }
            <div class="status" role="status" aria-live="polite">
                if let Some(stage) = state.busy {
                    <div class="progress" id="progress"><span class="spinner" aria-hidden="true"></span>{ stage.label() }
                        <button id="btn-cancel" class="cancel" onclick={on_cancel}>{ "取消" }</button></div>
                }
            </div>
            if state.undo.is_some() {
                <p class="note undo" id="undo-note" role="status">{ "已清空输入和分析结果。" }
                    <button id="btn-undo-clear" onclick={on_undo_clear}>{ "撤销" }</button></p>
            }
            if let Some(err) = &state.error {
                <p class="error" role="alert" id="error">{ err.clone() }</p>
            }
            if let Some(results) = results {
                { results }
            } else if state.busy.is_none() && state.embed {
                <section class="empty" id="embed-empty">
                    <p>{ "此页面嵌入在其他网页中,由所在网页提交方案文本:请在所在网页中粘贴或选择方案,分析结果会显示在这里。" }</p>
                    <p class="muted">{ "(开发者:调用 <plan-lens mode=\"app\"> 的 analyze(text),或发送 planlens-embed/1 的 analyze 消息,见 docs/web.md。)" }</p>
                </section>
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
