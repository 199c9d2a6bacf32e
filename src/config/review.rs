//! What `site.yaml` says about the editorial checks: `verificacao:` (after how many months a
//! page counts as outdated, how many words make a sentence long) and `siglas:` (acronyms the
//! site adds to the theme's glossary, marked with `<abbr>` on their first use in a page).

use crate::source::yaml::Text;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `verificacao:` as editors write it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewYaml {
    /// Months after its "Atualizado em" date when a page is listed as outdated; 0 turns it off.
    pub desatualizada_apos_meses: Option<Text>,
    /// Words from which a sentence of an editor's text is "long"; 0 turns it off.
    pub frase_longa_palavras: Option<Text>,
}

/// The default age of an outdated page, in months (the and the audit courts' usual year).
pub const DEFAULT_STALE_MONTHS: u32 = 12;
/// The default length of a long sentence, in words. Plain-language guides for public
/// administration (e.g. the Programa Linguagem Simples of São Paulo) ask for sentences of
/// up to about 20 words; 30 leaves room and flags only the really long ones.
pub const DEFAULT_LONG_SENTENCE: u32 = 30;

/// The validated settings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Review {
    /// 0: never outdated.
    pub stale_after_months: u32,
    /// 0: no sentence is long.
    pub long_sentence_words: u32,
    /// `siglas:`: acronym → what it stands for, added to (or replacing) the theme's.
    pub acronyms: BTreeMap<String, String>,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            stale_after_months: DEFAULT_STALE_MONTHS,
            long_sentence_words: DEFAULT_LONG_SENTENCE,
            acronyms: BTreeMap::new(),
        }
    }
}

impl Review {
    /// `error(key, value, message, help)` for each bad value (the default is kept).
    pub fn from_yaml(
        raw: Option<&ReviewYaml>,
        acronyms: Option<&BTreeMap<String, String>>,
        mut error: impl FnMut(&str, &str, String, &str),
    ) -> Review {
        let mut review = Review::default();
        let mut number = |key: &str, text: Option<&Text>, max: u32, into: &mut u32| {
            let Some(text) = text else { return };
            match text.as_str().trim().parse::<u32>() {
                Ok(n) if n <= max => *into = n,
                _ => error(
                    key,
                    text.as_str().trim(),
                    format!("`{key}` precisa ser um número inteiro de 0 a {max}: {}", text.as_str().trim()),
                    "escreva só o número, por exemplo `12`; 0 desliga esta verificação",
                ),
            }
        };
        if let Some(raw) = raw {
            number(
                "desatualizada_apos_meses",
                raw.desatualizada_apos_meses.as_ref(),
                600,
                &mut review.stale_after_months,
            );
            number("frase_longa_palavras", raw.frase_longa_palavras.as_ref(), 1000, &mut review.long_sentence_words);
        }
        for (acronym, meaning) in acronyms.into_iter().flatten() {
            let (acronym, meaning) = (acronym.trim(), meaning.trim());
            if acronym.is_empty() || meaning.is_empty() || acronym.chars().any(char::is_whitespace) {
                error(
                    acronym,
                    acronym,
                    format!("sigla inválida em `siglas`: “{acronym}”"),
                    "escreva uma sigla por linha, sem espaços, com o que ela significa: `CadÚnico: Cadastro Único para Programas Sociais`",
                );
                continue;
            }
            review.acronyms.insert(acronym.to_string(), meaning.to_string());
        }
        review
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (Review, Vec<String>) {
        #[derive(Deserialize)]
        struct Doc {
            verificacao: Option<ReviewYaml>,
            siglas: Option<BTreeMap<String, String>>,
        }
        let doc: Doc = serde_yaml::from_str(yaml).unwrap();
        let mut errors = Vec::new();
        let review =
            Review::from_yaml(doc.verificacao.as_ref(), doc.siglas.as_ref(), |_, _, message, _| errors.push(message));
        (review, errors)
    }

    #[test]
    fn defaults_values_and_errors() {
        assert_eq!(read("{}").0, Review::default());
        let (review, errors) = read("verificacao:\n  desatualizada_apos_meses: 6\n  frase_longa_palavras: 0\n");
        assert_eq!((review.stale_after_months, review.long_sentence_words, errors.len()), (6, 0, 0));
        let (review, errors) = read("verificacao:\n  desatualizada_apos_meses: um ano\n");
        assert_eq!(review.stale_after_months, DEFAULT_STALE_MONTHS);
        assert!(errors[0].contains("desatualizada_apos_meses"), "{errors:?}");
        let (review, errors) = read("siglas:\n  CadÚnico: Cadastro Único\n  'A B': x\n");
        assert_eq!(review.acronyms.get("CadÚnico").map(String::as_str), Some("Cadastro Único"));
        assert_eq!(errors.len(), 1, "{errors:?}");
    }
}
