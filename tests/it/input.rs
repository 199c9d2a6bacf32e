//! Reading the input safely and telling the editor what to do: YAML aliases refused, every
//! error of a file at once and one error per root cause, unreadable folders and unpublished
//! files reported, NFC names, template errors located, exit codes, and the README's sample.
//! Every broken case is also built over a previous output, which must stay byte-identical.

use crate::support::*;
use secretaria::diagnostics::Severity;
use secretaria::pipeline::{self, BuildOptions, Failure};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

type Found = (String, usize, usize, String);

/// The errors `check` finds in a site: (file, line, column, message); each must have a hint.
fn errors_at(root: &Path) -> Vec<Found> {
    let options = BuildOptions { root: root.to_path_buf(), today: Some(today()), ..BuildOptions::default() };
    let diagnostics = match pipeline::check(&options) {
        Ok(_) => panic!("{}: check passed", root.display()),
        Err(Failure::Content(d)) => d,
        Err(other) => panic!("{}: {}", root.display(), render(other)),
    };
    let errors: Vec<_> = diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error).collect();
    for d in &errors {
        assert!(d.help.is_some(), "no hint: {d:?}");
    }
    errors
        .into_iter()
        .map(|d| {
            let file = d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default();
            let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
            (file, line, column, d.message.clone())
        })
        .collect()
}

fn errors(case: &str) -> Vec<Found> {
    errors_at(&fixtures().join("invalid").join(case))
}

