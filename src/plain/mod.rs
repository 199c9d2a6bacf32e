//! Plain language (Lei 15.263/2025, the Política Nacional de Linguagem Simples) on the
//! editors' own texts — never on normative text, which is published verbatim (the laws are
//! not among the texts read here, a page with articles — a council's resolution — is left
//! alone, and so are quotations inside a page): very long
//! sentences, acronyms used before they are spelled out, foreign words not in common use
//! (the theme's list), and a readability index per text (the Flesch reading ease adapted to
//! Portuguese by Martins et al., 1996). Nothing is ever rewritten: these are warnings and a
//! report. Pure: the model in, diagnostics and the report out; `check` and `serve` run it
//! (not `build`, whose output these warnings do not change).

mod text;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Body, Origin, Site};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

/// Texts shorter than this get no index: a few words say nothing about how a page reads.
const MIN_WORDS: usize = 40;

/// The theme's foreign words: `palavra: sugestão` per line.
const FOREIGN: &str = include_str!("../../themes/default/linguagem/estrangeirismos.yaml");

static FOREIGN_WORDS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| crate::markdown::glossary::entries(FOREIGN).collect());

/// The 27 UFs, written in capitals in addresses: not acronyms to spell out.
const UFS: [&str; 27] = [
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ",
    "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
];

/// The readability of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextScore {
    /// Its source file (`content/programas/paif.md`).
    pub arquivo: String,
    /// 0–100: the higher, the easier (75–100 fácil, 50–75 razoável, 25–50 difícil,
    /// 0–25 muito difícil), one decimal.
    pub indice: f64,
    pub palavras: usize,
    pub frases: usize,
}

/// The readability report of the site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Readability {
    /// Every text long enough to be scored, the hardest first.
    pub textos: Vec<TextScore>,
    /// The mean of the indexes, one decimal.
    pub media: Option<f64>,
}

/// The band of an index, in Portuguese.
pub fn band(index: f64) -> &'static str {
    match index {
        i if i >= 75.0 => "fácil",
        i if i >= 50.0 => "razoável",
        i if i >= 25.0 => "difícil",
        _ => "muito difícil",
    }
}

impl Readability {
    /// The report for people: the mean and the five hardest texts.
    pub fn to_text(&self) -> String {
        let Some(mean) = self.media else { return String::new() };
        let mut out = format!(
            "Linguagem simples (índice de legibilidade de Flesch para o português, de 0 a 100, maior é mais fácil):\n  média: {} ({}) em {}\n",
            decimal(mean),
            band(mean),
            match self.textos.len() {
                1 => "1 texto".to_string(),
                n => format!("{n} textos"),
            }
        );
        for t in self.textos.iter().take(5).filter(|t| t.indice < 50.0) {
            out.push_str(&format!(
                "  {:>5}  {} ({} palavras, {} frases)\n",
                decimal(t.indice),
                t.arquivo,
                t.palavras,
                t.frases
            ));
        }
        out
    }
}

fn decimal(n: f64) -> String {
    format!("{n:.1}").replace('.', ",")
}

fn round(n: f64) -> f64 {
    (n * 10.0).round() / 10.0
}

/// The checks of every editor's text, and the readability report.
pub(crate) fn check(site: &Site) -> (Vec<Diagnostic>, Readability) {
    check_some_until(site, &|_| true, &|| false).unwrap_or_default()
}

/// [`check`] of the texts whose source file `wanted` accepts (`serve`: the files an edit
/// touched, or all), given up (`None`) as soon as `cancel` says so (`serve`: a newer change).
pub(crate) fn check_some_until(
    site: &Site,
    wanted: &(dyn Fn(&Path) -> bool + Sync),
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<Diagnostic>, Readability)> {
    let long = site.config.review.long_sentence_words as usize;
    let results: Vec<(Vec<Diagnostic>, Option<TextScore>)> = crate::sitecheck::texts(site)
        .par_iter()
        .filter(|(origin, _)| wanted(&origin.file))
        .map(|(origin, body)| (!cancel()).then(|| one(site, origin, body, long)))
        .collect::<Option<_>>()?;
    let mut diagnostics = Vec::new();
    let mut textos = Vec::new();
    for (d, score) in results {
        diagnostics.extend(d);
        textos.extend(score);
    }
    textos.sort_by(|a, b| a.indice.total_cmp(&b.indice).then_with(|| a.arquivo.cmp(&b.arquivo)));
    let media = (!textos.is_empty()).then(|| round(textos.iter().map(|t| t.indice).sum::<f64>() / textos.len() as f64));
    Some((diagnostics, Readability { textos, media }))
}

