//! LexML-style ids, Portuguese names ("inciso II") and phrases
//! ("o inciso II do art. 27") for links and warnings.

use rustc_hash::FxHashMap as HashMap;

use super::numbers::{Grouping, Num};
use super::roman::to_roman;
use super::ProvisionKind as K;

/// Hands out ids that are unique in one page: `base`, then `base_rep2`, `base_rep3`…
/// Not `base-2`: LexML reads "art12-2" as Art. 12-B, so a number printed twice must
/// never look like a lettered one.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    /// For each id handed out: the next collision suffix to try.
    next: HashMap<String, u64>,
}

impl Anchors {
    pub(crate) fn unique(&mut self, base: String) -> String {
        let Some(&start) = self.next.get(&base) else {
            self.next.insert(base.clone(), 2);
            return base;
        };
        let mut n = start;
        // Each id already taken is skipped at most once per base: linear overall.
        loop {
            let candidate = format!("{base}_rep{n}");
            n = n.saturating_add(1);
            if !self.next.contains_key(&candidate) {
                self.next.insert(base, n);
                self.next.insert(candidate.clone(), 2);
                return candidate;
            }
        }
    }
}

/// Id part of a number: "27", "42-1" (42-A), "1u" (único).
pub(crate) fn num_id(num: &Num) -> String {
    if num.unique {
        return "1u".to_string();
    }
    if num.suffix.is_empty() {
        return num.digits.clone();
    }
    // LexML: letters count from 1 (A = 1, B = 2 … Z = 26, AA = 27).
    let index = num.suffix.chars().fold(0u32, |acc, c| {
        let letter = u32::from(c).saturating_sub(u32::from('A')).saturating_add(1);
        acc.saturating_mul(26).saturating_add(letter)
    });
    format!("{}-{index}", num.digits)
}

/// "1º" … "9º", "10", "42-A": the LexML way of writing article numbers.
fn ordinal(num: &Num) -> String {
    let base = match num.value {
        Some(v) if v < 10 => format!("{v}º"),
        _ => num.digits.clone(),
    };
    if num.suffix.is_empty() {
        base
    } else {
        format!("{base}-{}", num.suffix)
    }
}

pub(crate) fn article_name(num: &Num) -> String {
    if num.unique {
        "art. único".to_string()
    } else {
        format!("art. {}", ordinal(num))
    }
}

pub(crate) fn paragraph_name(num: &Num) -> String {
    if num.unique {
        "parágrafo único".to_string()
    } else {
        format!("§ {}", ordinal(num))
    }
}

pub(crate) fn heading_name(group: Grouping, numeral: &str, num: &Num) -> String {
    let shown = if num.unique { "único" } else { numeral };
    format!("{} {shown}", group.word())
}

/// How a list numeral is written in names: "II", "c", "3".
pub(crate) fn list_numeral(kind: K, n: u32) -> String {
    match kind {
        K::Inciso => to_roman(n),
        K::Alinea => char::from_u32(u32::from('a') + n.saturating_sub(1)).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    }
}

/// "inciso II", "alínea c", "item 3".
pub(crate) fn list_name(kind: K, n: u32) -> String {
    format!("{} {}", list_word(kind), list_numeral(kind, n))
}

fn list_word(kind: K) -> &'static str {
    match kind {
        K::Inciso => "inciso",
        K::Alinea => "alínea",
        K::Paragraph => "§",
        K::Article => "art.",
        _ => "item",
    }
}

fn feminine(kind: K, name: &str) -> bool {
    kind == K::Alinea
        || kind == K::Amendment
        || (kind == K::Heading && (name.starts_with("seção") || name.starts_with("subseção")))
}

/// Which determiner starts a phrase: "o" / "do" / "no".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prep {
    Bare,
    De,
    Em,
}

fn determiner(prep: Prep, fem: bool) -> &'static str {
    match (prep, fem) {
        (Prep::Bare, false) => "o",
        (Prep::Bare, true) => "a",
        (Prep::De, false) => "do",
        (Prep::De, true) => "da",
        (Prep::Em, false) => "no",
        (Prep::Em, true) => "na",
    }
}

/// `chain` goes from a provision outwards to the top of the page. Ancestors
/// that are a caput, a heading or unnamed are left out, as lawyers cite:
/// "o inciso II do art. 27", "a alínea a do inciso II do art. 27".
pub(crate) fn phrase(prep: Prep, chain: &[(K, &str)]) -> String {
    let mut out = String::new();
    for (kind, name) in chain {
        let first = out.is_empty();
        if name.is_empty() || (!first && matches!(kind, K::Caput | K::Heading | K::Text)) {
            continue;
        }
        let p = if first { prep } else { Prep::De };
        if !first {
            out.push(' ');
        }
        out.push_str(determiner(p, feminine(*kind, name)));
        out.push(' ');
        out.push_str(name);
        if *kind == K::Heading {
            break;
        }
    }
    out
}

