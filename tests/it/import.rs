//! `secretaria importar`: five pages written in the shapes of the seeds (tests/fixtures/importar)
//! imported by the binary into fresh folders, each draft read back with real parsers (YAML
//! with serde_yaml, normative text with `secretaria::legal::parse`), scored against a
//! hand-written answer, and built. The same measurement runs on the real seeds when they are
//! present (`../shared/seeds`; their licence is unchecked, so they are not in the repository).

use crate::support::{fixtures, today};
use secretaria::legal::{self, ProvisionKind};
use secretaria::pipeline::{self, BuildOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The hand-written answer for one page.
struct Expected {
    file: &'static str,
    phones: &'static [&'static str],
    emails: &'static [&'static str],
    /// `horario:` entries.
    hours: &'static [(&'static str, &'static str)],
    /// Article anchors (`art27`).
    articles: &'static [&'static str],
    /// Inciso anchors, as (prefix, count): ("art27_cpt_inc", 5) is art27_cpt_inc1 … inc5.
    incisos: &'static [(&'static str, u32)],
}

/// What came out right, per category: (right, expected, extra).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Score {
    right: usize,
    expected: usize,
    extra: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Scores {
    phones: Score,
    emails: Score,
    hours: Score,
    articles: Score,
    incisos: Score,
}

impl Scores {
    fn add(&mut self, other: Scores) {
        for (a, b) in [
            (&mut self.phones, other.phones),
            (&mut self.emails, other.emails),
            (&mut self.hours, other.hours),
            (&mut self.articles, other.articles),
            (&mut self.incisos, other.incisos),
        ] {
            a.right += b.right;
            a.expected += b.expected;
            a.extra += b.extra;
        }
    }

    fn report(&self) -> String {
        let s = |n: &str, x: Score| format!("{n} {}/{} (+{} a mais)", x.right, x.expected, x.extra);
        [
            s("telefones", self.phones),
            s("e-mails", self.emails),
            s("horários", self.hours),
            s("artigos", self.articles),
            s("incisos", self.incisos),
        ]
        .join(", ")
    }
}

fn score(expected: &BTreeSet<String>, got: &BTreeSet<String>) -> Score {
    Score {
        right: expected.intersection(got).count(),
        expected: expected.len(),
        extra: got.difference(expected).count(),
    }
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    items.into_iter().map(str::to_owned).collect()
}

/// Runs `secretaria importar FILE --destino DEST`; returns (exit code, stdout, stderr).
fn importar(file: &Path, dest: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .arg("importar")
        .arg(file)
        .arg("--destino")
        .arg(dest)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn yaml(path: &Path) -> Option<serde_yaml::Value> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(serde_yaml::from_str(&text).unwrap())
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|r| r.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files
}

/// The front matter's YAML and the body of a Markdown content file.
fn split_front_matter(text: &str) -> (serde_yaml::Value, String) {
    let rest = text.strip_prefix("---\n").unwrap();
    let (fm, body) = rest.split_once("\n---\n").unwrap_or((rest.trim_end_matches("---\n"), ""));
    (serde_yaml::from_str(fm).unwrap(), body.to_owned())
}

/// Reads the draft in `dest` and scores it.
fn measure(dest: &Path, expected: &Expected) -> Scores {
    let unit = yaml(&dest.join("content/unidades/secretaria.yaml"));
    let list = |key: &str| -> BTreeSet<String> {
        let Some(items) = unit.as_ref().and_then(|u| u.get(key)).and_then(|v| v.as_sequence()) else {
            return BTreeSet::new();
        };
        items
            .iter()
            .filter_map(|i| i.as_str().or_else(|| i.get("numero").and_then(|n| n.as_str())))
            .map(str::to_owned)
            .collect()
    };
    let hours: BTreeSet<String> = unit
        .as_ref()
        .and_then(|u| u.get("horario"))
        .and_then(|h| h.as_mapping())
        .map(|m| m.iter().map(|(k, v)| format!("{}: {}", k.as_str().unwrap(), v.as_str().unwrap())).collect())
        .unwrap_or_default();
    let mut articles = BTreeSet::new();
    let mut incisos = BTreeSet::new();
    for file in files_in(&dest.join("content/legislacao")) {
        let (_, body) = split_front_matter(&std::fs::read_to_string(&file).unwrap());
        for p in legal::parse(&body).iter() {
            let id = p.id.clone().unwrap_or_default();
            match p.kind {
                ProvisionKind::Article => articles.insert(id),
                ProvisionKind::Inciso => incisos.insert(id),
                _ => false,
            };
        }
    }
    let expected_incisos: BTreeSet<String> =
        expected.incisos.iter().flat_map(|(prefix, n)| (1..=*n).map(move |i| format!("{prefix}{i}"))).collect();
    Scores {
        phones: score(&set(expected.phones.iter().copied()), &list("telefones")),
        emails: score(&set(expected.emails.iter().copied()), &list("emails")),
        hours: score(&expected.hours.iter().map(|(k, v)| format!("{k}: {v}")).collect(), &hours),
        articles: score(&set(expected.articles.iter().copied()), &articles),
        incisos: score(&expected_incisos, &incisos),
    }
}

