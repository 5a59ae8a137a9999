//! 原文: the analysed text with measures, responsibility notes, targets, headings
//! and warnings highlighted; long texts a page at a time. User text only ever
//! becomes text nodes.

use super::props_eq;
use planlens_core::{Analysis, OutlineNode};
use planlens_web::corrections::Op;
use planlens_web::marks::{self, Mark, Nested};
use planlens_web::state::{section_slug, ItemKey, View};
use planlens_web::ByPtr;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// 原文 is shown a page of about this many chars at a time (pages end at line breaks).
const SOURCE_PAGE: usize = 150_000;

#[derive(Properties)]
pub struct SourceViewProps {
    pub analysis: Rc<Analysis>,
    pub text: Rc<str>,
    /// A char offset on the page to show.
    pub offset: usize,
    pub focus: Option<ItemKey>,
    /// The view ← 返回 goes back to.
    pub back: Option<View>,
    pub on_mark: Callback<ItemKey>,
    pub on_page: Callback<usize>,
    pub on_back: Callback<()>,
    /// 添加为任务 / 添加为指标 from a selection.
    pub on_edit: Callback<Op>,
}
props_eq!(SourceViewProps {
    ptr: [analysis, text],
    value: [offset, focus, back, on_mark, on_page, on_back, on_edit]
});

/// The selection inside the shown page as a char span of the whole text and its
/// text; `lo` is where the page starts.
fn selection_span(root: &web_sys::Element, text: &str, lo: usize) -> Option<([usize; 2], String)> {
    let window = web_sys::window()?;
    let sel = window.get_selection().ok()??;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let r = sel.get_range_at(0).ok()?;
    let start_node = r.start_container().ok()?;
    if !root.contains(Some(&start_node)) {
        return None;
    }
    let doc = window.document()?;
    let pre = doc.create_range().ok()?;
    pre.select_node_contents(root).ok()?;
    pre.set_end(&start_node, r.start_offset().ok()?).ok()?;
    let before = String::from(pre.to_string());
    let picked = String::from(r.to_string());
    let start = lo + before.chars().count();
    let len = picked.chars().count();
    // trim what the selection took of the surrounding whitespace
    let lead = picked.chars().take_while(|c| c.is_whitespace()).count();
    let trimmed = picked.trim();
    if trimmed.is_empty() {
        return None;
    }
    let s = start + lead;
    let e = s + trimmed.chars().count();
    let at: String = text.chars().skip(s).take(e - s).collect();
    (at == trimmed && e <= start + len).then(|| ([s, e], trimmed.to_string()))
}

fn class(key: ItemKey) -> &'static str {
    match key {
        ItemKey::Section(_) => "hl hl-heading",
        ItemKey::Measure(_) => "hl hl-measure",
        ItemKey::Note(_) => "hl hl-note",
        ItemKey::Target(_) => "hl hl-target",
        ItemKey::Warning(_) => "hl hl-warning",
    }
}

/// Element ids of the sections, in pre-order (`ItemKey::Section` indexes it).
fn section_slugs(nodes: &[OutlineNode], out: &mut Vec<String>) {
    for n in nodes {
        out.push(section_slug(n));
        section_slugs(&n.children, out);
    }
}

struct Page<'a> {
    text: &'a str,
    a: &'a Analysis,
    marks: &'a [Mark],
    sections: &'a [String],
    byte_at: HashMap<usize, usize>,
    focus: Option<ItemKey>,
    on_mark: &'a Callback<ItemKey>,
}

impl Page<'_> {
    fn slice(&self, s: usize, e: usize) -> Html {
        let (bs, be) = (self.byte_at[&s], self.byte_at[&e]);
        if bs >= be {
            Html::default()
        } else {
            Html::from(self.text[bs..be].to_string())
        }
    }

    fn slug(&self, key: ItemKey) -> String {
        match key {
            ItemKey::Section(i) => self.sections.get(i).cloned().unwrap_or_default(),
            k => k.slug(self.a).unwrap_or_default(),
        }
    }

    fn node(&self, n: &Nested) -> Html {
        let m = &self.marks[n.mark];
        let inner = self.range(m.start, m.end, &n.children);
        let current = self.focus == Some(m.key)
            || matches!(m.key, ItemKey::Note(i) if self.focus == Some(ItemKey::Measure(i)));
        let anchor = m.start == m.end;
        let class = classes!(
            class(m.key),
            current.then_some("current"),
            anchor.then_some("anchor")
        );
        let key = m.key;
        let on_mark = self.on_mark.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            // a drag that selected text is not a click on the highlight
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting {
                on_mark.emit(key);
            }
        });
        let id = format!("src-{}", self.slug(key));
        let tabindex = if current { Some("-1") } else { None };
        html! { <mark {id} {class} {onclick} {tabindex}>{ inner }</mark> }
    }

    fn range(&self, start: usize, end: usize, children: &[Nested]) -> Html {
        let mut parts: Vec<Html> = Vec::with_capacity(children.len() * 2 + 1);
        let mut pos = start;
        for c in children {
            let m = &self.marks[c.mark];
            if m.start > pos {
                parts.push(self.slice(pos, m.start));
            }
            parts.push(self.node(c));
            pos = m.end;
        }
        if end > pos {
            parts.push(self.slice(pos, end));
        }
        parts.into_iter().collect::<Html>()
    }
}

