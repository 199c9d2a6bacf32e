//! The release workflow (`.github/workflows/release.yml`) cannot run here: it is parsed with a
//! real YAML parser and checked for what the README promises (a binary per platform, named as
//! the README's table says, their SHA-256 in `SHA256SUMS`, attached to the tag's release) and
//! for actions that exist (a short list of well-known ones, at their current major versions).

use serde_yaml::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn workflow() -> Value {
    serde_yaml::from_str(&repo_file(".github/workflows/release.yml")).unwrap()
}

fn str_at<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    let mut at = value;
    for key in path {
        at = &at[*key];
    }
    at.as_str().unwrap_or_else(|| panic!("{path:?} is not a string: {at:?}"))
}

/// Every `uses:` of every step of every job.
fn actions(workflow: &Value) -> Vec<String> {
    let jobs = workflow["jobs"].as_mapping().unwrap();
    jobs.values()
        .flat_map(|job| job["steps"].as_sequence().unwrap().iter())
        .filter_map(|step| step["uses"].as_str().map(str::to_owned))
        .collect()
}

/// Every `run:` script of the job, joined.
fn scripts(job: &Value) -> String {
    job["steps"].as_sequence().unwrap().iter().filter_map(|s| s["run"].as_str()).collect::<Vec<_>>().join("\n")
}

const TARGETS: [(&str, &str, &str); 4] = [
    ("x86_64-unknown-linux-musl", "ubuntu", "secretaria-linux-x86_64"),
    ("x86_64-pc-windows-msvc", "windows", "secretaria-windows-x86_64.exe"),
    ("aarch64-apple-darwin", "macos", "secretaria-macos-arm64"),
    ("x86_64-apple-darwin", "macos", "secretaria-macos-x86_64"),
];

#[test]
fn runs_on_version_tags_and_builds_every_platform() {
    let w = workflow();
    // YAML 1.2: `on` is a key, not `true`.
    let tags: Vec<&str> = w["on"]["push"]["tags"].as_sequence().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(tags, ["v*"]);
    let build = &w["jobs"]["build"];
    assert_eq!(str_at(build, &["runs-on"]), "${{ matrix.os }}");
    let include = build["strategy"]["matrix"]["include"].as_sequence().unwrap();
    let found: BTreeSet<(String, String, String)> = include
        .iter()
        .map(|m| (str_at(m, &["target"]).into(), str_at(m, &["os"]).into(), str_at(m, &["asset"]).into()))
        .collect();
    assert_eq!(found.len(), TARGETS.len(), "{found:?}");
    for (target, os, asset) in TARGETS {
        assert!(
            found.iter().any(|(t, o, a)| t == target && o.starts_with(os) && a == asset),
            "{target} on {os} as {asset}: {found:?}"
        );
    }
    let build_steps = scripts(build);
    assert!(build_steps.contains("cargo build --release --locked --target ${{ matrix.target }}"), "{build_steps}");
    assert!(build_steps.contains("apt-get install -y musl-tools"), "{build_steps}");
    // The Linux binary is the profile-optimised one the benchmark measures; the others (a
    // cross-compiled one among them, which cannot run its training here) are plain builds.
    let pgo: Vec<&str> =
        include.iter().filter(|m| m["pgo"].as_bool() == Some(true)).map(|m| str_at(m, &["target"])).collect();
    assert_eq!(pgo, ["x86_64-unknown-linux-musl"]);
    assert!(build_steps.contains("bash scripts/build-pgo.sh --target ${{ matrix.target }}"), "{build_steps}");
    assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/build-pgo.sh").is_file());
    assert!(build_steps.contains("statically linked"), "{build_steps}");
    let toolchain = build["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("dtolnay/rust-toolchain@")))
        .unwrap();
    assert_eq!(str_at(toolchain, &["with", "targets"]), "${{ matrix.target }}");
    assert_eq!(str_at(toolchain, &["with", "components"]), "llvm-tools");
}

#[test]
fn the_release_gets_the_binaries_and_their_checksums() {
    let w = workflow();
    let release = &w["jobs"]["release"];
    assert_eq!(release["needs"].as_str(), Some("build"));
    assert_eq!(str_at(release, &["permissions", "contents"]), "write", "only the release job may write");
    assert_eq!(str_at(&w, &["permissions", "contents"]), "read");
    assert!(scripts(release).contains("sha256sum secretaria-* > SHA256SUMS"), "{}", scripts(release));
    let upload = release["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("softprops/action-gh-release@")))
        .unwrap();
    let files: Vec<&str> = str_at(upload, &["with", "files"]).lines().map(str::trim).collect();
    assert_eq!(files, ["dist/secretaria-*", "dist/SHA256SUMS"]);
    assert_eq!(upload["with"]["fail_on_unmatched_files"].as_bool(), Some(true));
}

#[test]
fn only_well_known_actions_at_their_current_major_versions() {
    let known = [
        "actions/checkout@v4",
        "actions/upload-artifact@v4",
        "actions/download-artifact@v4",
        "dtolnay/rust-toolchain@stable",
        "softprops/action-gh-release@v2",
    ];
    let used = actions(&workflow());
    assert!(used.len() >= 5, "{used:?}");
    for action in &used {
        assert!(known.contains(&action.as_str()), "unknown action {action}");
    }
}

/// The README's download table names exactly the files the workflow publishes.
#[test]
fn the_readme_names_the_published_files() {
    let readme = repo_file("README.md");
    let section = readme.split("## Baixar e usar").nth(1).unwrap().split("\n## ").next().unwrap();
    for (_, _, asset) in TARGETS {
        assert!(section.contains(&format!("`{asset}`")), "README does not name {asset}");
    }
    for needle in ["sha256sum -c", "shasum -a 256", "Get-FileHash", "SmartScreen", "Gatekeeper"] {
        assert!(section.contains(needle), "README lacks {needle}");
    }
}
