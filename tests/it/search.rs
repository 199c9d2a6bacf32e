//! Search: the index files a fixture publishes, read back with serde_json and the index's own
//! decoder, as the browser reads them: which documents a query finds and where it lands.

use crate::support::*;
use secretaria::search::index::{bucket_of, decode};
use secretaria::search::text::Analyzer;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The published index of one output folder.
struct Index {
    dir: PathBuf,
    meta: Value,
}

/// A hit: the page's path with the anchor it lands on, the document number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    href: String,
    doc: u32,
}

impl Index {
    fn open(output: &Path) -> Index {
        let dir = output.join("busca");
        Index { meta: read_json(&dir.join("indice.json")), dir }
    }

    fn buckets(&self) -> u32 {
        self.meta["c"].as_u64().and_then(|c| u32::try_from(c).ok()).unwrap()
    }

    fn documents(&self) -> u32 {
        self.meta["n"].as_u64().and_then(|c| u32::try_from(c).ok()).unwrap()
    }

    fn postings(&self, key: &str) -> Vec<(u32, u32, u8)> {
        let bucket = read_json(&self.dir.join(format!("t/{}.json", bucket_of(key, self.buckets()))));
        bucket.get(key).and_then(Value::as_str).map(|p| decode(p).unwrap()).unwrap_or_default()
    }

    /// Documents per `d/` file.
    fn per_file(&self) -> u32 {
        self.meta["g"].as_u64().and_then(|g| u32::try_from(g).ok()).unwrap()
    }

    fn document(&self, doc: u32) -> Value {
        let file = read_json(&self.dir.join(format!("d/{}.json", doc / self.per_file())));
        file[(doc % self.per_file()) as usize].clone()
    }

    /// Documents that have every word of `query` (in any of its keys), each with the record
    /// that has the most of them, as links.
    fn search(&self, query: &str) -> Vec<Hit> {
        let analyzer = Analyzer::default();
        let mut per_doc: BTreeMap<u32, (usize, BTreeMap<u32, usize>)> = BTreeMap::new();
        let mut words = 0;
        for word in query.split_whitespace() {
            let keys = analyzer.query_keys(word);
            if keys.is_empty() {
                continue;
            }
            words += 1;
            let mut docs: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
            for key in keys {
                for (doc, record, _) in self.postings(&key) {
                    docs.entry(doc).or_default().insert(record);
                }
            }
            for (doc, records) in docs {
                let entry = per_doc.entry(doc).or_default();
                entry.0 += 1;
                for r in records {
                    *entry.1.entry(r).or_default() += 1;
                }
            }
        }
        per_doc
            .into_iter()
            .filter(|(_, (n, _))| *n == words)
            .map(|(doc, (_, records))| {
                let record = records.iter().max_by_key(|(r, n)| (**n, std::cmp::Reverse(**r))).map_or(0, |(r, _)| *r);
                let d = self.document(doc);
                let anchor = d["r"][record as usize][0].as_str().unwrap_or("");
                let url = d["u"].as_str().unwrap().to_owned();
                Hit { href: if anchor.is_empty() { url } else { format!("{url}#{anchor}") }, doc }
            })
            .collect()
    }

    fn kind(&self, doc: u32) -> String {
        let kinds = self.meta["k"].as_array().unwrap();
        let k =
            kinds.iter().find(|k| k[2].as_u64().unwrap() <= u64::from(doc) && u64::from(doc) < k[3].as_u64().unwrap());
        k.map(|k| k[0].as_str().unwrap().to_owned()).unwrap_or_default()
    }

    fn hrefs(&self, query: &str) -> Vec<String> {
        self.search(query).into_iter().map(|h| h.href).collect()
    }
}

