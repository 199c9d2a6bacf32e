//! No nesting crashes anything: 10,000 levels of every construct that nests, through the real
//! binary (a crash is a signal exit, which `build` must never give), in `build` and in the
//! rebuild of a running `serve`. Markdown nesting beyond the limit is a located error; the
//! YAML parser's own recursion limit is a located error; the legal parser flattens.

use crate::support::*;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const LEVELS: usize = 10_000;

fn page(body: &str) -> String {
    format!("---\ntitulo: Fundo\n---\nPrimeira linha.\n\n{body}\n")
}

/// (name, file, text, whether the build must fail with the nesting error).
fn deep_inputs() -> Vec<(&'static str, &'static str, String, bool)> {
    let n = LEVELS;
    let yaml_flow = format!("nome: X\ntipo: cras\nservicos: {}{}\n", "[".repeat(n), "]".repeat(n));
    let yaml_block: String = (0..n).map(|i| format!("{}- a\n", "  ".repeat(i.min(200)))).collect();
    let legal: String = (0..n)
        .map(|i| match i % 6 {
            0 => format!("TÍTULO {}\n", i / 6 + 1),
            1 => "CAPÍTULO I\n".to_string(),
            2 => format!("Art. {}º Texto.\n", i / 6 + 1),
            3 => "§ 1º Parágrafo.\n".to_string(),
            4 => "I - inciso;\n".to_string(),
            _ => "a) alínea;\n".to_string(),
        })
        .collect();
    vec![
        ("citações", "content/paginas/fundo.md", page(&format!("{} x", ">".repeat(n))), true),
        ("listas", "content/paginas/fundo.md", page(&format!("{} x", "- ".repeat(n))), true),
        ("listas numeradas", "content/paginas/fundo.md", page(&format!("{} x", "1. ".repeat(n))), true),
        ("ênfases", "content/paginas/fundo.md", page(&format!("{}x{}", "*".repeat(n), "*".repeat(n))), true),
        (
            "riscados",
            "content/paginas/fundo.md",
            page(&format!("{}x{}", "~~a *b ".repeat(n / 2), "* e~~ f".repeat(n / 2))),
            true,
        ),
        ("tildes", "content/paginas/fundo.md", page(&format!("{}x{}", "~~".repeat(n), "~~".repeat(n))), false),
        ("imagens", "content/paginas/fundo.md", page(&format!("{}x{}", "![".repeat(n), "](a.png)".repeat(n))), true),
        ("links", "content/paginas/fundo.md", page(&format!("{}x{}", "[".repeat(n), "](a)".repeat(n))), false),
        ("HTML", "content/paginas/fundo.md", page(&"<div>".repeat(n)), true),
        ("HTML em linhas", "content/paginas/fundo.md", page(&"<section>\n".repeat(n)), true),
        ("HTML dentro de citação", "content/paginas/fundo.md", page(&format!("> {}", "<b>".repeat(n))), true),
        (
            "texto de unidade",
            "content/unidades/fundo.yaml",
            format!("nome: Fundo\ntipo: cras\ntexto: |\n  Primeira linha.\n  {} x\n", ">".repeat(n)),
            true,
        ),
        (
            "apresentação",
            "content/secretaria.yaml",
            format!("nome: S\napresentacao: \"{}x{}\"\n", "**".repeat(n), "**".repeat(n)),
            true,
        ),
        ("YAML em colchetes", "content/unidades/fundo.yaml", yaml_flow, false),
        ("YAML em blocos", "content/unidades/fundo.yaml", yaml_block, false),
        (
            "YAML numa chave desconhecida",
            "content/secretaria.yaml",
            format!("nome: S\noutra: {}{}\n", "{a: ".repeat(n), "}".repeat(n)),
            false,
        ),
        ("cabeçalho YAML", "content/paginas/fundo.md", format!("---\ntitulo: {}\n---\nx\n", "[".repeat(n)), false),
        ("texto normativo", "content/legislacao/fundo.md", format!("---\ntitulo: Lei\n---\n{legal}"), false),
    ]
}

fn run_build(site: &TestSite) -> (Option<i32>, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_secretaria")).arg("--root").arg(site.root()).arg("build").output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn ten_thousand_levels_of_anything_never_crash_the_build() {
    for (what, file, text, nesting_error) in deep_inputs() {
        let site = TestSite::fixture("perdizes");
        site.write(file, &text);
        let (code, stderr) = run_build(&site);
        assert!(code.is_some(), "{what}: killed by a signal (crash)\n{}", tail(&stderr));
        if nesting_error {
            assert_eq!(code, Some(1), "{what}: {}", tail(&stderr));
            assert!(stderr.contains("níveis demais") && stderr.contains("dica:"), "{what}: {}", tail(&stderr));
            assert!(stderr.contains(&format!("{file}:")), "{what}: located in {file}: {}", tail(&stderr));
        } else {
            assert!(matches!(code, Some(0 | 1)), "{what}: {code:?} {}", tail(&stderr));
            if code == Some(1) {
                assert!(stderr.contains(file), "{what}: the error names {file}: {}", tail(&stderr));
            }
        }
    }
}

