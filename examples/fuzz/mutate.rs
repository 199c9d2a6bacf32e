//! One input of a target: from the grammar, or a seed of the corpus changed the ways text
//! gets changed (tokens inserted, lines repeated, swapped, indented, cut, spliced from another
//! file, a stray byte), keeping the target's NUL-separated fields apart.

use super::grammar::{self, DATES, DAY_KEYS, EMAILS, HOURS_VALUES, LEGAL_LINES, PHONES, ROMANS, TIMES};
use super::rng::Rng;
use secretaria::fuzz;

/// YAML and front-matter syntax, the pieces that make parsers take other paths.
const YAML_TOKENS: &[&str] = &[
    "---\n",
    ": ",
    "- ",
    "  ",
    "\n",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "!x ",
    "? ",
    "|\n  ",
    ">-\n  ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "\"",
    "'",
    "# ",
    "\t",
    "~",
    "null",
    "<<: *a",
    "%YAML 1.2\n",
    "...\n",
    "@",
    "`",
    "nome: ",
    "titulo: ",
    "telefones:\n  - ",
    "horario:\n  ",
    "excecoes:\n  - data: ",
    "norma:\n  tipo: ",
    "data: ",
    "inicio: ",
    "fim: ",
    "datas: [",
    "emails: [",
    "peso: ",
    "rascunho: true",
    "atribuicoes: ",
    "competencias: ",
    "feriados:\n  - data: ",
    "menu:\n  - titulo: x\n    url: ",
    "permitir_html: true\n",
    "tema: ",
    "ddd: ",
];

const MARKDOWN_TOKENS: &[&str] = &[
    "# ",
    "## ",
    "###### ",
    "{#id}",
    "{.c onclick=x}",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "    ",
    "```",
    "~~~",
    "|",
    "---",
    "**",
    "*",
    "_",
    "__",
    "~~",
    "`",
    "[",
    "](",
    ")",
    "![",
    "<",
    ">",
    "</div>",
    "<div>",
    "<script>",
    "&amp;",
    "\\",
    "[^1]",
    "[^1]: ",
    "<!--",
    "-->",
    "javascript:",
    "https://",
    "\n\n",
    "  \n",
];

const CONTACT_TOKENS: &[&str] =
    &["0", "1", "3", "9", " ", "-", "(", ")", "+55", "0800", "@", ".", "gov.br", "/", " e ", ",", "ramal", "–"];

fn vocabulary(target: &str) -> &'static [&'static str] {
    match target {
        "front_matter" => YAML_TOKENS,
        "legal" => LEGAL_LINES,
        "hours" => HOURS_VALUES,
        "contact" => CONTACT_TOKENS,
        _ => MARKDOWN_TOKENS,
    }
}

/// A token for `target`: its vocabulary, another list of the same area, or a special char.
fn token(target: &str, rng: &mut Rng) -> String {
    let extra: &[&str] = match target {
        "front_matter" => DATES,
        "legal" => ROMANS,
        "hours" => {
            if rng.chance(2) {
                DAY_KEYS
            } else {
                TIMES
            }
        }
        "contact" => {
            if rng.chance(2) {
                PHONES
            } else {
                EMAILS
            }
        }
        _ => YAML_TOKENS,
    };
    match rng.below(6) {
        0 => rng.special().to_string(),
        1 => rng.pick(extra).to_string(),
        2 => rng.word().to_string(),
        _ => rng.pick(vocabulary(target)).to_string(),
    }
}

