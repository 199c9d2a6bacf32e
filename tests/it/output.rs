//! `--output` can only ever replace an output of secretaria: the real binary, run from the
//! folders an editor would run it from, against outputs that hold sources, unrelated projects,
//! files and foreign folders. Every refusal exits 2 with a Portuguese message and a hint, and
//! leaves every file around it (the site, the previous output, the neighbours) byte-identical.
//! Also: the swap tells the truth when it fails, staging leftovers of killed builds are removed
//! only when provably ours, and concurrent builds of one output take turns.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The marker file every output folder of secretaria carries.
const MARKER: &str = ".secretaria";

/// A temporary folder holding `site/` (a fixture with a `static/` file) and `vizinho/`, an
/// unrelated project beside it. Paths are canonical, as the messages print them.
struct World {
    _dir: tempfile::TempDir,
    top: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let top = std::fs::canonicalize(dir.path()).unwrap();
        let site = top.join("site");
        copy_dir(&fixtures().join("perdizes"), &site, true);
        write(&site.join("static/documentos/relatorio.txt"), "relatório anual\n");
        write(&top.join("vizinho/src/main.rs"), "fn main() {}\n");
        write(&top.join("vizinho/LEIA-ME.md"), "# Outro projeto\n");
        World { _dir: dir, top }
    }

    fn site(&self) -> PathBuf {
        self.top.join("site")
    }

    /// Runs the binary in `cwd` (relative to the top folder); a command still running after
    /// a while (a `serve` that accepted its output) is killed and reported as such.
    fn run(&self, cwd: &str, args: &[&str]) -> Run {
        let mut child =
            secretaria(&self.top.join(cwd), args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                child.kill().unwrap();
                let mut run = Run::of(child.wait_with_output().unwrap());
                run.stderr.push_str("\n(still running: killed by the test)");
                return run;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Run::of(child.wait_with_output().unwrap())
    }

    /// Builds `site/public` once, as an editor's first build does.
    fn built(self) -> World {
        let run = self.run("site", &["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        self
    }
}

fn secretaria(cwd: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_secretaria"));
    command.current_dir(cwd).args(args).env_remove("SECRETARIA_FAULT");
    command
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn of(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Every entry under `dir`, links not followed: files with their bytes, links with their
/// target, folders as such.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.depth() > 0)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let what = if e.file_type().is_symlink() {
                format!("link → {}", std::fs::read_link(e.path()).unwrap().display())
            } else if e.file_type().is_dir() {
                "pasta".to_string()
            } else {
                format!("{:x?}", std::fs::read(e.path()).unwrap())
            };
            (rel, what)
        })
        .collect()
}

/// Runs a command that must be refused: exit 2, the message names the folder and the reason,
/// a hint follows, and nothing under the top folder changed.
fn assert_refused(world: &World, cwd: &str, args: &[&str], folder: &Path, reason: &str) {
    let before = snapshot(&world.top);
    let run = world.run(cwd, args);
    assert_eq!(run.code, 2, "{args:?} in {cwd}: {}{}", run.stdout, run.stderr);
    let shown = format!("a pasta de saída {}", folder.display());
    assert!(run.stderr.contains(&shown), "{args:?}: expected «{shown}» in\n{}", run.stderr);
    assert!(run.stderr.contains(reason), "{args:?}: expected «{reason}» in\n{}", run.stderr);
    assert!(run.stderr.contains("dica:"), "{args:?}: no hint in\n{}", run.stderr);
    assert!(!run.stdout.contains("geradas em"), "{args:?}: {}", run.stdout);
    if args.contains(&"build") {
        assert!(run.stderr.contains("nada foi gravado nem apagado"), "{args:?}: {}", run.stderr);
    }
    assert_eq!(snapshot(&world.top), before, "{args:?} in {cwd} changed files");
}

