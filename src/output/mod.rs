//! Writing the site: minifying HTML ([`minify`]) and publishing atomically ([`publish`]).

pub mod minify;
pub mod publish;
