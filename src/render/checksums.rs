//! `SHA256SUMS`: the SHA-256 of every published file, in the format `sha256sum -c` reads
//! (GNU coreutils): one line per file, the digest in lowercase hexadecimal, two spaces, the
//! path relative to the site's root. Sorted by path (byte order), so the same site gives the
//! same bytes. Left out: the file itself and the output marker (`.secretaria`), which is not
//! part of the site. A name with a backslash, a line break or a carriage return is written
//! as coreutils does: the line starts with `\` and those characters are escaped.
//!
//! The digests are taken as files are produced (`pipeline`, `dev`): `build` hashes each file
//! once, as it is written; `serve` keeps the digest of every published file and hashes only
//! what it writes again, so the manifest of a 10,000-page site costs one small file after an
//! edit.

use sha2::{Digest as _, Sha256};

/// A SHA-256 digest.
pub(crate) type Digest = [u8; 32];

/// The SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> Digest {
    Sha256::digest(bytes).into()
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The name of the manifest, at the site's root.
pub(crate) const FILE: &str = "SHA256SUMS";

/// The manifest of `files` (path relative to the output folder → digest), sorted by path.
pub(crate) fn manifest<'a>(files: impl IntoIterator<Item = (&'a str, &'a Digest)>) -> Vec<u8> {
    let mut lines: Vec<(&str, &Digest)> =
        files.into_iter().filter(|(path, _)| *path != FILE && *path != crate::output::MARKER).collect();
    // The dev loop keeps its digests sorted already: checking costs one comparison a file.
    if !lines.is_sorted_by(|a, b| a.0.as_bytes() <= b.0.as_bytes()) {
        lines.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    }
    lines.dedup_by(|a, b| a.0 == b.0);
    let mut out: Vec<u8> = Vec::with_capacity(lines.iter().map(|(path, _)| path.len() + 67).sum());
    for (path, digest) in lines {
        let escaped = memchr::memchr3(b'\\', b'\n', b'\r', path.as_bytes()).is_some();
        if escaped {
            out.push(b'\\');
        }
        let mut hex = [0u8; 64];
        for (pair, byte) in hex.chunks_exact_mut(2).zip(digest) {
            pair.copy_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]]);
        }
        out.extend_from_slice(&hex);
        out.extend_from_slice(b"  ");
        if escaped {
            out.extend_from_slice(path.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r").as_bytes());
        } else {
            out.extend_from_slice(path.as_bytes());
        }
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digest_sorted_lines_and_escaped_names() {
        let empty = sha256(b"");
        let abc = sha256(b"abc");
        let files = [("b/index.html", &abc), ("a b.txt", &empty), ("x\\y\nz", &empty), (FILE, &abc)];
        let text = String::from_utf8(manifest(files)).unwrap_or_default();
        let e3 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let ba = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(text, format!("{e3}  a b.txt\n{ba}  b/index.html\n\\{e3}  x\\\\y\\nz\n"));
    }
}
