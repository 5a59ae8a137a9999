//! Which kept drafts can go. Each tab keeps its own draft (`draft-tab/<tab>` points
//! at a text `draft/<ms>-<n>`), and `draft` points at the newest of any tab (what a
//! new tab opens with). A tab closed long ago leaves its draft behind; a text that no
//! record points to (a write cut short, an earlier version's) is left over too.

/// A tab's draft older than this is let go (its tab has not written for 30 days).
pub const TAB_DRAFT_DAYS: u64 = 30;
/// A text younger than this may still be on its way to its record (another tab's
/// write in progress): never taken for left over.
const IN_FLIGHT_MS: u64 = 10 * 60 * 1000;

/// The keys to delete, given the time now (ms), the newest-draft pointer, every tab
/// record (its key, the text it points at, when it was written) and every text key.
pub fn stale(
    now: u64,
    newest: Option<&str>,
    tabs: &[(String, String, u64)],
    texts: &[String],
) -> Vec<String> {
    let max_age = TAB_DRAFT_DAYS * 24 * 3600 * 1000;
    let mut out = vec![];
    let mut kept: Vec<&str> = newest.into_iter().collect();
    for (tab_key, text_key, at) in tabs {
        if now.saturating_sub(*at) > max_age {
            out.push(tab_key.clone());
        } else {
            kept.push(text_key);
        }
    }
    for t in texts {
        let written = t
            .strip_prefix("draft/")
            .and_then(|rest| rest.split('-').next())
            .and_then(|ms| ms.parse::<u64>().ok());
        let young = written.is_some_and(|ms| now.saturating_sub(ms) < IN_FLIGHT_MS);
        if !young && !kept.contains(&t.as_str()) {
            out.push(t.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 24 * 3600 * 1000;

    #[test]
    fn a_closed_tabs_old_draft_and_unreferenced_texts_go_the_rest_stay() {
        let now = 100 * DAY;
        let texts: Vec<String> = [
            format!("draft/{}-1", now - 40 * DAY), // old tab's text
            format!("draft/{}-2", now - DAY),      // live tab's text
            format!("draft/{}-3", now - 2 * DAY),  // the newest pointer's
            format!("draft/{}-4", now - 3 * DAY),  // nobody's
            format!("draft/{}-5", now - 60_000),   // a write in progress
        ]
        .into();
        let tabs = vec![
            (
                "draft-tab/old".to_string(),
                texts[0].clone(),
                now - 40 * DAY,
            ),
            ("draft-tab/live".to_string(), texts[1].clone(), now - DAY),
        ];
        let out = stale(now, Some(&texts[2]), &tabs, &texts);
        assert_eq!(
            out,
            vec![
                "draft-tab/old".to_string(),
                texts[0].clone(),
                texts[3].clone()
            ]
        );
    }

    #[test]
    fn the_newest_draft_stays_even_when_its_tab_is_old() {
        let now = 100 * DAY;
        let text = format!("draft/{}-1", now - 40 * DAY);
        let tabs = vec![("draft-tab/a".to_string(), text.clone(), now - 40 * DAY)];
        let out = stale(now, Some(&text), &tabs, std::slice::from_ref(&text));
        assert_eq!(
            out,
            vec!["draft-tab/a".to_string()],
            "the text stays: the newest pointer holds it"
        );
    }
}