#[test]
fn build_refuses_outputs_that_hold_or_lie_inside_the_sources() {
    let world = World::new().built();
    let site = world.site();
    let inside = "fica dentro de";
    assert_refused(&world, "site", &["build", "--output", "content"], &site.join("content"), inside);
    assert_refused(&world, "site", &["build", "--output", "content/unidades"], &site.join("content/unidades"), inside);
    assert_refused(&world, "site", &["build", "--output", "static"], &site.join("static"), inside);
    assert_refused(&world, "site", &["build", "-o", "themes/x"], &site.join("themes/x"), inside);
    assert_refused(&world, "site", &["build", "--output", "."], &site, "é a pasta do site");
    assert_refused(&world, ".", &["--root", "site", "build", "--output", "site"], &site, "é a pasta do site");
    assert_refused(&world, "site/content", &["--root", "..", "build", "--output", "./../"], &site, "é a pasta do site");
    assert_refused(&world, "site", &["build", "--output", ".."], &world.top, "contém a pasta do site");
    assert_refused(&world, "site", &["build", "--output", "/"], Path::new("/"), "contém a pasta do site");
}

#[test]
fn build_refuses_an_unrelated_project_a_file_and_a_foreign_folder() {
    let world = World::new().built();
    let vizinho = world.top.join("vizinho");
    let foreign = "não foi criada pelo secretaria";
    assert_refused(&world, "site", &["build", "--output", "../vizinho"], &vizinho, foreign);
    assert_refused(
        &world,
        "site",
        &["build", "--output", "../vizinho/src/main.rs"],
        &vizinho.join("src/main.rs"),
        "é um arquivo",
    );
    assert_refused(
        &world,
        "site",
        &["build", "--output", "site.yaml"],
        &world.site().join("site.yaml"),
        "é um arquivo",
    );
    // Another site: refused for what it is, even with the marker planted in it.
    copy_dir(&fixtures().join("nova-cruz"), &world.top.join("outro-site"), true);
    write(&world.top.join("outro-site").join(MARKER), "");
    assert_refused(
        &world,
        "site",
        &["build", "--output", "../outro-site"],
        &world.top.join("outro-site"),
        "parece ser a pasta de um site",
    );
}

