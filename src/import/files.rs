//! A [`Draft`] written as the content files `secretaria build` reads (as text; the disk is
//! `output::draft`'s): `content/secretaria.yaml`, `content/unidades/secretaria.yaml`,
//! `content/legislacao/*.md`, `content/estrutura/*.md`, `content/avisos/*.md`,
//! `content/paginas/*.md` and, for a destination without one, a minimal `site.yaml`. Every
//! guess is preceded by a `# conferir: …` comment; what could not be read is written as a
//! commented-out line for the editor to complete.

use super::doc::fold;
use super::yaml::{comment, entry, scalar};
use super::{Draft, Guess};

/// One file of the draft: its path relative to the destination (`/`-separated) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftFile {
    pub(crate) path: String,
    pub(crate) text: String,
}

fn guessed(out: &mut String, indent: usize, key: &str, guess: &Guess) {
    if let Some(why) = &guess.check {
        out.push_str(&comment(indent, &format!("conferir: {why}")));
    }
    out.push_str(&entry(indent, key, &guess.value));
}

fn front_matter(fields: &str, body: &str) -> String {
    let body = body.trim_end();
    if body.is_empty() {
        format!("---\n{fields}---\n")
    } else {
        format!("---\n{fields}---\n{body}\n")
    }
}

/// The secretariat's name for files that need one: the name read, else the page's title.
fn name(draft: &Draft) -> Option<Guess> {
    draft.identity.name.clone().or_else(|| {
        draft
            .site
            .title
            .clone()
            .map(|t| Guess::check(t, "a página não dá o nome da secretaria; este é o título da página"))
    })
}

fn secretariat(draft: &Draft, header: &str) -> Option<DraftFile> {
    let id = &draft.identity;
    let competences = draft.legislation.as_ref().filter(|l| {
        let f = fold(&l.title.value);
        f.contains("compet") || f.contains("atribui")
    });
    if id.is_empty() && competences.is_none() {
        return None;
    }
    let name = name(draft)?;
    let mut out = String::from(header);
    guessed(&mut out, 0, "nome", &name);
    if let Some(acronym) = &id.acronym {
        out.push_str(&entry(0, "sigla", acronym));
    }
    if let Some(head) = &id.head {
        out.push_str("titular:\n");
        guessed(&mut out, 2, "nome", head);
        out.push_str(&comment(2, "cargo: a página não diz o cargo; escreva-o aqui se quiser publicá-lo"));
    }
    for (key, value) in [("apresentacao", &id.presentation), ("missao", &id.mission), ("visao", &id.vision)] {
        if let Some(value) = value {
            guessed(&mut out, 0, key, value);
        }
    }
    if !id.values.is_empty() {
        out.push_str("valores:\n");
        for (name, description) in &id.values {
            out.push_str(&format!("  - nome: {}\n", scalar(name)));
            out.push_str(&entry(4, "descricao", description));
        }
    }
    if let Some(l) = competences {
        out.push_str(&entry(0, "competencias", &format!("legislacao/{}.md", l.slug)));
    }
    Some(DraftFile { path: "content/secretaria.yaml".into(), text: out })
}

fn unit(draft: &Draft, header: &str) -> Option<DraftFile> {
    let unit = &draft.unit;
    if unit.is_empty() {
        return None;
    }
    let name = name(draft)?;
    let mut out = String::from(header);
    guessed(&mut out, 0, "nome", &name);
    out.push_str("tipo: secretaria\nprincipal: true\n");
    if let Some(a) = &unit.address {
        out.push_str("endereco:\n");
        out.push_str(&entry(2, "logradouro", &a.street));
        if let Some(d) = &a.district {
            guessed(&mut out, 2, "bairro", d);
        }
        if let Some(city) = &a.city {
            out.push_str(&entry(2, "municipio", city));
        }
        if let Some(uf) = &a.uf {
            out.push_str(&entry(2, "uf", uf));
        }
        if let Some(cep) = &a.cep {
            out.push_str(&entry(2, "cep", cep));
        }
    }
    if !unit.phones.is_empty() {
        out.push_str("telefones:\n");
        for p in &unit.phones {
            out.push_str(&format!("  - {}\n", scalar(p)));
        }
    }
    if !unit.phones_without_ddd.is_empty() {
        let indent = if unit.phones.is_empty() { 0 } else { 2 };
        out.push_str(&comment(
            indent,
            "conferir: telefone escrito sem DDD na página; defina `ddd` no site.yaml (ou escreva o DDD) e tire o `#` das linhas abaixo",
        ));
        if unit.phones.is_empty() {
            out.push_str("# telefones:\n");
        }
        for p in &unit.phones_without_ddd {
            out.push_str(&comment(2, &format!("- {}", scalar(p))));
        }
    }
    if !unit.emails.is_empty() {
        out.push_str("emails:\n");
        for e in &unit.emails {
            out.push_str(&format!("  - {}\n", scalar(e)));
        }
    }
    match (&unit.hours_source, unit.hours.is_empty()) {
        (Some(source), false) => {
            out.push_str(&comment(0, &format!("Como a página escreve: “{source}”")));
            out.push_str("horario:\n");
            for (days, hours) in &unit.hours {
                out.push_str(&entry(2, days, hours));
            }
        }
        (Some(source), true) => {
            out.push_str(&comment(
                0,
                &format!("conferir: a página diz “{source}”; escreva o horário em `horario:` com os dias e as horas"),
            ));
        }
        (None, _) => out.push_str(&comment(0, "horario: a página não informa o horário de atendimento")),
    }
    Some(DraftFile { path: "content/unidades/secretaria.yaml".into(), text: out })
}

