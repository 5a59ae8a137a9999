//! One sort for the whole page. Every `sort_by` with its own closure is another
//! copy of the standard library's sort in the page wasm (1–3 KB each); these
//! helpers sort positions through a `dyn` comparison, so there is only one.

use std::cmp::Ordering;

/// Sort `items` by `cmp`, stably (ties keep their order).
pub fn sort_by<T: Copy>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    *items = order.into_iter().map(|i| items[i]).collect();
}

/// Sort `items` ascending and drop repeats.
pub fn sort_dedup<T: Copy + Ord>(items: &mut Vec<T>) {
    sort_by(items, &|a, b| a.cmp(b));
    items.dedup();
}

/// The positions `0..n`, stably ordered by `cmp` over positions.
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_is_stable_and_follows_the_comparison() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by(&mut v, &|x, y| x.0.cmp(&y.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        sort_by(&mut v, &|x, y| y.0.cmp(&x.0));
        assert_eq!(v, [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'e'), (0, 'd')]);
    }

    #[test]
    fn sort_dedup_orders_and_drops_repeats() {
        let mut v = vec![5, 3, 5, 1, 3, 9];
        sort_dedup(&mut v);
        assert_eq!(v, [1, 3, 5, 9]);
        let mut names = vec!["区科委", "区发改委", "区科委"];
        sort_dedup(&mut names);
        assert_eq!(names, ["区发改委", "区科委"]);
    }
}