fn found(file: &str, line: usize, column: usize, message: &str) -> Found {
    (file.to_string(), line, column, message.to_string())
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A copy of the site with a previous output (a valid site built into its `public/`).
fn with_previous_output(site: TestSite) -> (TestSite, BTreeMap<String, Vec<u8>>) {
    let valid = TestSite::fixture("perdizes");
    pipeline::build(&BuildOptions { output: Some(site.output()), ..valid.options() }).map_err(render).unwrap();
    let before = snapshot(&site.output());
    assert!(before.len() > 10);
    (site, before)
}

/// `secretaria build` of a broken case: (exit code, stderr); the previous output is unchanged.
fn failed_build(site: TestSite) -> (i32, String) {
    let (site, before) = with_previous_output(site);
    let root = site.root().to_string_lossy().to_string();
    let (code, _, err) = run(&["--root", &root, "build"]);
    assert_eq!(snapshot(&site.output()), before, "the previous output changed:\n{err}");
    (code, err)
}

fn failed_case(case: &str) -> (i32, String) {
    failed_build(TestSite::fixture(&format!("invalid/{case}")))
}

#[test]
fn yaml_alias_is_refused_at_the_alias() {
    assert_eq!(
        errors("apelido-yaml"),
        [found("content/secretaria.yaml", 3, 8, "apelido YAML não é aceito: `*missao`")]
    );
    let (code, err) = failed_case("apelido-yaml");
    assert_eq!(code, 1);
    assert!(err.contains("content/secretaria.yaml:3:8"), "{err}");
}

#[test]
fn alias_bomb_is_refused_before_it_expands() {
    // A 100 KB text repeated through aliases: 100 KB × 8⁶ (26 GB) once expanded.
    let site = TestSite::fixture("perdizes");
    let mut yaml = format!("nome: Secretaria\ntexto: &a0 \"{}\"\n", "x".repeat(100_000));
    for level in 1..=6 {
        yaml.push_str(&format!("n{level}: &a{level} [{}]\n", vec![format!("*a{}", level - 1); 8].join(", ")));
    }
    site.write("content/unidades/bomba.yaml", &yaml);
    let all = errors_at(site.root());
    assert_eq!(all, [found("content/unidades/bomba.yaml", 3, 10, "apelido YAML não é aceito: `*a0`")]);
    let (code, _) = failed_build(site);
    assert_eq!(code, 1);
}

#[test]
fn unreadable_unit_is_one_error_not_a_cascade() {
    assert_eq!(
        errors("cascata-utf8"),
        [found("content/unidades/secretaria.yaml", 1, 37, "o arquivo não está em UTF-8")]
    );
    let (code, err) = failed_case("cascata-utf8");
    assert_eq!(code, 1);
    assert!(err.contains("1 erro encontrado"), "{err}");
}

#[test]
fn unit_with_a_yaml_error_is_one_error_not_a_cascade() {
    let all = errors("cascata-yaml");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!((all[0].0.as_str(), all[0].1), ("content/unidades/secretaria.yaml", 4));
    assert_eq!(all[0].3, "YAML inválido: aspas abertas e não fechadas", "{all:#?}");
    assert_eq!(failed_case("cascata-yaml").0, 1);
}

#[test]
fn a_missing_unit_still_says_which_file_to_create() {
    let site = TestSite::fixture("invalid/cascata-yaml");
    std::fs::remove_file(site.root().join("content/unidades/secretaria.yaml")).unwrap();
    let all = errors_at(site.root());
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(all.iter().all(|e| e.3 == "unidade não encontrada: `secretaria`"), "{all:#?}");
    let diagnostics = pipeline::check(&site.options()).err().map(pipeline::failure_diagnostics).unwrap();
    let missing = diagnostics.iter().find(|d| d.message.starts_with("unidade não encontrada"));
    let help = missing.and_then(|d| d.help.clone()).unwrap_or_default();
    assert!(help.ends_with("crie content/unidades/secretaria.yaml"), "{help}");
}

#[test]
fn every_key_and_type_error_of_a_file_at_once() {
    let file = "content/unidades/secretaria.yaml";
    assert_eq!(
        errors("todos-os-erros"),
        [
            found(
                file,
                3,
                12,
                "valor de tipo errado: encontrei um texto, esperava verdadeiro ou falso (true/false) (em `principal`)"
            ),
            found(file, 6, 3, "chave desconhecida: `bairo` (em `endereco`)"),
            found(
                file,
                7,
                12,
                "valor de tipo errado: encontrei um texto, esperava uma lista (- item) (em `telefones`)"
            ),
            found(file, 8, 1, "chave desconhecida: `email`"),
            found(file, 12, 7, "valor de tipo errado: encontrei um texto, esperava um número inteiro (em `peso`)"),
        ]
    );
    let (code, err) = failed_case("todos-os-erros");
    assert_eq!(code, 1);
    assert!(err.contains("você quis dizer `bairro`?") && err.contains("você quis dizer `emails`?"), "{err}");
    assert!(err.contains("5 erros encontrados"), "{err}");
}

/// A misspelt key does not hide the other errors of its file: it is reported with its
/// suggestion, and the file is still checked as the suggestion reads it, so that an invalid
/// date beside it is reported in the same run (it was reported only after the key was
/// mended). A key with no suggestion stops its file there, as before, and nothing is published.
#[test]
fn a_misspelt_key_does_not_hide_the_other_errors_of_its_file() {
    let site = TestSite::fixture("lagoa-serena");
    site.write("content/paginas/digitada.md", "---\ntitlo: Digitada\ndata: 31/02/2024\n---\nTexto.\n");
    site.write("content/paginas/outra.md", "---\ntitulo: Outra\ncor: azul\ndata: 31/02/2024\n---\nTexto.\n");
    assert_eq!(
        errors_at(site.root()),
        [
            found("content/paginas/digitada.md", 2, 1, "chave desconhecida: `titlo`"),
            found("content/paginas/digitada.md", 3, 7, "data inválida: 31/02/2024 (fevereiro de 2024 tem 29 dias)"),
            found("content/paginas/outra.md", 3, 1, "chave desconhecida: `cor`"),
        ]
    );
    let (code, err) = failed_build(site);
    assert_eq!(code, 1);
    assert!(err.contains("você quis dizer `titulo`?") && err.contains("3 erros encontrados"), "{err}");
}

#[test]
fn site_yaml_error_does_not_hide_content_errors() {
    let all = errors("site-yaml-e-conteudo");
    let places: Vec<(&str, usize)> = all.iter().map(|e| (e.0.as_str(), e.1)).collect();
    assert_eq!(places, [("content/unidades/secretaria.yaml", 5), ("site.yaml", 4)], "{all:#?}");
    assert!(all[1].3.contains("`cor`"), "{all:#?}");
    assert_eq!(failed_case("site-yaml-e-conteudo").0, 1);
}

#[test]
fn no_rust_type_name_reaches_the_editor() {
    let all = errors("nome-interno");
    let expected = "valor de tipo errado: encontrei um texto, esperava um grupo de chaves (chave: valor)";
    assert_eq!(
        all,
        [
            found("content/secretaria.yaml", 3, 5, &format!("{expected} (em `valores[0]`)")),
            found("content/secretaria.yaml", 4, 5, &format!("{expected} (em `valores[1]`)")),
        ]
    );
    let (code, err) = failed_case("nome-interno");
    assert_eq!(code, 1);
    for internal in ["Yaml", "struct", "enum", "untagged", "invalid type"] {
        assert!(!err.contains(internal), "{internal}: {err}");
    }
}

#[test]
fn template_runtime_error_names_the_sites_template_line_and_variable() {
    assert_eq!(
        errors("modelo-variavel"),
        [found(
            "themes/meu/templates/page.html",
            4,
            25,
            "o modelo page.html usa `page.subtitulo`, que não existe nesta página"
        )]
    );
    let (code, err) = failed_case("modelo-variavel");
    assert_eq!(code, 1);
    assert!(err.contains("themes/meu/templates/page.html:4:25") && !err.contains("not found"), "{err}");
}

#[test]
fn long_lines_are_cut_around_the_error() {
    let site = TestSite::fixture("perdizes");
    let phones = vec!["\"(34) 3663-1492\""; 6_000].join(", ");
    site.write("content/unidades/cras.yaml", &format!("nome: CRAS\ntelefones: [{phones}, \"(00) 1234\"]\n"));
    let (code, err) = failed_build(site);
    assert_eq!(code, 1);
    assert!(err.contains("content/unidades/cras.yaml:2:"), "{err}");
    assert!(err.contains("(00) 1234"), "{err}");
    assert!(err.len() < 2_000, "{} bytes of report", err.len());
}

#[test]
fn decomposed_and_composed_names_are_the_same_name() {
    let site = TestSite::fixture("perdizes");
    let (nfc, nfd) = ("são-joão", "sa\u{303}o-joa\u{303}o");
    site.write(&format!("content/unidades/{nfd}.yaml"), &format!("nome: CRAS {nfd}\ntipo: cras\n"));
    site.write(
        "content/estrutura/assessoria-norte.md",
        &format!("---\ntitulo: Assessoria Norte\nunidade: {nfc}\n---\nAtende o norte.\n"),
    );
    site.write(&format!("content/paginas/{nfc}.md"), &format!("---\ntitulo: {nfd}\n---\nTexto.\n"));
    site.write(&format!("content/paginas/{nfd}.pdf"), "pdf");
    site.build().map_err(render).unwrap();
    assert!(site.output().join(format!("paginas/{nfc}.pdf")).is_file(), "attachment not published under its NFC name");
    let page = site.page("estrutura/assessoria-norte/");
    // The reference written composed found the file saved decomposed; the text is composed.
    assert!(texts(&page, "main").join(" ").contains(&format!("CRAS {nfc}")), "{:?}", texts(&page, "main"));
    assert_eq!(texts(&site.page("paginas/sao-joao/"), "h1"), [nfc]);

    site.write(&format!("content/paginas/{nfd}.md"), "---\ntitulo: De novo\n---\nTexto.\n");
    let all = errors_at(site.root());
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].3.contains("mesmo nome"), "{all:#?}");
}

