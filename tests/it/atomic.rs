//! A failed build leaves the previous output byte for byte as it was; removed pages vanish.

use crate::support::*;
use std::collections::BTreeMap;

fn snapshot(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn failed_build_keeps_previous_output_intact() {
    let site = TestSite::built("perdizes");
    let before = snapshot(&site.output());
    assert!(before.len() > 10);
    site.write("content/unidades/secretaria.yaml", "nome: X\nhorario:\n  seg-sex: 08:00-25:00\n");
    assert!(site.build().is_err());
    assert_eq!(snapshot(&site.output()), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".public") && n != ".public.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn removed_page_disappears_from_output() {
    let site = TestSite::fixture("perdizes");
    site.write("content/paginas/temporaria.md", "---\ntitulo: Temporária\n---\nx\n");
    site.build().map_err(render).unwrap();
    assert!(site.output().join("paginas/temporaria/index.html").exists());
    std::fs::remove_file(site.root().join("content/paginas/temporaria.md")).unwrap();
    site.build().map_err(render).unwrap();
    assert!(!site.output().join("paginas/temporaria").exists());
}
