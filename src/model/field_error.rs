//! The error a validating constructor returns for one field value. The loader attaches the
//! file, line and column; the constructor only knows what is wrong and how to fix it.

use crate::diagnostics::Code;

/// What is wrong with one value, in Portuguese, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The kind of problem (an error code: a caller that reports it as a warning picks its own).
    pub code: Code,
    /// What is wrong, e.g. "hora inválida: 25:00".
    pub message: String,
    /// How to fix it, e.g. "as horas vão de 00:00 a 23:59".
    pub help: Option<String>,
}

impl FieldError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        FieldError { code, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