fn site_yaml(draft: &Draft, source: &str) -> DraftFile {
    let mut out = format!(
        "# site.yaml mínimo escrito por `secretaria importar` ({source}): complete-o (veja docs/conteudo.md).\n"
    );
    let title = draft
        .site
        .title
        .clone()
        .map(|t| match &draft.identity.name {
            Some(n) if n.value == t => n.clone(),
            _ => Guess::check(t, "título tirado da página"),
        })
        .unwrap_or_else(|| Guess::check(source, "a página não tem título; este é o nome do arquivo"));
    guessed(&mut out, 0, "titulo", &title);
    match &draft.site.city {
        Some(city) => guessed(&mut out, 0, "municipio", city),
        None => out.push_str(&comment(0, "municipio: a página não diz o município; escreva-o aqui")),
    }
    match &draft.site.uf {
        Some(uf) => guessed(&mut out, 0, "uf", uf),
        None => out.push_str(&comment(0, "uf: a página não diz o estado; escreva a sigla aqui (MG, SP…)")),
    }
    out.push_str("idioma: pt-BR\n");
    out.push_str(&comment(
        0,
        "base_url: o endereço em que o site será publicado (https://…), para o sitemap e o feed dos avisos",
    ));
    if !draft.unit.phones_without_ddd.is_empty() {
        out.push_str(&comment(
            0,
            "ddd: a página traz telefone sem DDD; escreva aqui o DDD do município (dois dígitos)",
        ));
    }
    DraftFile { path: "site.yaml".into(), text: out }
}

/// The draft's files; `with_site` adds a minimal `site.yaml`. `source` is the imported file's
/// name, for the header comments.
pub(crate) fn render(draft: &Draft, source: &str, with_site: bool) -> Vec<DraftFile> {
    let header = format!(
        "# Rascunho escrito por `secretaria importar` a partir de {source}. Confira as linhas marcadas com “conferir”.\n"
    );
    let mut files = Vec::new();
    if with_site {
        files.push(site_yaml(draft, source));
    }
    files.extend(secretariat(draft, &header));
    let unit_file = unit(draft, &header);
    let has_unit = unit_file.is_some();
    files.extend(unit_file);
    if let Some(l) = &draft.legislation {
        let mut fields = comment(0, &format!("Rascunho escrito por `secretaria importar` a partir de {source}."));
        guessed(&mut fields, 0, "titulo", &l.title);
        files.push(DraftFile {
            path: format!("content/legislacao/{}.md", l.slug),
            text: front_matter(&fields, &l.body),
        });
    }
    for (n, s) in draft.structure.iter().enumerate() {
        let mut fields = entry(0, "titulo", &s.title);
        if has_unit {
            fields.push_str("unidade: secretaria\n");
        }
        if let Some(a) = &s.attributions {
            fields.push_str(&comment(0, "conferir: o artigo cujo caput cita esta unidade"));
            fields.push_str(&entry(0, "atribuicoes", a));
        }
        fields.push_str(&format!("peso: {}\n", n + 1));
        files.push(DraftFile {
            path: format!("content/estrutura/{}.md", s.slug),
            text: front_matter(&fields, s.text.as_deref().unwrap_or("")),
        });
    }
    for notice in &draft.notices {
        let mut fields = entry(0, "titulo", &notice.title);
        fields.push_str(&entry(0, "tipo", &notice.kind));
        if let Some(start) = &notice.start {
            fields.push_str(&entry(0, "inicio", start));
        }
        if let Some(place) = &notice.place {
            guessed(&mut fields, 0, "local", place);
        }
        files.push(DraftFile {
            path: format!("content/avisos/{}.md", notice.slug),
            text: front_matter(&fields, &notice.body),
        });
    }
    for page in &draft.pages {
        let fields = entry(0, "titulo", &page.title);
        files.push(DraftFile {
            path: format!("content/paginas/{}.md", page.slug),
            text: front_matter(&fields, &page.body),
        });
    }
    files
}