/// One text: its findings (byte offset, code, message, hint), located, and its score.
fn one(site: &Site, origin: &Origin, body: &Body, long: usize) -> (Vec<Diagnostic>, Option<TextScore>) {
    let markdown = body.markdown.as_str();
    if markdown.trim().is_empty() || crate::legal::has_articles(markdown) {
        return (Vec::new(), None);
    }
    let mut found: Vec<(usize, Code, String, String)> = Vec::new();
    let (mut words, mut sentences, mut syllables) = (0, 0, 0);
    let mut seen_acronyms: HashSet<&str> = HashSet::new();
    let mut seen_foreign: HashSet<String> = HashSet::new();
    let blocks = text::blocks(markdown);
    for block in &blocks {
        for (start, sentence) in text::sentences(&block.text) {
            let list: Vec<(usize, &str)> = text::words(sentence).collect();
            if list.is_empty() {
                continue;
            }
            sentences += 1;
            words += list.len();
            syllables += list.iter().map(|(_, w)| text::syllables(w)).sum::<usize>();
            if long > 0 && list.len() > long {
                found.push((
                    block.source(start),
                    Code::LongSentence,
                    format!("frase longa: {} palavras (“{}”)", list.len(), crate::diagnostics::report::shorten(sentence, 60)),
                    format!("divida a frase em frases mais curtas, de até {long} palavras: uma ideia por frase; o texto não é alterado pelo secretaria"),
                ));
            }
            for &(at, word) in &list {
                let offset = block.source(start + at);
                if is_acronym(word) && !seen_acronyms.contains(word) {
                    seen_acronyms.insert(word);
                    if site.glossary.get(word).is_none() && !spelled_out(sentence, at, word) {
                        found.push((
                            offset,
                            Code::UnexplainedAcronym,
                            format!("sigla usada sem explicação: {word}"),
                            format!("na primeira vez, escreva por extenso com a sigla entre parênteses, por exemplo “Centro de Referência de Assistência Social (CRAS)”; se ela aparece em muitas páginas, acrescente ao site.yaml `siglas:` com `{word}: o que significa`"),
                        ));
                    }
                }
                let lower = word.to_lowercase();
                if let Some(suggestion) = FOREIGN_WORDS.get(lower.as_str()) {
                    if seen_foreign.insert(lower.clone()) {
                        found.push((
                            offset,
                            Code::ForeignWord,
                            format!("palavra estrangeira pouco conhecida: “{word}”"),
                            format!("prefira uma palavra em português: {suggestion}"),
                        ));
                    }
                }
            }
        }
    }
    let file = origin.file.to_string_lossy().replace('\\', "/");
    let score = (words >= MIN_WORDS)
        .then(|| text::flesch(words, sentences, syllables))
        .flatten()
        .map(|index| TextScore { arquivo: file.clone(), indice: round(index), palavras: words, frases: sentences });
    if found.is_empty() {
        return (Vec::new(), score);
    }
    (crate::diagnostics::located(Path::new(&file), markdown, body.line_offset, found), score)
}

/// A word that looks like an acronym: 2 to 8 capitals and digits, at least two capitals; not
/// a roman numeral (`II`, `XIV`) nor a UF.
fn is_acronym(word: &str) -> bool {
    let count = word.chars().count();
    (2..=8).contains(&count)
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !word.chars().all(|c| "IVXLCDM".contains(c))
        && !UFS.contains(&word)
}

/// Whether the acronym at `at` in `sentence` is explained where it stands: inside
/// parentheses after its name, or followed by its name in parentheses or after a dash.
fn spelled_out(sentence: &str, at: usize, word: &str) -> bool {
    let before = sentence[..at].trim_end();
    let after = sentence[at + word.len()..].trim_start();
    before.ends_with('(') || after.starts_with('(') || after.starts_with(['–', '—']) || after.starts_with("- ")
}
