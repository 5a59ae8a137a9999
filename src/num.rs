//! Numbers the page writes without core's float formatting (`{}` of an `f64` links
//! Grisu with its Dragon fallback, ~6 KB of the page's wasm before wasm-opt).

/// A length in tenths of a unit, as an SVG attribute: 1234 → "123.4", 50 → "5".
pub fn tenths(v: i64) -> String {
    let (sign, v) = if v < 0 {
        ("-", v.unsigned_abs())
    } else {
        ("", v as u64)
    };
    if v.is_multiple_of(10) {
        format!("{sign}{}", v / 10)
    } else {
        format!("{sign}{}.{}", v / 10, v % 10)
    }
}

/// `part / whole` of `len` tenths, rounded to the nearest tenth (0 when `whole` is 0).
pub fn share_tenths(part: usize, whole: usize, len: i64) -> i64 {
    if whole == 0 {
        return 0;
    }
    let (p, w) = (part as i128, whole as i128);
    ((p * len as i128 * 2 + w) / (w * 2)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_read_as_decimals() {
        assert_eq!(tenths(0), "0");
        assert_eq!(tenths(50), "5");
        assert_eq!(tenths(1234), "123.4");
        assert_eq!(tenths(-5), "-0.5");
        assert_eq!(tenths(-120), "-12");
        assert_eq!(tenths(i64::MIN), "-922337203685477580.8");
    }

    #[test]
    fn shares_round_to_the_nearest_tenth() {
        // 1/3 of 560 px = 186.67 px
        assert_eq!(share_tenths(1, 3, 5600), 1867);
        assert_eq!(share_tenths(2, 3, 5600), 3733);
        assert_eq!(share_tenths(3, 3, 5600), 5600);
        assert_eq!(share_tenths(0, 3, 5600), 0);
        assert_eq!(share_tenths(1, 0, 5600), 0);
        assert_eq!(share_tenths(usize::MAX, usize::MAX, 5600), 5600);
    }
}
