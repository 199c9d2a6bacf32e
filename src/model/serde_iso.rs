//! How the model types of the transparency kinds serialise the values that have no serde
//! impl of their own: dates as ISO 8601 (`2026-01-14`), Markdown bodies as their text, an
//! origin as its site path, phones as `+55…` with their description, e-mails as written. Kept
//! as `serialize_with` helpers, local to these types, so that the open-data export can
//! serialise them as they are without a crate-wide impl on shared types.

use super::contact::{EmailEntry, LabelledPhone};
use super::datetime::Date;
use super::{Body, Origin};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::Serializer;

/// `Some(date)` as `"2026-01-14"` (fields with `skip_serializing_if = "Option::is_none"`).
pub(crate) fn date<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&d.iso_date()),
        None => serializer.serialize_none(),
    }
}

/// A date that is always there.
pub(crate) fn date_required<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&date.iso_date())
}

/// A Markdown body as the editor wrote it.
pub(crate) fn body<S: Serializer>(body: &Body, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&body.markdown)
}

/// Where a piece of content is published: its site path (`programas/bolsa-familia/`).
pub(crate) fn origin<S: Serializer>(origin: &Origin, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&origin.path)
}

/// Phones as `{"numero": "+553436631492", "descricao": …}`; a number without a known area
/// code keeps its written form.
pub(crate) fn phones<S: Serializer>(phones: &[LabelledPhone], serializer: S) -> Result<S::Ok, S::Error> {
    struct One<'a>(&'a LabelledPhone);
    impl serde::Serialize for One<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("Telefone", 2)?;
            s.serialize_field("numero", &self.0.phone.e164().unwrap_or_else(|| self.0.phone.display()))?;
            match &self.0.label {
                Some(label) => s.serialize_field("descricao", label)?,
                None => s.skip_field("descricao")?,
            }
            s.end()
        }
    }
    let mut seq = serializer.serialize_seq(Some(phones.len()))?;
    for phone in phones {
        seq.serialize_element(&One(phone))?;
    }
    seq.end()
}

/// E-mails as written (an address kept as text is published as text).
pub(crate) fn emails<S: Serializer>(emails: &[EmailEntry], serializer: S) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(emails.len()))?;
    for email in emails {
        match email {
            EmailEntry::Valid(e) => seq.serialize_element(e.as_str())?,
            EmailEntry::AsWritten(text) => seq.serialize_element(text)?,
        }
    }
    seq.end()
}
