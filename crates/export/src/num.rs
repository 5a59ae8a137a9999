//! Numbers as the exports write them, without core's float formatting.
//!
//! `{:.6}` would link core's exact float formatter (Grisu with its Dragon fallback
//! and their tables: ~5 KB of code in every wasm that shows a 目标值, the page's
//! among them). [`fmt_num`] writes the same text from the value's bits with integer
//! arithmetic: a double is `m · 2^e` with `m < 2^53`, so `m · 10^6 / 2^-e`, rounded
//! half to even, is exact in a `u128`. The tests compare it with `{:.6}` on every
//! kind of value.

/// A number as people write it: no trailing zeros, no exponent. An integer below
/// 9e15 as an integer, any other value rounded to 6 decimals (half to even on the
/// exact binary value, as `{:.6}` rounds) with trailing zeros dropped.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        return (x as i64).to_string();
    }
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // x = m · 2^e exactly
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    let mut s = String::new();
    if negative {
        s.push('-');
    }
    if e >= 0 {
        // An integer of 9e15 or more: every digit, as `{:.6}` writes it.
        s.push_str(&big_integer(m, e as u32));
        return s;
    }
    let shift = (-e) as u32;
    // round(m · 10^6 / 2^shift), ties to even
    let scaled = m as u128 * 1_000_000;
    let millionths = if shift >= 128 {
        0
    } else {
        let q = scaled >> shift;
        let rest = scaled - (q << shift);
        let half = 1u128 << (shift - 1);
        if rest > half || (rest == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    let whole = millionths / 1_000_000;
    let mut part = (millionths % 1_000_000) as u32;
    s.push_str(&whole.to_string());
    if part != 0 {
        let mut digits = 6;
        while part.is_multiple_of(10) {
            part /= 10;
            digits -= 1;
        }
        s.push('.');
        let p = part.to_string();
        for _ in p.len()..digits {
            s.push('0');
        }
        s.push_str(&p);
    }
    // (a tiny negative value is "-0", as `{:.6}` writes "-0.000000")
    s
}

/// The decimal digits of `m · 2^e` (e ≥ 0): a double's integers go up to 2^1024, so
/// the value is held in base 10^9 limbs, least significant first.
fn big_integer(m: u64, e: u32) -> String {
    let mut limbs: Vec<u32> = vec![];
    let mut v = m;
    while v > 0 {
        limbs.push((v % 1_000_000_000) as u32);
        v /= 1_000_000_000;
    }
    for _ in 0..e {
        let mut carry = 0u64;
        for l in limbs.iter_mut() {
            let d = (*l as u64) * 2 + carry;
            *l = (d % 1_000_000_000) as u32;
            carry = d / 1_000_000_000;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    let mut s = String::new();
    for (i, l) in limbs.iter().rev().enumerate() {
        let d = l.to_string();
        if i > 0 {
            for _ in d.len()..9 {
                s.push('0');
            }
        }
        s.push_str(&d);
    }
    if s.is_empty() {
        s.push('0');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `fmt_num` wrote before, through core's float formatting: the reference.
    fn with_core_fmt(x: f64) -> String {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            format!("{}", x as i64)
        } else {
            let s = format!("{x:.6}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }

    fn same(x: f64) {
        assert_eq!(fmt_num(x), with_core_fmt(x), "{x:e} ({:#x})", x.to_bits());
    }

    #[test]
    fn the_values_of_plans_read_as_core_fmt_writes_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            12.5,
            0.3,
            0.35,
            99.9,
            100.0,
            2.5e8,
            1e15,
            8.999e15,
            9e15,
            1.5e16,
            7.654321,
            0.0000005,
            0.0000015,
            0.0000025,
            0.00000049,
            1e-7,
            -1e-7,
            -12.75,
            1234567.891,
            0.1 + 0.2,
            5e-324,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            2f64.powi(53) + 2.0,
            123456789.1234565,
            0.5,
            0.125,
            0.0000125,
        ] {
            same(x);
        }
    }

    #[test]
    fn any_bits_read_as_core_fmt_writes_them() {
        // A fixed xorshift sequence of bit patterns (every exponent and sign), and
        // decimals of up to 7 places around the rounding point of `{:.6}`.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let x = f64::from_bits(next());
            if x.is_finite() {
                same(x);
            }
        }
        for _ in 0..20_000 {
            let n = next() % 100_000_000_000;
            let places = (next() % 8) as i32;
            same(n as f64 / 10f64.powi(places));
            same(-(n as f64) / 10f64.powi(places));
        }
        for n in 0..20_000u64 {
            same(n as f64 / 2_000_000.0 + 0.0000005);
            // odd multiples of 1/128 end in a 5 at the 7th decimal: exact ties
            same((2 * n + 1) as f64 / 128.0);
            same(-((2 * n + 1) as f64) / 128.0);
        }
    }
}
