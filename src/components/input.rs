//! The paste box and its buttons: 分析, 打开文件…, 示例, 重新开始.

use planlens_web::state::{DraftNote, SHOW_MAX};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties)]
pub struct InputPanelProps {
    /// What the box holds (empty when the draft is too large to show).
    pub shown: Rc<str>,
    /// The draft's length in bytes and chars, for the note on a draft not shown.
    pub draft_bytes: usize,
    pub draft_chars: usize,
    pub busy: bool,
    pub draft_name: Option<String>,
    pub draft_note: Option<DraftNote>,
    pub on_input: Callback<String>,
    pub on_analyze: Callback<()>,
    pub on_sample: Callback<()>,
    pub on_clear: Callback<()>,
    pub on_file: Callback<web_sys::File>,
    /// Shown in full; folded to one line (after an analysis) otherwise.
    pub open: bool,
    /// Results are shown, so the box can fold.
    pub can_fold: bool,
    pub on_toggle: Callback<()>,
}

impl PartialEq for InputPanelProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.shown, &o.shown)
            && self.draft_bytes == o.draft_bytes
            && self.draft_chars == o.draft_chars
            && self.busy == o.busy
            && self.draft_name == o.draft_name
            && self.draft_note == o.draft_note
            && self.on_input == o.on_input
            && self.on_analyze == o.on_analyze
            && self.on_sample == o.on_sample
            && self.on_clear == o.on_clear
            && self.on_file == o.on_file
            && self.open == o.open
            && self.can_fold == o.can_fold
            && self.on_toggle == o.on_toggle
    }
}

#[component]
pub fn InputPanel(p: &InputPanelProps) -> Html {
    let on_input = p.on_input.reform(|e: InputEvent| {
        let ta: HtmlTextAreaElement = e.target_unchecked_into();
        ta.value()
    });
    let on_pick = {
        let on_file = p.on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let placeholder = if p.shown.is_empty() && p.draft_bytes > SHOW_MAX {
        format!(
            "当前文本较大(约 {} 万字),未在输入框中显示;可在“原文”视图查看。在此粘贴可替换它。",
            p.draft_chars / 10000
        )
    } else {
        "在此粘贴文本…".to_string()
    };
    let folded = p.can_fold && !p.open;
    let toggle = p.can_fold.then(|| {
        let (label, icon) = if folded {
            ("展开输入", "▸")
        } else {
            ("收起输入", "▾")
        };
        html! {
            <button id="btn-input-toggle" class="toggle" aria-expanded={(!folded).to_string()}
                aria-controls="plan-text" onclick={p.on_toggle.reform(|_: MouseEvent| ())}>
                <span aria-hidden="true">{ icon }</span>{ label }
            </button>
        }
    });
    html! {
        <section class={classes!("input", folded.then_some("folded"))} id="input-panel" aria-labelledby="input-h">
            <h2 id="input-h" class="visually-hidden">{ "输入" }</h2>
            // Folded, the box stays in the page (hidden), so what it holds is kept.
            <label for="plan-text" class="input-label" hidden={folded}>
                { "粘贴规划、实施方案的全文,或打开 / 拖入文件(.txt .docx .doc .html .pdf .xlsx .odt .ofd)" }
            </label>
            <textarea id="plan-text" class="plan-text" hidden={folded}
                value={AttrValue::from(p.shown.clone())} oninput={on_input} spellcheck="false" {placeholder} />
            <div class="actions">
                { toggle.unwrap_or_default() }
                <button class="primary" id="btn-analyze" onclick={p.on_analyze.reform(|_: MouseEvent| ())} disabled={p.busy}>{ "分析" }</button>
                <label class="button" for="file-input">{ "打开文件…" }</label>
                <input id="file-input" class="visually-hidden" type="file"
                    accept=".txt,.text,.docx,.doc,.wps,.html,.htm,.pdf,.xlsx,.xlsm,.et,.xls,.ods,.odt,.ofd,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet,application/ofd"
                    onchange={on_pick} />
                <button id="btn-sample" onclick={p.on_sample.reform(|_: MouseEvent| ())} disabled={p.busy}>{ "示例" }</button>
                <button id="btn-clear" onclick={p.on_clear.reform(|_: MouseEvent| ())}>{ "重新开始" }</button>
                if let Some(n) = &p.draft_name {
                    <span class="file-name" title="当前文件">{ n.clone() }</span>
                }
                if !folded {
                    <span class="hint">{ "全部在本机浏览器中处理,不上传任何内容。" }</span>
                }
            </div>
            if let Some(note) = p.draft_note {
                <p class="note">{ note.message() }</p>
            }
        </section>
    }
}