#[test]
fn every_index_file_parses_and_every_document_is_reachable() {
    let site = TestSite::fixture("busca");
    // A page whose title sorts first and whose address sorts last: numbered by address.
    site.write("content/servicos/zz-agenda.md", "---\ntitulo: Agenda da rede\n---\nAtividades da semana.\n");
    site.build().unwrap_or_else(|f| panic!("{}", render(f)));
    let index = Index::open(&site.output());
    let n = index.documents();
    let c = index.buckets();
    assert!(c.is_power_of_two());
    // Kinds cover 0..n in order, with their filter labels.
    let kinds = index.meta["k"].as_array().unwrap();
    let ids: Vec<&str> = kinds.iter().map(|k| k[0].as_str().unwrap()).collect();
    assert_eq!(ids, ["paginas", "unidades", "estrutura", "legislacao", "avisos"]);
    let mut next = 0;
    for k in kinds {
        assert_eq!(k[2].as_u64().unwrap(), next);
        next = k[3].as_u64().unwrap();
    }
    assert_eq!(next, u64::from(n));
    // Within each filter, documents are numbered by address (a retitled page keeps its
    // number), a normative text's articles after the text itself.
    for k in kinds {
        let urls: Vec<String> = (k[2].as_u64().unwrap()..k[3].as_u64().unwrap())
            .map(|doc| index.document(u32::try_from(doc).unwrap())["u"].as_str().unwrap().to_owned())
            .collect();
        assert!(urls.is_sorted(), "{}: {urls:?}", k[0]);
    }
    // Every document file exists and says what the results show; a few documents a file.
    let files = std::fs::read_dir(site.output().join("busca/d")).unwrap().count();
    assert_eq!(files, n.div_ceil(index.per_file()) as usize);
    assert!(index.per_file() > 1);
    for doc in 0..n {
        let d = index.document(doc);
        assert!(d["t"].as_str().is_some_and(|t| !t.is_empty()), "{doc}: {d}");
        assert!(d["u"].as_str().is_some(), "{doc}");
        assert!(d["x"].is_string() || d["r"].is_array(), "{doc}: {d}");
        assert!(site.output().join(d["u"].as_str().unwrap()).join("index.html").is_file(), "{d}");
    }
    // Every key sits in its bucket, and every posting points at a document and a record.
    let mut seen = 0;
    for b in 0..c {
        let bucket = read_json(&site.output().join(format!("busca/t/{b}.json")));
        for (key, postings) in bucket.as_object().unwrap() {
            assert_eq!(bucket_of(key, c), b, "{key}");
            for (doc, record, _) in decode(postings.as_str().unwrap()).unwrap() {
                assert!(doc < n, "{key}");
                let d = index.document(doc);
                if let Some(records) = d["r"].as_array() {
                    assert!((record as usize) < records.len(), "{key}: {d}");
                } else {
                    assert_eq!(record, 0);
                }
                seen += 1;
            }
        }
    }
    assert!(seen > 100);
    // Stop words are listed for the browser and not indexed.
    let stop: Vec<&str> = index.meta["s"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(stop.contains(&"de") && stop.contains(&"nao"));
    assert!(index.postings("de").is_empty());
}

#[test]
fn case_and_accents_do_not_matter() {
    let site = TestSite::built("busca");
    let index = Index::open(&site.output());
    let cras = index.hrefs("cras");
    assert!(cras.contains(&"unidades/cras-jardim-esperanca/".to_owned()), "{cras:?}");
    assert_eq!(index.hrefs("crás"), cras);
    assert_eq!(index.hrefs("CRAS"), cras);
    assert_eq!(index.hrefs("familia"), index.hrefs("família"));
    assert!(index.hrefs("familia").contains(&"servicos/acolhimento/".to_owned()));
}

#[test]
fn inflections_meet_and_a_word_typed_without_accents_finds_the_accented_one() {
    let site = TestSite::built("busca");
    let index = Index::open(&site.output());
    // "famílias vulneráveis" finds "família … vulnerável" (written without accents in the page).
    let hits = index.hrefs("famílias vulneráveis");
    assert!(hits.contains(&"servicos/beneficios-eventuais/".to_owned()), "{hits:?}");
    assert!(hits.contains(&"legislacao/lei-do-suas/#art2_par1u".to_owned()), "{hits:?}");
    // Typed on a phone: no accents, another inflection.
    let hits = index.hrefs("vulneravel");
    assert!(hits.contains(&"legislacao/lei-do-suas/#art2_par1u".to_owned()), "{hits:?}");
}

#[test]
fn a_word_of_one_inciso_lands_on_that_inciso_and_a_unit_on_the_unit() {
    let site = TestSite::built("busca");
    let index = Index::open(&site.output());
    let hits = index.search("quilombolas");
    assert_eq!(hits.iter().map(|h| h.href.as_str()).collect::<Vec<_>>(), ["legislacao/lei-do-suas/#art2_cpt_inc3"]);
    assert_eq!(index.kind(hits[0].doc), "legislacao");
    // The anchor exists on the law's page.
    let law = site.page("legislacao/lei-do-suas/");
    assert!(law.select(&sel("#art2_cpt_inc3")).next().is_some());
    let hits = index.search("Jardim Esperança");
    let unit = hits.iter().find(|h| h.href == "unidades/cras-jardim-esperanca/").expect("the unit");
    assert_eq!(index.kind(unit.doc), "unidades");
    // The article's caput lands on the article.
    assert_eq!(index.hrefs("temporária"), ["legislacao/lei-do-suas/#art3"]);
}

#[test]
fn every_fixture_and_the_example_publish_a_search_page_and_index() {
    for (name, path) in valid_sites() {
        let site = TestSite::copy(&path);
        site.build().map_err(render).unwrap();
        let page = site.page("busca/");
        assert_eq!(attrs(&page, "#busca-termo", "name"), ["q"], "{name}");
        let index = Index::open(&site.output());
        assert!(index.documents() > 0, "{name}");
        // Every result has something to quote, even one found by its title alone.
        for doc in 0..index.documents() {
            let d = index.document(doc);
            let quoted = d["x"].as_str().is_some_and(|x| !x.is_empty())
                || d["r"].as_array().is_some_and(|r| r.iter().any(|r| r[2].as_str().is_some_and(|t| !t.is_empty())));
            assert!(quoted, "{name}: document {doc} quotes nothing: {d}");
        }
        // The header of every page has the field, labelled, submitting to busca/.
        for file in site.html_files() {
            let html = site.page(&file);
            assert_eq!(attrs(&html, "form[role=search] #busca", "name"), ["q"], "{name} {file}");
            assert_eq!(texts(&html, "label[for=busca]"), ["Buscar no site"], "{name} {file}");
            let action = attrs(&html, "form:has(#busca)", "action");
            assert!(action.first().is_some_and(|a| a.ends_with("busca/")), "{name} {file}: {action:?}");
            assert_eq!(attrs(&html, "a[accesskey='3']", "href"), ["#busca"], "{name} {file}");
        }
    }
}

#[test]
fn programmes_councils_and_frequent_questions_are_found_under_their_own_filters() {
    let site = TestSite::built("lagoa-serena");
    let index = Index::open(&site.output());
    let ids: Vec<&str> = index.meta["k"].as_array().unwrap().iter().map(|k| k[0].as_str().unwrap()).collect();
    for id in ["programas", "conselhos", "perguntas"] {
        assert!(ids.contains(&id), "filter {id} missing: {ids:?}");
    }
    // A question, by a word of its answer typed without accents, under the FAQ filter.
    let hits = index.search("beneficio prestacao continuada");
    let faq = hits.iter().find(|h| h.href == "perguntas-frequentes/quem-tem-direito-ao-bpc/").expect("the question");
    assert_eq!(index.kind(faq.doc), "perguntas");
    // A programme by what its "como acessar" says (Markdown), another inflection.
    let hits = index.search("certidao nascimentos");
    let programme = hits.iter().find(|h| h.href == "programas/auxilio-natalidade/").expect("the programme");
    assert_eq!(index.kind(programme.doc), "programas");
    // A council by a member of its board and by the segment one seat represents.
    for query in ["Patrícia Nunes Ribeiro", "trabalhadores suas"] {
        let hits = index.search(query);
        let council = hits.iter().find(|h| h.href == "participacao-social/cmas/").unwrap_or_else(|| panic!("{query}"));
        assert_eq!(index.kind(council.doc), "conselhos");
    }
    // The search page offers each filter, labelled.
    let page = site.page("busca/");
    let labels = texts(&page, ".busca-filtros label");
    for label in ["Programas e ações", "Conselhos", "Perguntas frequentes"] {
        assert!(labels.iter().any(|l| l.starts_with(label)), "{label}: {labels:?}");
    }
}
