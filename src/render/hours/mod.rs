//! Opening hours for readers and machines, written from the model's
//! [`OpeningHours`](crate::model::hours::OpeningHours): Portuguese sentences ([`phrase`]),
//! schema.org JSON-LD ([`schema`]) and the data of the "aberto agora" script ([`script`]).

pub mod phrase;
pub mod schema;
pub mod script;

pub use phrase::{exception_sentences, sentences};
pub use schema::schema_org;
pub use script::{calendar_json, data_attr, zone_label};