#[test]
fn an_output_of_an_older_secretaria_is_refused_with_the_exact_fix() {
    let world = World::new();
    // What an older version left: a full site, no marker.
    let public = world.site().join("public");
    write(&public.join("index.html"), "<!DOCTYPE html><title>Início</title>");
    write(&public.join("404.html"), "<!DOCTYPE html><title>Página não encontrada</title>");
    write(&public.join("static/css/site.css"), "body{}");
    assert_refused(&world, "site", &["build"], &public, "versão anterior do secretaria");
    let run = world.run("site", &["build"]);
    assert!(run.stderr.contains(&format!("rm -r '{}'", public.display())), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_before_deciding() {
    let world = World::new().built();
    let site = world.site();
    std::os::unix::fs::symlink(&site, world.top.join("atalho-site")).unwrap();
    std::os::unix::fs::symlink(site.join("content"), world.top.join("atalho-conteudo")).unwrap();
    std::os::unix::fs::symlink(world.top.join("nada-aqui"), world.top.join("atalho-quebrado")).unwrap();
    assert_refused(&world, ".", &["--root", "site", "build", "--output", "atalho-site"], &site, "é a pasta do site");
    assert_refused(
        &world,
        ".",
        &["--root", "site", "build", "--output", "atalho-conteudo/novo"],
        &site.join("content/novo"),
        "fica dentro de",
    );
    assert_refused(
        &world,
        ".",
        &["--root", "site", "build", "--output", "atalho-quebrado"],
        &world.top.join("atalho-quebrado"),
        "que não existe",
    );
    // A link to a previous output of ours is fine: the folder it points to is replaced, the link stays.
    std::os::unix::fs::symlink(site.join("public"), world.top.join("atalho-saida")).unwrap();
    let run = world.run(".", &["--root", "site", "build", "--output", "atalho-saida"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::symlink_metadata(world.top.join("atalho-saida")).unwrap().file_type().is_symlink());
    assert!(site.join("public/index.html").is_file() && site.join("public").join(MARKER).is_file());
}

#[test]
fn new_and_empty_folders_are_accepted_and_marked_as_ours() {
    let world = World::new();
    let run = world.run("site", &["build", "--output", "../saidas/site-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = world.top.join("saidas/site-a");
    assert!(out.join("index.html").is_file());
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    assert!(marker.contains("secretaria") && marker.contains("apagad"), "{marker}");
    std::fs::create_dir_all(world.top.join("vazia")).unwrap();
    let run = world.run("site", &["build", "--output", "../vazia"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(world.top.join("vazia/index.html").is_file());
    // Marked now, so it is replaced again; the marker is not a page of the site.
    let run = world.run("site", &["build", "--output", "../vazia"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sitemap = std::fs::read_to_string(world.top.join("vazia/sitemap.xml")).unwrap_or_default();
    assert!(!sitemap.contains(MARKER));
}

#[test]
fn the_current_folder_as_output_is_replaced_in_place() {
    // Before, the old output was renamed away and the message claimed it was intact.
    let world = World::new();
    let run = world.run("site", &["build", "--output", "../saida"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    write(&world.site().join("content/paginas/nova.md"), "---\ntitulo: Nova\n---\nPágina nova.\n");
    let run = world.run("saida", &["--root", "../site", "build", "--output", "."]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(world.top.join("saida/paginas/nova/index.html").is_file());
    let names: Vec<String> =
        std::fs::read_dir(&world.top).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-") && !n.contains(".old-")), "{names:?}");
}

/// Builds with a simulated failure at the given steps of the swap (debug builds only).
#[cfg(debug_assertions)]
fn build_failing_at(world: &World, steps: &str) -> Run {
    write(&world.site().join("content/paginas/nova.md"), "---\ntitulo: Nova\n---\nPágina nova.\n");
    let out = secretaria(&world.site(), &["build"]).env("SECRETARIA_FAULT", steps).output().unwrap();
    Run::of(out)
}

#[cfg(debug_assertions)]
#[test]
fn a_failed_swap_leaves_the_output_as_it_was_and_says_so() {
    for steps in ["exchange", "exchange-unsupported,in"] {
        let world = World::new().built();
        let public = world.site().join("public");
        let before = snapshot(&public);
        let run = build_failing_at(&world, steps);
        assert_eq!(run.code, 2, "{steps}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("não foi possível publicar em {}", public.display())),
            "{steps}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("a saída anterior continua como estava"), "{steps}: {}", run.stderr);
        assert_eq!(snapshot(&public), before, "{steps}");
        let leftovers: Vec<_> = std::fs::read_dir(world.site())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with(".public.") && n != ".public.lock")
            .collect();
        assert!(leftovers.is_empty(), "{steps}: {leftovers:?}");
    }
}

#[cfg(debug_assertions)]
#[test]
fn a_swap_that_cannot_be_undone_says_where_each_folder_is() {
    let world = World::new().built();
    let public = world.site().join("public");
    let before = snapshot(&public);
    let run = build_failing_at(&world, "exchange-unsupported,in,back");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("continua como estava"), "must not claim it is intact:\n{}", run.stderr);
    assert!(run.stderr.contains(&format!("{} não existe agora", public.display())), "{}", run.stderr);
    assert!(!public.exists());
    // The message names the folder that holds the previous output, intact, and how to put it back.
    let old = std::fs::read_dir(world.site())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(".public.old-"))
        .expect("the previous output, moved aside");
    assert_eq!(snapshot(&old), before);
    assert!(run.stderr.contains(&format!("mv '{}' '{}'", old.display(), public.display())), "{}", run.stderr);
    // The next build publishes and removes both staging folders.
    let run = world.run("site", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(public.join("paginas/nova/index.html").is_file());
    // Beside the lock, the build cache of the output just published (not a leftover).
    let leftovers: Vec<_> = std::fs::read_dir(world.site())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| {
            n.to_string_lossy().starts_with(".public.") && n != ".public.lock" && n != ".public.secretaria-cache"
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn leftovers_of_killed_builds_are_removed_only_when_provably_ours() {
    let world = World::new().built();
    let site = world.site();
    let marker = std::fs::read(site.join("public").join(MARKER)).expect("the output carries the marker");
    // What killed builds leave: a full staging folder and an old output moved aside, both marked.
    copy_dir(&site.join("public"), &site.join(".public.tmp-k1Ll3d"), false);
    copy_dir(&site.join("public"), &site.join(".public.old-Ab12Cd"), false);
    // Not provably ours: no marker, another output's name, a file instead of a folder.
    write(&site.join(".public.tmp-x/notas.txt"), "anotações de alguém\n");
    write(&site.join(".outra.tmp-y/index.html"), "<p>outra saída</p>");
    std::fs::write(site.join(".outra.tmp-y").join(MARKER), &marker).unwrap();
    write(&site.join(".public.tmp-arquivo"), "um arquivo\n");
    let foreign = [".public.tmp-x", ".outra.tmp-y", ".public.tmp-arquivo"];
    let before: Vec<_> = foreign.iter().map(|f| snapshot(&site.join(f))).collect();
    let run = world.run("site", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.join(".public.tmp-k1Ll3d").exists() && !site.join(".public.old-Ab12Cd").exists());
    for (name, before) in foreign.iter().zip(before) {
        assert!(site.join(name).exists(), "{name} was removed");
        assert_eq!(snapshot(&site.join(name)), before, "{name}");
    }
    assert_eq!(std::fs::read(site.join(".public.tmp-arquivo")).unwrap(), b"um arquivo\n");
}

#[test]
fn concurrent_builds_of_one_output_take_turns_and_all_publish() {
    // Twelve builds at once, five times: before the lock, about one round in three ended with a
    // false "nada foi publicado" and left a full staging folder behind.
    let world = World::new().built();
    let expected = snapshot(&world.site().join("public"));
    for _ in 0..5 {
        let children: Vec<_> = (0..12)
            .map(|_| {
                secretaria(&world.site(), &["build"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
            })
            .collect();
        for child in children {
            let run = Run::of(child.wait_with_output().unwrap());
            assert_eq!(run.code, 0, "{}", run.stderr);
            assert!(!run.stderr.contains("nada foi publicado"), "{}", run.stderr);
        }
    }
    assert_eq!(snapshot(&world.site().join("public")), expected);
    let names: Vec<String> = std::fs::read_dir(world.site())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-") && !n.contains(".old-")), "{names:?}");
}

/// Holds the lock of `site/public` as another secretaria would, describing itself as `holder`.
fn hold_lock(world: &World, holder: &str) -> std::fs::File {
    let path = world.site().join(".public.lock");
    let file = std::fs::OpenOptions::new().create(true).truncate(true).read(true).write(true).open(path).unwrap();
    file.try_lock().unwrap();
    std::io::Write::write_all(&mut &file, holder.as_bytes()).unwrap();
    file
}

#[test]
fn a_build_waits_for_the_build_that_holds_the_output() {
    let world = World::new().built();
    let lock = hold_lock(&world, "build 4242\n");
    let child = secretaria(&world.site(), &["build"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // The output never goes away while the other build holds it.
    let deadline = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < deadline {
        assert!(world.site().join("public/index.html").is_file());
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(lock);
    let run = Run::of(child.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("aguardando") && run.stderr.contains("4242"), "{}", run.stderr);
}

#[test]
fn a_build_refuses_an_output_that_serve_is_using() {
    let world = World::new().built();
    let _lock = hold_lock(&world, "serve 4242\n");
    let public = world.site().join("public");
    assert_refused(&world, "site", &["build"], &public, "está sendo usada pelo `secretaria serve`");
}

#[test]
fn serve_and_watch_apply_the_same_guard() {
    let world = World::new().built();
    let site = world.site();
    let cases: [(&[&str], PathBuf, &str); 7] = [
        (&["serve", "--port", "0", "--output", "content"], site.join("content"), "fica dentro de content/"),
        (&["watch", "--output", "static"], site.join("static"), "fica dentro de static/"),
        (&["serve", "--port", "0", "-o", "themes/x"], site.join("themes/x"), "fica dentro de themes/"),
        (&["watch", "--output", ".."], world.top.clone(), "contém a pasta do site"),
        (
            &["serve", "--port", "0", "--output", "../vizinho"],
            world.top.join("vizinho"),
            "não foi criada pelo secretaria",
        ),
        (&["watch", "--output", "site.yaml"], site.join("site.yaml"), "é um arquivo"),
        (&["serve", "--port", "0", "--output", "."], site.clone(), "é a pasta do site"),
    ];
    for (args, folder, reason) in cases {
        assert_refused(&world, "site", args, &folder, reason);
    }
}

#[test]
fn serve_refuses_an_output_that_watch_is_using() {
    let world = World::new().built();
    let _lock = hold_lock(&world, "watch 4242\n");
    assert_refused(
        &world,
        "site",
        &["serve", "--port", "0"],
        &world.site().join("public"),
        "está sendo usada pelo `secretaria watch` (processo 4242)",
    );
}
