//! Roman numerals (incisos, headings) and alínea letters.
//!
//! Only canonical numerals from I to MMMCMXCIX are accepted: "IIII", "VX" or
//! "MMMMMMMMMCMXCIX" are not numerals, so such lines stay text.

/// Longest canonical numeral: "MMMDCCCLXXXVIII".
const MAX_LEN: usize = 15;

const TABLE: [(u32, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

fn digit(c: char) -> Option<u32> {
    match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    }
}

/// Canonical upper-case Roman numeral of `n` (empty for 0 or n > 3999).
pub fn to_roman(n: u32) -> String {
    let mut out = String::new();
    if n == 0 || n > 3999 {
        return out;
    }
    let mut rest = n;
    for (value, sym) in TABLE {
        while rest >= value {
            out.push_str(sym);
            rest -= value;
        }
    }
    out
}

/// Reads an upper-case Roman numeral at the start of `s`, which must end at a
/// word boundary (end, or a character that is not alphanumeric).
/// Returns the value and the byte length of the numeral.
pub(crate) fn roman_prefix(s: &str) -> Option<(u32, usize)> {
    let mut len = 0;
    let mut total: u32 = 0;
    let mut prev: u32 = 0;
    let mut boundary_ok = true;
    for c in s.chars() {
        match digit(c) {
            Some(v) => {
                len += 1;
                if len > MAX_LEN {
                    return None;
                }
                // Subtractive notation: add v, and undo twice the smaller previous one.
                total = total.checked_add(v)?;
                if prev < v {
                    total = total.checked_sub(prev.checked_mul(2)?)?;
                }
                prev = v;
            }
            None => {
                boundary_ok = !c.is_alphanumeric();
                break;
            }
        }
    }
    if len == 0 || !boundary_ok {
        return None;
    }
    // `len` counts ASCII letters, so it is also the byte length.
    let token = s.get(..len)?;
    (to_roman(total) == token).then_some((total, len))
}

/// Alínea letter to its ordinal: a → 1 … z → 26.
pub(crate) fn letter_value(c: char) -> Option<u32> {
    c.is_ascii_lowercase().then(|| u32::from(c) - u32::from('a') + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_numerals() {
        assert_eq!(roman_prefix("I. x"), Some((1, 1)));
        assert_eq!(roman_prefix("IV -"), Some((4, 2)));
        assert_eq!(roman_prefix("XVIII."), Some((18, 5)));
        assert_eq!(roman_prefix("XIX"), Some((19, 3)));
        assert_eq!(roman_prefix("MMMCMXCIX)"), Some((3999, 9)));
        assert_eq!(roman_prefix("XL–"), Some((40, 2)));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(roman_prefix("IIII."), None);
        assert_eq!(roman_prefix("VX."), None);
        assert_eq!(roman_prefix("IC"), None);
        assert_eq!(roman_prefix("MMMMMMMMMCMXCIX."), None);
        assert_eq!(roman_prefix("Intervir"), None);
        assert_eq!(roman_prefix("Ia"), None);
        assert_eq!(roman_prefix("I2"), None);
        assert_eq!(roman_prefix(""), None);
        assert_eq!(roman_prefix("x."), None);
        assert_eq!(roman_prefix(&"M".repeat(100_000)), None);
    }

    #[test]
    fn round_trip() {
        for n in 1..=3999 {
            let r = to_roman(n);
            assert_eq!(roman_prefix(&r), Some((n, r.len())), "{r}");
        }
        assert_eq!(to_roman(0), "");
        assert_eq!(to_roman(4000), "");
    }

    #[test]
    fn letters() {
        assert_eq!(letter_value('a'), Some(1));
        assert_eq!(letter_value('k'), Some(11));
        assert_eq!(letter_value('z'), Some(26));
        assert_eq!(letter_value('A'), None);
        assert_eq!(letter_value('ç'), None);
    }
}
