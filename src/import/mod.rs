//! `secretaria importar`: an old page (text copied from the old site, or its saved HTML) turned
//! into a draft of content files.
//!
//! Everything here is pure: [`import`] reads the page's text into a typed [`Draft`] and
//! [`files::render`] writes that draft as the files `secretaria build` reads (YAML and
//! Markdown, as text); the one writer that touches the disk is `output::draft`.
//!
//! The page is read as lines ([`doc::Doc`]); each reader takes the lines it recognises and
//! marks them used, in this order:
//! 1. [`clean`]: the old site's furniture (accessibility bar, share and comment widgets, a
//!    stray "×") and a title printed several times are left out;
//! 2. [`legal`]: normative text (articles, incisos, numbered competences) becomes a
//!    legislation page, checked with the parser of `crate::legal`; the assessorias it lists
//!    become structure pages;
//! 3. [`contact`]: phones, e-mails, the address (CEP, city/UF), opening hours and the head of
//!    the secretariat become the secretariat's unit, each value checked with the model's own
//!    validators (`model::contact`, `model::hours`);
//! 4. [`notice`]: a conference or meeting with a date in the text becomes a notice;
//! 5. [`sections`]: mission, vision, values, presentation and assessorias under their own
//!    headings; the rest is an ordinary page.
//!
//! Nothing is invented: a value that cannot be read exactly (a phone without area code, hours
//! without days) is left for the editor, and every guess carries a `# conferir: …` comment.
//! The source's wording is kept.

pub(crate) mod address;
pub(crate) mod clean;
pub(crate) mod contact;
pub(crate) mod doc;
pub(crate) mod files;
pub(crate) mod html;
pub(crate) mod legal;
pub(crate) mod notice;
pub(crate) mod sections;
pub(crate) mod summary;
pub(crate) mod yaml;

/// A value read from the page, with the reason to check it when it is a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Guess {
    pub(crate) value: String,
    /// Portuguese, for the `# conferir: …` comment; `None` when the page says it plainly.
    pub(crate) check: Option<String>,
}

impl Guess {
    pub(crate) fn sure(value: impl Into<String>) -> Guess {
        Guess { value: value.into(), check: None }
    }

    pub(crate) fn check(value: impl Into<String>, why: impl Into<String>) -> Guess {
        Guess { value: value.into(), check: Some(why.into()) }
    }
}

/// What `content/secretaria.yaml` gets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Identity {
    pub(crate) name: Option<Guess>,
    pub(crate) acronym: Option<String>,
    /// The head's name (never a role the page does not give).
    pub(crate) head: Option<Guess>,
    pub(crate) presentation: Option<Guess>,
    pub(crate) mission: Option<Guess>,
    pub(crate) vision: Option<Guess>,
    /// (name, description) as written.
    pub(crate) values: Vec<(String, String)>,
}

impl Identity {
    pub(crate) fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.acronym.is_none()
            && self.head.is_none()
            && self.presentation.is_none()
            && self.mission.is_none()
            && self.vision.is_none()
            && self.values.is_empty()
    }
}

/// An address as the page writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Address {
    pub(crate) street: String,
    pub(crate) district: Option<Guess>,
    pub(crate) city: Option<String>,
    pub(crate) uf: Option<String>,
    pub(crate) cep: Option<String>,
}

/// The secretariat's own unit: `content/unidades/secretaria.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Valid phones, as the model displays them ("(34) 3663-1492").
    pub(crate) phones: Vec<String>,
    /// Numbers written without area code ("3411-7742"): valid only with the site's `ddd`.
    pub(crate) phones_without_ddd: Vec<String>,
    pub(crate) emails: Vec<String>,
    pub(crate) address: Option<Address>,
    /// `horario:` entries (`seg-sex`, `08:00-11:00, 13:00-17:00`), already validated.
    pub(crate) hours: Vec<(String, String)>,
    /// The hours as the page writes them (kept as a comment beside the keys).
    pub(crate) hours_source: Option<String>,
}

impl Unit {
    pub(crate) fn is_empty(&self) -> bool {
        self.phones.is_empty()
            && self.phones_without_ddd.is_empty()
            && self.emails.is_empty()
            && self.address.is_none()
            && self.hours.is_empty()
    }
}

/// A legislation page: the normative text as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Legislation {
    pub(crate) title: Guess,
    /// File name without extension (`competencias`).
    pub(crate) slug: String,
    pub(crate) body: String,
    pub(crate) articles: usize,
    pub(crate) incisos: usize,
    /// Numbered items ("1.") and alíneas ("a.").
    pub(crate) items: usize,
    pub(crate) alineas: usize,
    /// The legal parser's warnings ("inciso VI repetido no art. 28"), in Portuguese.
    pub(crate) warnings: Vec<String>,
}

/// One page of `content/estrutura/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StructurePage {
    pub(crate) title: String,
    pub(crate) slug: String,
    /// Markdown text written under the assessoria's heading.
    pub(crate) text: Option<String>,
    /// `legislacao/x.md#art28`: the article whose caput names it (a guess).
    pub(crate) attributions: Option<String>,
}

