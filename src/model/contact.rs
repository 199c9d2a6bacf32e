//! Contacts as editors write them: Brazilian phone numbers, e-mail addresses and state
//! abbreviations (UF), validated and formatted for display and for `tel:` / `mailto:` links.

use crate::diagnostics::Code;
use crate::model::datetime::shown;
use crate::model::field_error::FieldError;
use std::fmt;

/// Any domain is fine: a council's address is often at a free e-mail provider.
pub(crate) const EMAIL_HELP: &str = "um e-mail tem a forma nome@domínio, sem espaços, por exemplo \
     cras@municipio.uf.gov.br ou conselho.municipal@gmail.com";

const PHONE_HELP: &str = "escreva o telefone com DDD, por exemplo (34) 3663-1492, \
     (34) 99999-1234 ou 0800 123 4567";

/// The area codes (DDD) in use in Brazil (Anatel).
const DDDS: [u8; 67] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, // SP
    21, 22, 24, // RJ
    27, 28, // ES
    31, 32, 33, 34, 35, 37, 38, // MG
    41, 42, 43, 44, 45, 46, // PR
    47, 48, 49, // SC
    51, 53, 54, 55, // RS
    61, // DF
    62, 64, // GO
    63, // TO
    65, 66, // MT
    67, // MS
    68, // AC
    69, // RO
    71, 73, 74, 75, 77, // BA
    79, // SE
    81, 87, // PE
    82, // AL
    83, // PB
    84, // RN
    85, 88, // CE
    86, 89, // PI
    91, 93, 94, // PA
    92, 97, // AM
    95, // RR
    96, // AP
    98, 99, // MA
];

/// Whether `ddd` is an area code in use in Brazil.
pub(crate) fn is_valid_ddd(ddd: u8) -> bool {
    DDDS.contains(&ddd)
}

/// The `ddd` of `site.yaml`: two digits, optionally in parentheses (`34`, `(34)`).
pub(crate) fn parse_ddd(text: &str) -> Result<u8, FieldError> {
    let trimmed = text.trim();
    let inner = trimmed.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(trimmed).trim();
    let ddd =
        if inner.len() == 2 && inner.bytes().all(|b| b.is_ascii_digit()) { inner.parse::<u8>().ok() } else { None };
    match ddd {
        Some(ddd) if is_valid_ddd(ddd) => Ok(ddd),
        _ => Err(FieldError::new(Code::InvalidPhone, format!("DDD inválido: {}", shown(trimmed)))
            .with_help("escreva só os dois dígitos de um DDD do Brasil, por exemplo `ddd: 34`")),
    }
}

/// What kind of number a phone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PhoneKind {
    /// DDD + 8 digits starting with 2 to 5.
    Landline,
    /// DDD + 9 digits starting with 9.
    Mobile,
    /// 0800 + 7 digits.
    TollFree,
}

/// A Brazilian phone number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Phone {
    kind: PhoneKind,
    /// `None` for toll-free numbers.
    ddd: Option<u8>,
    /// The digits after the DDD (8 or 9), or after 0800 (7). ASCII digits only.
    number: String,
    /// The DDD came from `site.yaml`, not from the text: shown without it, as written.
    ddd_from_site: bool,
}