/// A fresh input of `target` from the grammar.
fn from_grammar(target: &str, rng: &mut Rng) -> Vec<u8> {
    match target {
        "front_matter" => {
            let choice = rng.below(fuzz::CONTENT_PATHS.len());
            let path = fuzz::CONTENT_PATHS[choice];
            let mut data = vec![choice as u8];
            data.extend_from_slice(rng.document(path).as_bytes());
            data
        }
        "legal" => rng.legal_text(30).into_bytes(),
        "hours" => rng.hours_input().into_bytes(),
        "contact" => rng.contact_input().into_bytes(),
        _ => {
            let site = rng.yaml_map(grammar::SITE, 0, 0);
            let site = if rng.chance(3) { format!("titulo: Secretaria\n{site}") } else { site };
            let name = site_path(rng);
            let document = rng.document(&format!("content/{name}"));
            [site.as_bytes(), b"\0", name.as_bytes(), b"\0", document.as_bytes()].concat()
        }
    }
}

/// A content path for a one-file site: every kind of place, and odd names.
fn site_path(rng: &mut Rng) -> String {
    let base = rng.pick(&fuzz::CONTENT_PATHS[1..]).trim_start_matches("content/").to_string();
    match rng.below(8) {
        0 => base.replace(".md", ".yaml"),
        1 => base.replace('-', " ").to_uppercase(),
        2 => format!("{}/{base}", rng.word()),
        3 => base.replace("relatorio", &format!("{} {}", rng.word(), rng.word())),
        _ => base,
    }
}

/// One input: a grammar input, or a corpus seed, with a few mutations.
pub(crate) fn generate(target: &str, rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let roll = rng.below(10);
    let mut data =
        if roll < 3 || corpus.is_empty() { from_grammar(target, rng) } else { corpus[rng.below(corpus.len())].clone() };
    if roll < 2 {
        return data;
    }
    let rounds = 1 + rng.below(6);
    for _ in 0..rounds {
        match target {
            // Byte 0 is where the file lives: mostly kept, sometimes moved.
            "front_matter" if !data.is_empty() => {
                if rng.chance(20) {
                    data[0] = rng.below(256) as u8;
                }
                let mut rest = data.split_off(1);
                mutate(target, rng, &mut rest, corpus);
                data.extend(rest);
            }
            // Three fields: `site.yaml`, the path, the file; mostly the file changes.
            "site" => {
                let mut parts: Vec<Vec<u8>> = fuzz::fields(&data, 3).into_iter().map(<[u8]>::to_vec).collect();
                let field = match rng.below(10) {
                    0 | 1 => 0,
                    2 => 1,
                    _ => parts.len() - 1,
                };
                if let Some(part) = parts.get_mut(field) {
                    mutate(target, rng, part, corpus);
                    if field < 2 {
                        part.retain(|&b| b != 0);
                    }
                }
                data = parts.join(&0u8);
            }
            _ => mutate(target, rng, &mut data, corpus),
        }
    }
    data
}

/// Byte offsets that start a character (or any offset, when the bytes are not UTF-8).
fn boundary(rng: &mut Rng, data: &[u8]) -> usize {
    if data.is_empty() {
        return 0;
    }
    let mut at = rng.below(data.len() + 1);
    while at < data.len() && (data[at] & 0xC0) == 0x80 {
        at += 1;
    }
    at
}

/// The line that contains byte `at`: (start, end including the newline).
fn line_at(data: &[u8], at: usize) -> (usize, usize) {
    let start = data[..at.min(data.len())].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let end = data[start..].iter().position(|&b| b == b'\n').map_or(data.len(), |p| start + p + 1);
    (start, end)
}