/// A notice: `content/avisos/*.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notice {
    pub(crate) title: String,
    pub(crate) slug: String,
    /// `conferencia`, `reuniao`, `audiencia-publica`, `capacitacao` or `aviso`.
    pub(crate) kind: String,
    /// `26/09/2019 12:30` or `26/09/2019`, already validated; `None` when the page gives no
    /// full date (the notice is then left as an ordinary page).
    pub(crate) start: Option<String>,
    pub(crate) place: Option<Guess>,
    pub(crate) body: String,
}

/// An ordinary page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) title: String,
    pub(crate) slug: String,
    pub(crate) body: String,
}

/// What the site's `site.yaml` can be given, when the destination has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SiteGuess {
    pub(crate) title: Option<String>,
    pub(crate) city: Option<Guess>,
    pub(crate) uf: Option<Guess>,
}

/// Everything read from one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Draft {
    pub(crate) identity: Identity,
    pub(crate) unit: Unit,
    pub(crate) legislation: Option<Legislation>,
    pub(crate) structure: Vec<StructurePage>,
    pub(crate) notices: Vec<Notice>,
    pub(crate) pages: Vec<Page>,
    pub(crate) site: SiteGuess,
    /// What was left out of the draft, in Portuguese (the old site's furniture, empty headings).
    pub(crate) left_out: Vec<String>,
    /// What the editor must complete or decide, in Portuguese.
    pub(crate) for_editor: Vec<String>,
}

/// How the page came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Text,
    Html,
}

impl Input {
    /// `.html`/`.htm`, or text that starts like HTML.
    pub(crate) fn guess(file_name: &str, text: &str) -> Input {
        let lower = file_name.to_lowercase();
        let head = text.trim_start().get(..15).unwrap_or(text.trim_start()).to_lowercase();
        if lower.ends_with(".html")
            || lower.ends_with(".htm")
            || head.starts_with("<!doctype")
            || head.starts_with("<html")
        {
            Input::Html
        } else {
            Input::Text
        }
    }
}

/// Reads one page into a draft. `default_ddd` is the destination site's `ddd`, when it has one:
/// a number written without area code is then valid as written.
pub(crate) fn import(text: &str, input: Input, default_ddd: Option<u8>) -> Draft {
    let text: String = unicode_normalization::UnicodeNormalization::nfc(text).collect();
    let plain = match input {
        Input::Html => html::to_text(&text),
        Input::Text => text.replace("\r\n", "\n").replace('\r', "\n"),
    };
    let mut draft = Draft::default();
    let mut doc = doc::Doc::new(&plain);
    clean::clean(&mut doc, &mut draft);
    let title = doc.title();
    legal::read(&mut doc, &mut draft);
    contact::read(&mut doc, &mut draft, default_ddd);
    notice::read(&mut doc, &mut draft, title.as_deref());
    sections::read(&mut doc, &mut draft, title.as_deref());
    legal::link_structure(&mut draft);
    draft.site.title = draft.identity.name.as_ref().map(|n| n.value.clone()).or(title);
    draft
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nothing_uncertain_is_written_as_a_value() {
        let draft = import(
            "Centro Dia\n\nTelefone: 3222-1000\nHorário de atendimento: das 8h às 12h\nE-mail: contato arroba exemplo\n",
            Input::Text,
            None,
        );
        assert!(draft.unit.phones.is_empty(), "a phone without DDD is not completed");
        assert_eq!(draft.unit.phones_without_ddd, ["3222-1000"]);
        assert!(draft.unit.hours.is_empty(), "hours without days are not completed");
        assert!(draft.unit.emails.is_empty());
        assert!(draft.for_editor.iter().any(|l| l.contains("horário")), "{:?}", draft.for_editor);
    }

    #[test]
    fn a_meeting_without_a_year_is_not_a_notice() {
        let draft = import("Reunião do CMAS\n\n12 de março, às 14h, na sede.\n", Input::Text, None);
        assert!(draft.notices.is_empty());
        assert!(draft.for_editor.iter().any(|l| l.contains("data completa")), "{:?}", draft.for_editor);
        assert_eq!(draft.pages.len(), 1);
    }

    #[test]
    fn the_destination_ddd_makes_a_local_number_valid() {
        let draft = import("Telefone: 3222-1000\n", Input::Text, Some(67));
        assert_eq!(draft.unit.phones, ["3222-1000"]);
    }

    #[test]
    fn an_html_page_is_read_through_its_main_element() {
        let draft = import(
            "<html><body><nav>Telefone: (11) 3333-4444</nav><main><h1>CRAS Centro</h1><p>Telefone: (34) 3663-1492</p></main></body></html>",
            Input::guess("pagina.html", ""),
            None,
        );
        assert_eq!(draft.unit.phones, ["(34) 3663-1492"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        #[test]
        fn any_text_gives_a_draft_without_panicking(text in "(\\PC|\n| |:|-|•|Art\\. 1 -|I\\. |Telefone: |@|<p>|</p>){0,80}") {
            for (input, ddd) in [(Input::Text, None), (Input::Html, Some(34))] {
                let draft = import(&text, input, ddd);
                for file in files::render(&draft, "x.txt", true) {
                    // Every file's YAML (the whole file, or the front matter) reads back.
                    let yaml = match file.text.strip_prefix("---\n") {
                        Some(rest) => rest.split_once("\n---\n").map_or(rest, |(fm, _)| fm).to_owned(),
                        None => file.text.clone(),
                    };
                    let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(&yaml);
                    prop_assert!(parsed.is_ok(), "{}:\n{}", file.path, file.text);
                }
            }
        }
    }
}