#[test]
fn files_that_are_not_content_or_attachments_are_not_published() {
    let site = TestSite::fixture("perdizes");
    site.write("content/paginas/sobre.md", "---\ntitulo: Sobre\n---\n![Fachada](fachada.JPG)\n");
    site.write("content/paginas/fachada.JPG", "jpeg");
    site.write("content/paginas/edital.pdf", "pdf");
    site.write("content/paginas/notas-internas.txt", "não publicar");
    site.write("content/paginas/sobre.md.orig", "cópia");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", site.root().join("content/paginas/atalho.pdf")).unwrap();
    let summary = site.build().map_err(render).unwrap();
    for published in ["paginas/fachada.JPG", "paginas/edital.pdf"] {
        assert!(site.output().join(published).is_file(), "{published}");
    }
    // The image beside the page's file is where the page's address leads the browser
    // (the page is published one folder deeper than its file).
    assert_eq!(attrs(&site.page("paginas/sobre/"), "main img", "src"), ["../../paginas/fachada.JPG"]);
    for private in ["paginas/notas-internas.txt", "paginas/sobre.md.orig", "paginas/atalho.pdf"] {
        assert!(!site.output().join(private).exists(), "{private} was published");
    }
    let warned: Vec<String> =
        summary.warnings.iter().filter_map(|d| d.file.as_ref().map(|f| f.display().to_string())).collect();
    assert!(warned.contains(&"content/paginas/notas-internas.txt".to_string()), "{warned:?}");
    assert!(warned.contains(&"content/paginas/sobre.md.orig".to_string()), "{warned:?}");
    #[cfg(unix)]
    assert!(warned.contains(&"content/paginas/atalho.pdf".to_string()), "{warned:?}");
}