impl Phone {
    /// `(34) 3663-1492`, `34 3663-1492`, `(34)3663-1492`, `34 36631492`, `+55 34 3663-1492`,
    /// `(034) 3663-1492`, `(67) 99999-1234`, `0800 123 4567`, `0800-123-4567`; a number
    /// without DDD (`3411-7742`) only with `default_ddd` (the `ddd` of `site.yaml`).
    pub(crate) fn parse(text: &str, default_ddd: Option<u8>) -> Result<Phone, FieldError> {
        let text = text.trim();
        let invalid = |why: Option<&str>| {
            let mut message = format!("telefone inválido: {}", shown(text));
            if let Some(why) = why {
                message.push_str(&format!(" ({why})"));
            }
            FieldError::new(Code::InvalidPhone, message).with_help(PHONE_HELP)
        };
        if text.is_empty() {
            return Err(FieldError::new(Code::InvalidPhone, "telefone vazio").with_help(PHONE_HELP));
        }
        if let Some(split) = split_numbers(text, default_ddd) {
            return Err(split);
        }
        let mut digits = String::new();
        let mut plus = false;
        for c in text.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if digits.is_empty() && !plus => plus = true,
                ' ' | '\u{a0}' | '(' | ')' | '-' | '–' | '.' => {}
                _ => return Err(invalid(None)),
            }
        }
        let national = if plus {
            digits.strip_prefix("55").ok_or_else(|| invalid(Some("só telefones do Brasil, com +55")))?
        } else if digits.starts_with("0800") {
            let Some(rest) = digits.strip_prefix("0800").filter(|r| r.len() == 7) else {
                return Err(invalid(Some("0800 é seguido de 7 dígitos")));
            };
            return Ok(Phone { kind: PhoneKind::TollFree, ddd: None, number: rest.to_owned(), ddd_from_site: false });
        } else if digits.len() >= 12 && digits.starts_with("55") {
            digits.get(2..).unwrap_or_default()
        } else if digits.len() >= 11 && digits.starts_with('0') {
            // Trunk prefix: (034) 3663-1492.
            digits.get(1..).unwrap_or_default()
        } else {
            digits.as_str()
        };
        let from_site = matches!(national.len(), 8 | 9);
        let (ddd, number) = match national.len() {
            10 | 11 => {
                let (ddd, number) = national.split_at_checked(2).unwrap_or_default();
                let ddd = ddd.parse::<u8>().map_err(|_| invalid(None))?;
                if !is_valid_ddd(ddd) {
                    return Err(invalid(Some(&format!("{ddd:02} não é um DDD do Brasil"))));
                }
                (ddd, number)
            }
            8 | 9 => match default_ddd {
                Some(ddd) if is_valid_ddd(ddd) => (ddd, national),
                Some(ddd) => {
                    return Err(FieldError::new(Code::InvalidPhone, format!("DDD padrão inválido: {ddd}"))
                        .with_help("confira `ddd` no site.yaml; use um DDD do Brasil, por exemplo 34"))
                }
                None => {
                    return Err(FieldError::new(Code::InvalidPhone, format!("telefone sem DDD: {}", shown(text)))
                        .with_help(
                            "escreva com o DDD, por exemplo (67) 3411-7742, \
                             ou defina `ddd` no site.yaml",
                        ))
                }
            },
            _ => return Err(invalid(None)),
        };
        let kind = match (number.len(), number.bytes().next()) {
            (8, Some(b'2'..=b'5')) => PhoneKind::Landline,
            (8, Some(b'6'..=b'9')) => return Err(invalid(Some("celulares têm 9 dígitos e começam com 9"))),
            (8, _) => return Err(invalid(Some("telefones fixos começam com 2, 3, 4 ou 5"))),
            (9, Some(b'9')) => PhoneKind::Mobile,
            (9, _) => return Err(invalid(Some("números com 9 dígitos são de celular e começam com 9"))),
            _ => return Err(invalid(None)),
        };
        Ok(Phone { kind, ddd: Some(ddd), number: number.to_owned(), ddd_from_site: from_site })
    }

    pub(crate) fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// `None` for toll-free numbers.
    pub(crate) fn ddd(&self) -> Option<u8> {
        self.ddd
    }

    /// "+553436631492"; `None` for 0800 numbers, which have no international form.
    pub(crate) fn e164(&self) -> Option<String> {
        self.ddd.map(|ddd| format!("+55{ddd:02}{}", self.number))
    }

    /// "tel:+553436631492", "tel:08001234567".
    pub(crate) fn tel_href(&self) -> String {
        match self.e164() {
            Some(e164) => format!("tel:{e164}"),
            None => format!("tel:0800{}", self.number),
        }
    }

    /// What schema.org `telephone` gets: "+553436631492", or "0800 123 4567" (a toll-free
    /// number has no international form, and is never left out or `null`).
    pub(crate) fn schema(&self) -> String {
        self.e164().unwrap_or_else(|| self.display())
    }

    /// "(34) 3663-1492", "(67) 99999-1234", "0800 123 4567"; a number written without DDD is
    /// shown without it ("3411-7742"): the DDD of `site.yaml` goes only into the link.
    pub(crate) fn display(&self) -> String {
        let split = |at: usize| self.number.split_at_checked(at).unwrap_or((self.number.as_str(), ""));
        let local = |at: usize| {
            let (a, b) = split(at);
            format!("{a}-{b}")
        };
        match (self.kind, self.ddd) {
            (PhoneKind::TollFree, _) | (_, None) => {
                let (a, b) = split(3);
                format!("0800 {a} {b}")
            }
            (PhoneKind::Landline, _) if self.ddd_from_site => local(4),
            (PhoneKind::Mobile, _) if self.ddd_from_site => local(5),
            (PhoneKind::Landline, Some(ddd)) => format!("({ddd:02}) {}", local(4)),
            (PhoneKind::Mobile, Some(ddd)) => format!("({ddd:02}) {}", local(5)),
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// Two numbers in one item ("49 3657-0269/49 98503-1188"): an error whose hint shows the
/// list written one number per item. `None` when the text is not two good numbers.
fn split_numbers(text: &str, default_ddd: Option<u8>) -> Option<FieldError> {
    let lower = text.to_lowercase();
    let pieces: Vec<&str> = lower
        .split(['/', ';', ','])
        .flat_map(|p| p.split(" ou "))
        .flat_map(|p| p.split(" e "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() < 2 {
        return None;
    }
    let phones: Vec<Phone> = pieces.iter().map(|p| Phone::parse(p, default_ddd).ok()).collect::<Option<_>>()?;
    let items: Vec<String> = pieces
        .iter()
        .zip(&phones)
        .map(|(piece, phone)| {
            format!("  - \"{}\"", if phone.ddd_from_site { piece.to_string() } else { phone.display() })
        })
        .collect();
    Some(
        FieldError::new(Code::InvalidPhone, format!("{} telefones em um só item: {}", phones.len(), shown(text)))
            .with_help(format!("escreva cada telefone em um item da lista:\n{}", items.join("\n"))),
    )
}

/// A phone as a unit publishes it: the number and, optionally, what it is for
/// ("Sobreaviso noturno e fins de semana").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct LabelledPhone {
    pub phone: Phone,
    /// Trimmed, never empty.
    pub label: Option<String>,
}

impl LabelledPhone {
    pub(crate) fn new(phone: Phone, label: Option<&str>) -> Self {
        let label = label.map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned);
        LabelledPhone { phone, label }
    }
}

/// An e-mail address as published: a valid one (a `mailto:` link, in JSON-LD), or the
/// editor's text kept as written when it does not look like an address (shown as text, with
/// a warning; never "corrected").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum EmailEntry {
    Valid(Email),
    AsWritten(String),
}

/// An e-mail address, with the domain in lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Email(String);

impl Email {
    /// `social@perdizes.mg.gov.br`: one @, a local part, a domain with a dot, no spaces.
    pub(crate) fn parse(text: &str) -> Result<Email, FieldError> {
        let text = text.trim();
        let invalid = |why: Option<&str>| {
            let mut message = format!("e-mail inválido: {}", shown(text));
            if let Some(why) = why {
                message.push_str(&format!(" ({why})"));
            }
            FieldError::new(Code::InvalidEmail, message).with_help(EMAIL_HELP)
        };
        if text.is_empty() {
            return Err(FieldError::new(Code::InvalidEmail, "e-mail vazio").with_help(EMAIL_HELP));
        }
        if text.chars().any(char::is_whitespace) {
            return Err(invalid(Some("tem espaços")));
        }
        let Some((local, domain)) = text.split_once('@') else {
            return Err(invalid(Some("falta o @")));
        };
        if domain.contains('@') {
            return Err(invalid(Some("tem mais de um @")));
        }
        const LOCAL_SYMBOLS: &str = "!#$%&'*+-/=?^_`{|}~.";
        let local_ok = !local.is_empty()
            && local.chars().count() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_alphanumeric() || LOCAL_SYMBOLS.contains(c));
        if !local_ok {
            return Err(invalid(None));
        }
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |label: &&str| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        let tld_ok = labels.last().is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
        if labels.len() < 2 || !labels.iter().all(label_ok) || !tld_ok {
            return Err(invalid(None));
        }
        Ok(Email(format!("{local}@{domain}")))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// "mailto:social@perdizes.mg.gov.br", percent-encoding what RFC 6068 requires.
    pub(crate) fn mailto_href(&self) -> String {
        let mut out = String::from("mailto:");
        for c in self.0.chars() {
            if c.is_ascii_alphanumeric() || "-._~!$'()*+,;=:@".contains(c) {
                out.push(c);
            } else {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
        }
        out
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const UFS: [(&str, &str); 27] = [
    ("AC", "Acre"),
    ("AL", "Alagoas"),
    ("AP", "Amapá"),
    ("AM", "Amazonas"),
    ("BA", "Bahia"),
    ("CE", "Ceará"),
    ("DF", "Distrito Federal"),
    ("ES", "Espírito Santo"),
    ("GO", "Goiás"),
    ("MA", "Maranhão"),
    ("MT", "Mato Grosso"),
    ("MS", "Mato Grosso do Sul"),
    ("MG", "Minas Gerais"),
    ("PA", "Pará"),
    ("PB", "Paraíba"),
    ("PR", "Paraná"),
    ("PE", "Pernambuco"),
    ("PI", "Piauí"),
    ("RJ", "Rio de Janeiro"),
    ("RN", "Rio Grande do Norte"),
    ("RS", "Rio Grande do Sul"),
    ("RO", "Rondônia"),
    ("RR", "Roraima"),
    ("SC", "Santa Catarina"),
    ("SP", "São Paulo"),
    ("SE", "Sergipe"),
    ("TO", "Tocantins"),
];

/// A Brazilian state (or the Distrito Federal), by its abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Uf {
    code: &'static str,
    name: &'static str,
}

impl Uf {
    /// `MG`, `mg`, ` Mg `.
    pub(crate) fn parse(text: &str) -> Result<Uf, FieldError> {
        let wanted = text.trim().to_uppercase();
        UFS.iter().find(|(code, _)| *code == wanted).map(|&(code, name)| Uf { code, name }).ok_or_else(|| {
            let codes: Vec<&str> = UFS.iter().map(|(code, _)| *code).collect();
            FieldError::new(Code::InvalidUf, format!("UF inválida: '{}'", shown(text.trim())))
                .with_help(format!("use a sigla do estado: {}", codes.join(", ")))
        })
    }

    /// "MG".
    pub(crate) fn code(self) -> &'static str {
        self.code
    }

    /// "Minas Gerais".
    pub(crate) fn name(self) -> &'static str {
        self.name
    }
}

impl fmt::Display for Uf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn phone(s: &str) -> Phone {
        Phone::parse(s, None).unwrap()
    }

    fn phone_err(s: &str, ddd: Option<u8>) -> (String, String) {
        let e = Phone::parse(s, ddd).unwrap_err();
        (e.message, e.help.unwrap_or_default())
    }

    #[test]
    fn ddd_list_is_the_anatel_list() {
        assert_eq!(DDDS.len(), 67);
        let valid: Vec<u8> = (0..=255).filter(|&d| is_valid_ddd(d)).collect();
        let mut expected: Vec<u8> = Vec::new();
        expected.extend(11..=19);
        expected.extend([21, 22, 24, 27, 28]);
        expected.extend([31, 32, 33, 34, 35, 37, 38]);
        expected.extend(41..=49);
        expected.extend([51, 53, 54, 55]);
        expected.extend(61..=69);
        expected.extend([71, 73, 74, 75, 77, 79]);
        expected.extend(81..=89);
        expected.extend(91..=99);
        assert_eq!(valid, expected);
    }

    #[test]
    fn landlines() {
        let p = phone("(34) 3663-1492");
        for same in [
            "34 3663-1492",
            "(34)3663-1492",
            "34 36631492",
            "+55 34 3663-1492",
            "+55 (34) 3663-1492",
            "+553436631492",
            "55 34 3663-1492",
            "(034) 3663-1492",
            "34.3663.1492",
        ] {
            assert_eq!(phone(same), p, "{same}");
        }
        assert_eq!(p.kind(), PhoneKind::Landline);
        assert_eq!(p.ddd(), Some(34));
        assert_eq!(p.display(), "(34) 3663-1492");
        assert_eq!(p.to_string(), "(34) 3663-1492");
        assert_eq!(p.e164().as_deref(), Some("+553436631492"));
        assert_eq!(p.tel_href(), "tel:+553436631492");
    }

    #[test]
    fn mobiles() {
        let p = phone("(67) 99999-1234");
        assert_eq!(p, phone("67 999991234"));
        assert_eq!(p, phone("+55 67 9 9999-1234"));
        assert_eq!(p.kind(), PhoneKind::Mobile);
        assert_eq!(p.display(), "(67) 99999-1234");
        assert_eq!(p.e164().as_deref(), Some("+5567999991234"));
        assert_eq!(p.tel_href(), "tel:+5567999991234");
    }

    #[test]
    fn toll_free() {
        let p = phone("0800 123 4567");
        assert_eq!(p, phone("0800-123-4567"));
        assert_eq!(p, phone("08001234567"));
        assert_eq!(p.kind(), PhoneKind::TollFree);
        assert_eq!(p.ddd(), None);
        assert_eq!(p.display(), "0800 123 4567");
        assert_eq!(p.e164(), None);
        assert_eq!(p.schema(), "0800 123 4567");
        assert_eq!(p.tel_href(), "tel:08001234567");
        assert_eq!(phone_err("0800 123 456", None).0, "telefone inválido: 0800 123 456 (0800 é seguido de 7 dígitos)");
    }

    #[test]
    fn default_ddd() {
        assert_eq!(
            phone_err("3411-7742", None),
            (
                "telefone sem DDD: 3411-7742".to_owned(),
                "escreva com o DDD, por exemplo (67) 3411-7742, ou defina `ddd` no site.yaml".to_owned()
            )
        );
        // Without DDD: shown as written, the site's DDD only in the link.
        let p = Phone::parse("3411-7742", Some(67)).unwrap();
        assert_eq!(p.display(), "3411-7742");
        assert_eq!(p.tel_href(), "tel:+556734117742");
        assert_eq!(p.schema(), "+556734117742");
        assert_eq!(Phone::parse("34117742", Some(67)).unwrap().display(), "3411-7742");
        assert_eq!(Phone::parse("99999-1234", Some(67)).unwrap().display(), "99999-1234");
        // A number with its own DDD keeps it.
        assert_eq!(Phone::parse("(34) 3663-1492", Some(67)).unwrap().display(), "(34) 3663-1492");
        assert_eq!(phone_err("3411-7742", Some(10)).0, "DDD padrão inválido: 10");
    }

    #[test]
    fn phone_errors() {
        assert_eq!(
            phone_err("(20) 3663-1492", None),
            ("telefone inválido: (20) 3663-1492 (20 não é um DDD do Brasil)".to_owned(), PHONE_HELP.to_owned())
        );
        assert_eq!(
            phone_err("(34) 8663-1492", None).0,
            "telefone inválido: (34) 8663-1492 (celulares têm 9 dígitos e começam com 9)"
        );
        assert_eq!(
            phone_err("(34) 1663-1492", None).0,
            "telefone inválido: (34) 1663-1492 (telefones fixos começam com 2, 3, 4 ou 5)"
        );
        assert_eq!(
            phone_err("(34) 83663-1492", None).0,
            "telefone inválido: (34) 83663-1492 (números com 9 dígitos são de celular e começam com 9)"
        );
        assert_eq!(
            phone_err("+1 202 555 0100", None).0,
            "telefone inválido: +1 202 555 0100 (só telefones do Brasil, com +55)"
        );
        assert_eq!(
            phone_err("ramal 210", None),
            (
                "telefone inválido: ramal 210".to_owned(),
                "escreva o telefone com DDD, por exemplo (34) 3663-1492, \
                 (34) 99999-1234 ou 0800 123 4567"
                    .to_owned()
            )
        );
        assert_eq!(phone_err("  ", None).0, "telefone vazio");
        for bad in ["(34) 3663-1492 / 3663-1493x", "123", "34 3663-14920000", "++55 34 3663-1492", "34 3663+1492"] {
            assert!(Phone::parse(bad, Some(34)).is_err(), "{bad}");
        }
    }

    #[test]
    fn two_numbers_in_one_item_show_the_split() {
        let (message, help) = phone_err("49 3657-0269/49 98503-1188", None);
        assert_eq!(message, "2 telefones em um só item: 49 3657-0269/49 98503-1188");
        assert_eq!(help, "escreva cada telefone em um item da lista:\n  - \"(49) 3657-0269\"\n  - \"(49) 98503-1188\"");
        let (message, help) = phone_err("3663-1492 ou 3663-1493", Some(34));
        assert_eq!(message, "2 telefones em um só item: 3663-1492 ou 3663-1493");
        assert!(help.ends_with("  - \"3663-1492\"\n  - \"3663-1493\""), "{help}");
        // Not two good numbers: the ordinary error.
        assert_eq!(phone_err("(34) 3663-1492 / ramal 2", None).0, "telefone inválido: (34) 3663-1492 / ramal 2");
    }

    #[test]
    fn labels_are_trimmed() {
        let p = LabelledPhone::new(phone("(49) 98406-9822"), Some(" Sobreaviso noturno "));
        assert_eq!(p.label.as_deref(), Some("Sobreaviso noturno"));
        assert_eq!(LabelledPhone::new(phone("(49) 98406-9822"), Some("  ")).label, None);
    }

    #[test]
    fn site_ddd() {
        assert_eq!(parse_ddd("34"), Ok(34));
        assert_eq!(parse_ddd(" (67) "), Ok(67));
        let e = parse_ddd("20").unwrap_err();
        assert_eq!(e.message, "DDD inválido: 20");
        assert!(parse_ddd("034").is_err());
        assert!(parse_ddd("").is_err());
    }

    #[test]
    fn emails() {
        let e = Email::parse(" Social@Perdizes.MG.gov.br ").unwrap();
        assert_eq!(e.as_str(), "Social@perdizes.mg.gov.br");
        assert_eq!(e.to_string(), "Social@perdizes.mg.gov.br");
        assert_eq!(e.mailto_href(), "mailto:Social@perdizes.mg.gov.br");
        assert_eq!(Email::parse("a+b&c@x.gov.br").unwrap().mailto_href(), "mailto:a+b%26c@x.gov.br");
        assert_eq!(Email::parse("joão@x.gov.br").unwrap().mailto_href(), "mailto:jo%C3%A3o@x.gov.br");
        assert!(Email::parse("conselho.cmas@perdizes-mg.gov.br").is_ok());
        let help = EMAIL_HELP.to_owned();
        assert!(!help.contains("dominio.gov.br"), "the hint must not suggest that only .gov.br is valid");
        assert!(Email::parse("conselho.cmas@gmail.com").is_ok());
        let err = |s: &str| {
            let e = Email::parse(s).unwrap_err();
            (e.message, e.help.unwrap_or_default())
        };
        assert_eq!(
            err("social.perdizes.mg.gov.br"),
            ("e-mail inválido: social.perdizes.mg.gov.br (falta o @)".to_owned(), help.clone())
        );
        assert_eq!(err("social @perdizes.mg.gov.br").0, "e-mail inválido: social @perdizes.mg.gov.br (tem espaços)");
        assert_eq!(err("a@b@c.br").0, "e-mail inválido: a@b@c.br (tem mais de um @)");
        assert_eq!(err("@perdizes.gov.br"), ("e-mail inválido: @perdizes.gov.br".to_owned(), help));
        assert_eq!(err("").0, "e-mail vazio");
        for bad in [
            "social@perdizes",
            "social@",
            "social@.gov.br",
            "social@perdizes..gov.br",
            "social@perdizes.gov.",
            "social@-perdizes.gov.br",
            "social@perdizes.gov.b",
            "social@perdizes.gov.123",
            ".social@perdizes.gov.br",
            "so..cial@perdizes.gov.br",
            "so<cial>@perdizes.gov.br",
            "social@perdizes_mg.gov.br",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ufs() {
        assert_eq!(UFS.len(), 27);
        let mg = Uf::parse(" mg ").unwrap();
        assert_eq!(mg.code(), "MG");
        assert_eq!(mg.name(), "Minas Gerais");
        assert_eq!(mg.to_string(), "MG");
        assert_eq!(Uf::parse("Df").unwrap().name(), "Distrito Federal");
        let e = Uf::parse("XX").unwrap_err();
        assert_eq!(e.message, "UF inválida: 'XX'");
        assert_eq!(
            e.help.as_deref(),
            Some(
                "use a sigla do estado: AC, AL, AP, AM, BA, CE, DF, ES, GO, MA, MT, MS, MG, \
                 PA, PB, PR, PE, PI, RJ, RN, RS, RO, RR, SC, SP, SE, TO"
            )
        );
        assert!(Uf::parse("Minas Gerais").is_err());
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in any::<String>(), ddd in proptest::option::of(any::<u8>())) {
            if let Ok(p) = Phone::parse(&s, ddd) {
                let _ = (p.display(), p.tel_href(), p.e164());
            }
            if let Ok(e) = Email::parse(&s) {
                let _ = e.mailto_href();
            }
            let _ = Uf::parse(&s);
            let _ = parse_ddd(&s);
        }

        #[test]
        fn phones_read_back_what_they_print(
            s in "\\+?(55)? ?\\(?0?[0-9]{2}\\)? ?9?[0-9]{4}[- .]?[0-9]{4}|0800[ -]?[0-9]{3}[ -]?[0-9]{4}",
            ddd in proptest::option::of(10u8..100),
        ) {
            if let Ok(p) = Phone::parse(&s, ddd) {
                let again = Phone::parse(&p.display(), ddd);
                prop_assert_eq!(again.as_ref().ok(), Some(&p));
                if let Some(e164) = p.e164() {
                    prop_assert_eq!(Phone::parse(&e164, None).ok().and_then(|q| q.e164()), Some(e164.clone()));
                    prop_assert_eq!(e164.len(), if p.kind() == PhoneKind::Mobile { 14 } else { 13 });
                }
            }
        }

        #[test]
        fn emails_read_back(s in "[a-zA-Z0-9._%+-]{1,10}@[a-zA-Z0-9-]{1,10}(\\.[a-zA-Z]{2,4}){1,3}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert_eq!(Email::parse(e.as_str()).ok(), Some(e.clone()));
                prop_assert!(e.mailto_href().starts_with("mailto:"));
            }
        }
    }
}
