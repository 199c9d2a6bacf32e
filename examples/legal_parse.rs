//! Benchmark (not a test): how long the normative-text parser takes on a 5 MB law.
//!
//!     cargo run --release --example legal_parse [MEGABYTES]
//!
//! Generates a deterministic law shaped like the seeds (chapters, articles with incisos,
//! alíneas, items and paragraphs, an inline " -" list, incisos sharing a line) and reports
//! the median of 5 runs for parsing alone and for parsing plus HTML and JSON.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::time::Instant;

fn law(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    let (mut article, mut chapter) = (0u32, 0u32);
    while text.len() < bytes {
        if article % 20 == 0 {
            chapter += 1;
            text.push_str(&format!(
                "CAPÍTULO {}\nDAS DISPOSIÇÕES DO TÍTULO {chapter}\n\n",
                secretaria::legal::to_roman(chapter)
            ));
        }
        article += 1;
        text.push_str(&format!(
            "Art. {article} - À Secretaria Municipal de Assistência Social compete, nos termos do art. 5º, I, da Lei Orgânica:\n\n"
        ));
        for inciso in 1..=12u32 {
            text.push_str(&format!(
                "{}. coordenar, executar e avaliar os programas, serviços e projetos de proteção social básica e especial no território do município;",
                secretaria::legal::to_roman(inciso)
            ));
            if inciso == 6 {
                text.push_str(&format!(
                    " {}. acompanhar as famílias em situação de vulnerabilidade;\n",
                    secretaria::legal::to_roman(7)
                ));
                continue;
            }
            if inciso == 7 {
                continue;
            }
            text.push('\n');
            if inciso == 3 {
                for (i, letter) in ["a", "b", "c"].iter().enumerate() {
                    text.push_str(&format!("{letter}) articular a rede socioassistencial, item {};\n", i + 1));
                }
            }
        }
        text.push_str(
            "§ 1º A Secretaria mantém os seguintes órgãos: -Coordenadoria Administrativa; -Coordenadoria de Habitação; -Setor Pedagógico.\n",
        );
        text.push_str("Parágrafo único – O disposto neste artigo não exclui outras competências correlatas.\n\n");
    }
    text
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let megabytes: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let text = law(megabytes * 1024 * 1024);
    let mut parse_only = Vec::new();
    let mut full = Vec::new();
    let mut provisions = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let tree = secretaria::legal::parse(&text);
        parse_only.push(started.elapsed().as_secs_f64() * 1000.0);
        let html = secretaria::legal::render_fragment(&tree);
        let json = serde_json::to_string(&tree).unwrap();
        full.push(started.elapsed().as_secs_f64() * 1000.0);
        provisions = tree.iter().count();
        assert!(html.len() > text.len() && !json.is_empty());
    }
    println!(
        "texto normativo de {:.1} MB, {provisions} dispositivos: parse {:.0} ms; parse + HTML + JSON {:.0} ms (mediana de 5)",
        text.len() as f64 / 1_048_576.0,
        median(parse_only),
        median(full)
    );
}