/// Runs the binary without the capabilities that let root read any folder, so that a folder
/// without permissions is unreadable here as it is for an editor.
#[cfg(unix)]
fn run_unprivileged(args: &[&str]) -> (i32, String) {
    let root = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut command = if root.unwrap_or(false) {
        let mut c = Command::new("setpriv");
        let caps = "-dac_override,-dac_read_search";
        c.args(["--bounding-set", caps, "--inh-caps", caps, "--", env!("CARGO_BIN_EXE_secretaria")]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_secretaria"))
    };
    let out = command.args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
#[cfg(unix)]
fn unreadable_folder_is_a_located_error_and_nothing_is_published() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::fixture("perdizes");
    site.write("content/paginas/sobre.md", "---\ntitulo: Sobre\n---\nTexto.\n");
    let (site, before) = with_previous_output(site);
    let folder = site.root().join("content/paginas");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = site.root().to_string_lossy().to_string();
    let (code, err) = run_unprivileged(&["--root", &root, "build"]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("erro[S0102]: não foi possível ler a pasta: sem permissão de leitura"), "{err}");
    assert!(err.contains("content/paginas"), "{err}");
    assert_eq!(snapshot(&site.output()), before);
}

#[test]
fn missing_site_yaml_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["--root", &dir.path().to_string_lossy(), "check"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("site.yaml não encontrado") && err.contains("dica:"), "{err}");
}

/// The README's sample report is what the tool prints for that fixture. To refresh it after
/// a deliberate change: `SECRETARIA_ATUALIZAR_README=1 cargo test --test it readme`.
#[test]
fn readme_sample_is_real_output() {
    let fixture = "tests/fixtures/invalid/varios-erros";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, _, err) = run(&["--root", &root.join(fixture).to_string_lossy(), "check"]);
    assert_eq!(code, 1);
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let intro = format!("`secretaria --root {fixture} check` mostra (saída real,\n  conferida por um teste):\n\n```\n");
    let start =
        readme.find(&intro).map(|i| i + intro.len()).unwrap_or_else(|| panic!("README: no sample after {intro:?}"));
    let end = start + readme[start..].find("```\n").unwrap();
    if std::env::var_os("SECRETARIA_ATUALIZAR_README").is_some() {
        std::fs::write(&readme_path, format!("{}{err}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert_eq!(readme[start..end], err, "the README's sample drifted from the real output");
}

#[test]
fn a_piece_of_the_theme_that_names_a_page_variable_is_one_error_at_its_line() {
    let site = TestSite::fixture("perdizes");
    site.write("themes/default/templates/trechos/rodape.html", "<p>Rodapé</p>\n<p>{{ page.title }}</p>\n");
    assert_eq!(
        errors_at(site.root()),
        [found(
            "themes/default/templates/trechos/rodape.html",
            2,
            7,
            "o modelo trechos/rodape.html usa `page.title`, que não existe num trecho do tema"
        )]
    );
    let Err(Failure::Content(found)) = pipeline::check(&site.options()) else { panic!("check passed") };
    // The load's warnings come with it (the site has no `base_url`): the template's hint.
    let piece = Some(std::path::Path::new("themes/default/templates/trechos/rodape.html"));
    let hint = found.iter().filter(|d| d.file.as_deref() == piece).find_map(|d| d.help.clone()).unwrap_or_default();
    assert!(hint.contains("só vê `site`, `root` e `atual`") && hint.contains("base.html"), "{hint}");
}