/// Warning for a numbering that does not follow `prev`, or `None`.
/// `context` is "no art. 28" or empty.
pub(crate) fn sequence_warning(kind: K, prev: u32, new: u32, context: &str) -> Option<String> {
    let word = list_word(kind);
    let fem = kind == K::Alinea;
    let show = |n: u32| match kind {
        K::Article | K::Paragraph => {
            let num = Num { value: Some(n), digits: n.to_string(), suffix: String::new(), unique: false };
            ordinal(&num)
        }
        _ => list_numeral(kind, n),
    };
    let ctx = if context.is_empty() { String::new() } else { format!(" {context}") };
    let (o, d) = if fem { ("a", "da") } else { ("o", "do") };
    let message = if new == prev {
        let ending = if fem { "a" } else { "o" };
        format!("{word} {} repetid{ending}{ctx}", show(new))
    } else if new < prev {
        format!("{word} {} fora de ordem (depois {d} {}){ctx}", show(new), show(prev))
    } else if new > prev.saturating_add(1) {
        // "do inciso III para o V", "do § 1º para o § 3º".
        let again = if matches!(kind, K::Article | K::Paragraph) { format!("{word} ") } else { String::new() };
        format!("numeração salta {d} {word} {} para {o} {again}{}{ctx}", show(prev), show(new))
    } else {
        return None;
    };
    Some(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_get_suffixes() {
        let mut a = Anchors::default();
        assert_eq!(a.unique("art28_cpt_inc6".into()), "art28_cpt_inc6");
        assert_eq!(a.unique("art28_cpt_inc6".into()), "art28_cpt_inc6_rep2");
        assert_eq!(a.unique("art28_cpt_inc6".into()), "art28_cpt_inc6_rep3");
        // A real "Art. 42-B" (art42-2) and a repeated Art. 42 never compete.
        assert_eq!(a.unique("art42".into()), "art42");
        assert_eq!(a.unique("art42-2".into()), "art42-2");
        assert_eq!(a.unique("art42".into()), "art42_rep2");
        assert_eq!(a.unique("art42_rep2".into()), "art42_rep2_rep2");
        assert_eq!(a.unique("art42".into()), "art42_rep3");
    }

    #[test]
    fn phrases() {
        let chain = [(K::Inciso, "inciso II"), (K::Caput, "caput"), (K::Article, "art. 27")];
        assert_eq!(phrase(Prep::Bare, &chain), "o inciso II do art. 27");
        let chain = [(K::Alinea, "alínea a"), (K::Inciso, "inciso II"), (K::Caput, "caput"), (K::Article, "art. 27")];
        assert_eq!(phrase(Prep::Bare, &chain), "a alínea a do inciso II do art. 27");
        assert_eq!(phrase(Prep::Em, &chain), "na alínea a do inciso II do art. 27");
        let chain = [(K::Caput, "caput"), (K::Article, "art. 27"), (K::Heading, "capítulo II")];
        assert_eq!(phrase(Prep::Bare, &chain), "o caput do art. 27");
        assert_eq!(phrase(Prep::Bare, &[(K::Heading, "seção I"), (K::Heading, "capítulo II")]), "a seção I");
        assert_eq!(phrase(Prep::Em, &[]), "");
    }

    #[test]
    fn warnings_in_portuguese() {
        let w = |k, p, n| sequence_warning(k, p, n, "no art. 28");
        assert_eq!(w(K::Inciso, 6, 6).as_deref(), Some("inciso VI repetido no art. 28"));
        assert_eq!(w(K::Inciso, 3, 5).as_deref(), Some("numeração salta do inciso III para o V no art. 28"));
        assert_eq!(w(K::Inciso, 5, 3).as_deref(), Some("inciso III fora de ordem (depois do V) no art. 28"));
        assert_eq!(w(K::Alinea, 1, 3).as_deref(), Some("numeração salta da alínea a para a c no art. 28"));
        assert_eq!(w(K::Alinea, 2, 2).as_deref(), Some("alínea b repetida no art. 28"));
        assert_eq!(w(K::Paragraph, 1, 3).as_deref(), Some("numeração salta do § 1º para o § 3º no art. 28"));
        assert_eq!(w(K::Inciso, 3, 4), None);
        assert_eq!(
            sequence_warning(K::Article, 28, 30, "").as_deref(),
            Some("numeração salta do art. 28 para o art. 30")
        );
        assert_eq!(sequence_warning(K::Article, 9, 9, "").as_deref(), Some("art. 9º repetido"));
    }

    #[test]
    fn numbers() {
        let num = |digits: &str, suffix: &str| Num {
            value: digits.parse().ok(),
            digits: digits.into(),
            suffix: suffix.into(),
            unique: false,
        };
        assert_eq!(num_id(&num("42", "A")), "42-1");
        assert_eq!(num_id(&num("63", "C")), "63-3");
        assert_eq!(num_id(&num("7", "AA")), "7-27");
        assert_eq!(article_name(&num("1", "")), "art. 1º");
        assert_eq!(article_name(&num("27", "")), "art. 27");
        assert_eq!(article_name(&num("42", "A")), "art. 42-A");
        assert_eq!(paragraph_name(&num("2", "")), "§ 2º");
        assert_eq!(list_name(K::Alinea, 11), "alínea k");
        assert_eq!(list_name(K::Inciso, 18), "inciso XVIII");
    }
}