/// The chars `lo..hi` of the text with the marks that overlap them (clipped).
fn render(
    text: &str,
    a: &Analysis,
    all_marks: &[Mark],
    (lo, hi): (usize, usize),
    focus: Option<ItemKey>,
    on_mark: &Callback<ItemKey>,
) -> Html {
    let total = text.chars().count();
    let (lo, hi) = (lo.min(total), hi.min(total));
    let marks = marks::clip(all_marks, lo, hi);
    // char offset -> byte offset for every boundary needed
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.push(lo);
    bounds.push(hi);
    planlens_web::order::sort_dedup(&mut bounds);
    let mut byte_at = HashMap::with_capacity(bounds.len());
    let mut bi = 0;
    for (ci, (b, _)) in text.char_indices().enumerate() {
        while bi < bounds.len() && bounds[bi] == ci {
            byte_at.insert(ci, b);
            bi += 1;
        }
        if bi >= bounds.len() {
            break;
        }
    }
    for &c in &bounds[bi..] {
        byte_at.insert(c, text.len());
    }
    let mut sections = vec![];
    section_slugs(&a.outline, &mut sections);
    let tree = marks::nest(&marks, hi);
    let page = Page {
        text,
        a,
        marks: &marks,
        sections: &sections,
        byte_at,
        focus,
        on_mark,
    };
    page.range(lo, hi, &tree)
}

#[component]
pub fn SourceView(p: &SourceViewProps) -> Html {
    let all_marks = use_memo(ByPtr(p.analysis.clone()), |a| marks::marks(&a.0));
    let pages = use_memo(ByPtr(p.text.clone()), |t| marks::pages(&t.0, SOURCE_PAGE));
    let page = pages
        .partition_point(|&start| start <= p.offset)
        .saturating_sub(1);
    let range = (
        pages[page],
        pages.get(page + 1).copied().unwrap_or(usize::MAX),
    );
    // The highlighted page is the costly part: rebuilt only when what it shows changes.
    let body = {
        let (all_marks, on_mark) = (all_marks.clone(), p.on_mark.clone());
        use_memo(
            (
                ByPtr(p.analysis.clone()),
                ByPtr(p.text.clone()),
                range,
                p.focus,
            ),
            move |(a, text, range, focus)| {
                render(&text.0, &a.0, &all_marks, *range, *focus, &on_mark)
            },
        )
    };
    let goto = |to: usize| {
        let at = pages[to];
        p.on_page.reform(move |_: MouseEvent| at)
    };
    let pager = (pages.len() > 1).then(|| html! {
        <span class="pager">
            <button id="src-prev" disabled={page == 0} onclick={goto(page.saturating_sub(1))}>{ "上一页" }</button>
            <span>{ format!("原文第 {} / {} 页", page + 1, pages.len()) }</span>
            <button id="src-next" disabled={page + 1 >= pages.len()} onclick={goto((page + 1).min(pages.len() - 1))}>{ "下一页" }</button>
        </span>
    });
    let root = use_node_ref();
    let sel = use_state(|| None::<([usize; 2], String)>);
    let on_select = {
        let (root, sel, text, lo) = (root.clone(), sel.clone(), p.text.clone(), range.0);
        Callback::from(move |_: web_sys::Event| {
            let got = root
                .cast::<web_sys::Element>()
                .and_then(|r| selection_span(&r, &text, lo));
            if *sel != got {
                sel.set(got);
            }
        })
    };
    let sel_tools = sel.as_ref().map(|(span, t)| {
        let add = |target: bool| {
            let (span, t, on_edit, sel) = (*span, t.clone(), p.on_edit.clone(), sel.clone());
            Callback::from(move |_: MouseEvent| {
                if target {
                    // The worker reads the target in the passage; the edit is recorded
                    // with what it found, so replaying it needs no analysis.
                    let (on_edit, text) = (on_edit.clone(), t.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let found = crate::worker::find_target(text.clone())
                            .await
                            .ok()
                            .flatten()
                            .map(Box::new);
                        on_edit.emit(Op::AddTarget { span, text, found });
                    });
                } else {
                    on_edit.emit(Op::AddMeasure { span, text: t.clone() });
                }
                sel.set(None);
                if let Some(s) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
                    let _ = s.remove_all_ranges();
                }
            })
        };
        let keep = Callback::from(|e: MouseEvent| e.prevent_default());
        html! {
            <span class="sel-tools" id="sel-tools" role="group" aria-label="所选文字">
                <span class="muted">{ format!("已选 {} 字:", t.chars().count()) }</span>
                <button id="btn-add-measure" onmousedown={keep.clone()} onclick={add(false)}>{ "添加为任务" }</button>
                <button id="btn-add-target" onmousedown={keep} onclick={add(true)}>{ "添加为指标" }</button>
            </span>
        }
    });
    let back = p.back.map(|view| {
        html! { <button id="btn-back" class="back" onclick={p.on_back.reform(|_: MouseEvent| ())}>{ format!("← 返回{}", view.label()) }</button> }
    });
    html! {
        <div class="source-wrap">
            <div class="source-bar">
                { back.unwrap_or_default() }
                <span class="legend">
                    <mark class="hl hl-measure">{ "任务" }</mark>
                    <mark class="hl hl-note">{ "责任/时限" }</mark>
                    <mark class="hl hl-target">{ "指标" }</mark>
                    <mark class="hl hl-heading">{ "标题" }</mark>
                    <mark class="hl hl-warning">{ "提示" }</mark>
                </span>
                if let Some(tools) = sel_tools {
                    { tools }
                } else {
                    <span class="muted">{ "点击高亮处可跳回对应表格行;选中文字可添加为任务或指标" }</span>
                }
                { pager.unwrap_or_default() }
            </div>
            <div class="source" id="source-text" lang="zh-CN" ref={root}
                onmouseup={on_select.reform(|e: MouseEvent| web_sys::Event::from(e))}
                onkeyup={on_select.reform(|e: KeyboardEvent| web_sys::Event::from(e))}>
                { (*body).clone() }
            </div>
        </div>
    }
}