#[test]
fn the_located_error_points_at_the_level_that_goes_too_far() {
    let site = TestSite::fixture("perdizes");
    site.write("content/paginas/fundo.md", &page(&format!("{} x", ">".repeat(LEVELS))));
    site.write(
        "content/unidades/fundo.yaml",
        &format!("nome: Fundo\ntipo: cras\ntexto: |\n  Primeira linha.\n  {} x\n", "- ".repeat(LEVELS)),
    );
    let (code, stderr) = run_build(&site);
    assert_eq!(code, Some(1));
    // Line 6 of the page (3 lines of front matter, a first line, a blank one); the 101st `>`.
    assert!(stderr.contains("content/paginas/fundo.md:6:101"), "{}", tail(&stderr));
    // Line 5 of the unit file, after the block scalar's two-space indentation.
    assert!(stderr.contains("content/unidades/fundo.yaml:5:"), "{}", tail(&stderr));
    assert!(stderr.contains("2 erros encontrados"), "{}", tail(&stderr));
    assert!(!site.output().exists(), "nothing was published");
}

fn tail(text: &str) -> String {
    let cut = text.char_indices().rev().nth(3000).map_or(0, |(i, _)| i);
    text[cut..].to_string()
}

/// A running `serve` whose output lines are collected; killed when dropped.
struct Serve {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Serve {
    fn start(site: &TestSite) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_secretaria"))
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        for stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let (lines, tx) = (lines.clone(), tx.clone());
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    lines.lock().unwrap().push(line.clone());
                    let _ = tx.send(line);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while !rx.recv_timeout(Duration::from_millis(100)).is_ok_and(|l| l.starts_with("Servindo em")) {
            assert!(Instant::now() < deadline, "serve did not start: {:?}", lines.lock().unwrap());
        }
        Serve { child, lines }
    }

    /// How many lines the server has printed so far: the mark to wait after.
    fn mark(&self) -> usize {
        self.lines.lock().unwrap().len()
    }

    /// Waits until a line printed after `mark` contains one of `needles`; fails if the server
    /// dies meanwhile.
    fn wait_after(&mut self, mark: usize, needles: &[&str], what: &str) {
        // Generous: a safety net against a hang, not a timing claim (CI machines are loaded).
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            if self.lines.lock().unwrap()[mark..].iter().any(|l| needles.iter().any(|n| l.contains(n))) {
                return;
            }
            self.alive(what);
            assert!(
                Instant::now() < deadline,
                "{what}: no {needles:?} in:\n{}",
                tail(&self.lines.lock().unwrap()[mark..].join("\n"))
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the server has printed nothing for a while, so that what a save printed
    /// late (its two streams are read by two threads) is not taken for the next save's.
    fn settle(&mut self, what: &str) {
        let (mut seen, mut since) = (self.mark(), Instant::now());
        while since.elapsed() < Duration::from_millis(300) {
            std::thread::sleep(Duration::from_millis(50));
            self.alive(what);
            if self.mark() != seen {
                (seen, since) = (self.mark(), Instant::now());
            }
        }
    }

    fn alive(&mut self, what: &str) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!("{what}: serve died ({status}):\n{}", tail(&self.lines.lock().unwrap().join("\n")));
        }
    }
}

/// Saves `text` as `rel` in one step, as editors that save through a rename do: the watcher
/// never sees the file half-written, so one save is one rebuild however loaded the machine is.
fn save(site: &TestSite, rel: &str, text: &str) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut file = tempfile::NamedTempFile::new_in(site.root().parent().unwrap()).unwrap();
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
    file.persist(path).unwrap();
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn ten_thousand_levels_never_crash_the_dev_server_rebuild() {
    // What `serve` prints once per rebuild, good or bad.
    const REBUILT: [&str; 3] = ["regerada", "gravado", "corrija e salve"];
    let site = TestSite::fixture("perdizes");
    let mut serve = Serve::start(&site);
    for (what, file, text, nesting_error) in deep_inputs() {
        let previous = std::fs::read_to_string(site.root().join(file)).ok();
        serve.settle(what);
        let mark = serve.mark();
        save(&site, file, &text);
        serve.wait_after(mark, &REBUILT, what);
        if nesting_error {
            serve.wait_after(mark, &["níveis demais"], what);
        }
        serve.settle(what);
        let mark = serve.mark();
        match previous {
            Some(previous) => save(&site, file, &previous),
            None => std::fs::remove_file(site.root().join(file)).unwrap(),
        }
        serve.wait_after(mark, &REBUILT, &format!("{what}: the rebuild after the fix"));
    }
    assert!(serve.child.try_wait().unwrap().is_none(), "serve is still running");
}