/// Imports `file` into a fresh folder, checks the draft builds, and scores it.
fn import_and_measure(file: &Path, expected: &Expected) -> Scores {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("site");
    let (code, stdout, stderr) = importar(file, &dest);
    assert_eq!(code, 0, "{}: {stdout}\n{stderr}", expected.file);
    assert!(stdout.contains("Encontrado em"), "{stdout}");
    let options = BuildOptions { root: dest.clone(), today: Some(today()), ..BuildOptions::default() };
    if let Err(failure) = pipeline::build(&options) {
        let files: Vec<String> = walk(&dest);
        panic!("{}: the draft does not build:\n{}\n{files:#?}", expected.file, crate::support::render(failure));
    }
    measure(&dest, expected)
}

fn walk(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && !e.path().starts_with(dir.join("public")))
        .map(|e| format!("{}:\n{}", e.path().display(), std::fs::read_to_string(e.path()).unwrap_or_default()))
        .collect()
}

const FIXTURES: [Expected; 5] = [
    Expected {
        file: "serra-do-norte.txt",
        // "3411-7742"-style: no area code, so it is not published (nothing is invented).
        phones: &["3521-4410"],
        emails: &["semdes@serradonorte.pr.gov.br"],
        hours: &[],
        articles: &[],
        incisos: &[],
    },
    Expected { file: "vale-verde.txt", phones: &[], emails: &[], hours: &[], articles: &[], incisos: &[] },
    Expected {
        file: "campo-alegre.txt",
        phones: &[],
        emails: &[],
        hours: &[],
        articles: &["art10", "art11"],
        incisos: &[("art11_cpt_inc", 4)],
    },
    Expected {
        file: "rio-claro.txt",
        phones: &["(35) 3471-2080"],
        emails: &["social@rioclaro.mg.gov.br"],
        hours: &[("seg-sex", "07:30-11:30, 13:00-16:30")],
        articles: &["art12", "art13", "art14"],
        incisos: &[("inc", 7), ("par1u_inc", 3), ("art12_cpt_inc", 3), ("art13_cpt_inc", 3), ("art14_cpt_inc", 2)],
    },
    Expected {
        file: "lagoa-azul.html",
        // The old site's footer has the city hall's phone, e-mail and hours: not this page's.
        phones: &[],
        emails: &[],
        hours: &[],
        articles: &[],
        incisos: &[],
    },
];

#[test]
fn the_five_fixture_pages_come_out_as_measured_and_build() {
    let mut total = Scores::default();
    let mut lines = Vec::new();
    for expected in &FIXTURES {
        let scores = import_and_measure(&fixtures().join("importar").join(expected.file), expected);
        lines.push(format!("{}: {}", expected.file, scores.report()));
        total.add(scores);
    }
    println!("{}\ntotal: {}", lines.join("\n"), total.report());
    let sc = |right, expected, extra| Score { right, expected, extra };
    assert_eq!(
        total,
        Scores {
            phones: sc(1, 2, 0),
            emails: sc(2, 2, 0),
            hours: sc(1, 1, 0),
            articles: sc(5, 5, 0),
            incisos: sc(22, 22, 0),
        },
        "{}",
        lines.join("\n")
    );
}
