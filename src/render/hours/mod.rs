//! Opening hours for readers and machines, written from the model's
//! [`OpeningHours`](crate::model::hours::OpeningHours): Portuguese sentences ([`phrase`]),
//! schema.org JSON-LD ([`schema`]) and the data of the "aberto agora" script ([`script`]).

pub(crate) mod phrase;
pub(crate) mod schema;
pub(crate) mod script;

pub(crate) use phrase::{exception_sentences, sentences};
pub(crate) use schema::schema_org;
pub(crate) use script::{calendar_json, data_attr, zone_label};