fn mutate(target: &str, rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    match rng.below(14) {
        0..=2 => {
            let at = boundary(rng, data);
            let token = token(target, rng);
            data.splice(at..at, token.bytes());
        }
        3 => {
            let a = boundary(rng, data);
            let b = (a + 1 + rng.below(32)).min(data.len());
            let b = if b < data.len() { boundary_from(data, b) } else { b };
            data.drain(a..b);
        }
        4 => {
            let a = boundary(rng, data);
            let b = boundary_from(data, (a + rng.below(64)).min(data.len()));
            let piece = data[a..b].to_vec();
            let at = boundary(rng, data);
            data.splice(at..at, piece);
        }
        5 => {
            // A line repeated (many list items, many keys, many articles).
            let at = boundary(rng, data);
            let (start, end) = line_at(data, at);
            let mut line = data[start..end].to_vec();
            if !line.ends_with(b"\n") {
                line.push(b'\n');
            }
            let most = if rng.chance(8) { 200 } else { 8 };
            let times = 1 + rng.below(most);
            let piece = line.repeat(times);
            data.splice(end..end, piece);
        }
        6 if !corpus.is_empty() => {
            let other = &corpus[rng.below(corpus.len())];
            let a = boundary(rng, other);
            let b = boundary_from(other, (a + rng.below(256)).min(other.len()));
            let at = boundary(rng, data);
            let piece: Vec<u8> = other[a..b].iter().copied().filter(|&b| b != 0).collect();
            data.splice(at..at, piece);
        }
        7 => {
            let (a0, a1) = line_at(data, boundary(rng, data));
            let (b0, b1) = line_at(data, boundary(rng, data));
            if a1 <= b0 {
                let (first, second) = (data[a0..a1].to_vec(), data[b0..b1].to_vec());
                data.splice(b0..b1, first);
                data.splice(a0..a1, second);
            }
        }
        8 => {
            let at = boundary(rng, data);
            let (start, _) = line_at(data, at);
            let indent = rng.pick(&["  ", "    ", "\t", " ", "- ", "> ", "\u{a0}"]);
            if rng.chance(2) {
                data.splice(start..start, indent.bytes());
            } else if data[start..].starts_with(b"  ") {
                data.drain(start..start + 2);
            }
        }
        9 => {
            let at = boundary(rng, data);
            data.truncate(at);
        }
        10 => {
            // A number replaced by an extreme one.
            if let Some(at) = data.iter().position(|b| b.is_ascii_digit()) {
                let end = data[at..].iter().position(|b| !b.is_ascii_digit()).map_or(data.len(), |p| at + p);
                let number = rng.pick(&["0", "00", "9999999999999999999999", "4294967296", "13", "32", "60", "24"]);
                data.splice(at..end, number.bytes());
            }
        }
        11 => {
            let at = boundary(rng, data);
            let (start, _) = line_at(data, at);
            let mut line = from_grammar(if target == "site" { "legal" } else { target }, rng);
            line.retain(|&b| b != 0);
            data.splice(start..start, line);
        }
        12 => {
            // Deep nesting: a container opened thousands of times (`>`, `- `, emphasis, links,
            // raw HTML), which once overflowed the minifier's stack.
            let at = boundary(rng, data);
            let (start, _) = line_at(data, at);
            let (open, close) = rng.pick(&[
                ("> ", ""),
                ("- ", ""),
                ("* ", ""),
                ("*", "*"),
                ("_", "_"),
                ("[", "](x)"),
                ("<div>", "</div>"),
                ("<b>", ""),
                ("1. ", ""),
                ("    ", ""),
            ]);
            let most = if rng.chance(4) { 12_000 } else { 300 };
            let times = 1 + rng.below(most);
            let mut piece = open.repeat(times).into_bytes();
            piece.extend_from_slice(b"x");
            piece.extend(close.repeat(times).bytes());
            piece.push(b'\n');
            data.splice(start..start, piece);
        }
        _ => {
            let at = rng.below(data.len() + 1);
            data.insert(at, rng.below(256) as u8);
        }
    }
}

fn boundary_from(data: &[u8], mut at: usize) -> usize {
    while at < data.len() && (data[at] & 0xC0) == 0x80 {
        at += 1;
    }
    at
}

/// Cuts `data` to at most `max` bytes, at a character boundary.
pub(crate) fn cut(data: &mut Vec<u8>, max: usize) {
    if data.len() > max {
        let mut at = max;
        while at > 0 && (data[at] & 0xC0) == 0x80 {
            at -= 1;
        }
        data.truncate(at);
    }
}
