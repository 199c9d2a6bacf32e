//! `scale`: pathological patterns at growing sizes (1 KB → 1 MB by default), timed in CPU
//! time, with the peak memory allocated. Work should grow linearly with the input: the time per KB at the
//! largest size is compared with the time per KB at 10 KB, and a ratio above 3 is reported as
//! superlinear (the command then exits 1).

use secretaria::fuzz;
use std::process::ExitCode;
use std::time::{Duration, Instant};

type Build = fn(usize) -> Vec<u8>;

/// Lines `unit(i)` after `head` until the text has `size` bytes.
fn fill(head: &str, size: usize, unit: impl Fn(usize) -> String) -> String {
    let mut out = head.to_string();
    let mut i = 0;
    while out.len() < size {
        out.push_str(&unit(i));
        i += 1;
    }
    out
}

/// A date that differs for each `i` (valid, increasing).
fn date(i: usize) -> String {
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let year = 2025 + i / (28 * 12);
    format!("{day:02}/{month:02}/{year}")
}

fn place(path: &str) -> u8 {
    fuzz::CONTENT_PATHS.iter().position(|p| *p == path).unwrap_or(0) as u8
}

fn front(path: &str, text: String) -> Vec<u8> {
    [&[place(path)][..], text.as_bytes()].concat()
}

fn site(name: &str, text: String) -> Vec<u8> {
    [fuzz::SITE_YAML.as_bytes(), b"\0", name.as_bytes(), b"\0", text.as_bytes()].concat()
}

const UNIT: &str = "content/unidades/cras-centro.yaml";

/// (target, pattern, builder).
const PATTERNS: &[(&str, &str, Build)] = &[
    ("front_matter", "unknown-keys", |n| front(UNIT, fill("nome: CRAS\n", n, |i| format!("chave{i}: valor\n")))),
    ("front_matter", "invalid-phones", |n| {
        front(UNIT, fill("nome: CRAS\ntelefones:\n", n, |i| format!("  - \"({i:02}) 1{i:07}\"\n")))
    }),
    ("front_matter", "invalid-emails", |n| {
        front(UNIT, fill("nome: CRAS\nemails:\n", n, |i| format!("  - pessoa{i} sem arroba\n")))
    }),
    ("front_matter", "valid-phones", |n| {
        front(UNIT, fill("nome: CRAS\ntelefones:\n", n, |i| format!("  - (34) 3{:03}-{:04}\n", i % 1000, i % 10000)))
    }),
    ("front_matter", "exceptions", |n| {
        front(UNIT, fill("nome: CRAS\nexcecoes:\n", n, |i| format!("  - data: {}\n    horario: fechado\n", date(i))))
    }),
    ("front_matter", "exceptions-backwards", |n| {
        let text = fill("nome: CRAS\nexcecoes:\n", n, |i| {
            format!("  - data: {}\n    horario: fechado\n", date(1_000_000 - i))
        });
        front(UNIT, text)
    }),
    ("front_matter", "notice-dates", |n| {
        front(
            "content/avisos/conferencia-2025.md",
            fill("---\ntitulo: Reuniões\ndatas:\n", n, |i| format!("  - {}\n", date(i))) + "---\nPauta.\n",
        )
    }),
    ("front_matter", "long-title", |n| {
        front("content/sobre.md", format!("---\ntitulo: {}\n---\nx\n", "palavra ".repeat(n / 8)))
    }),
    ("front_matter", "wrong-types", |n| {
        front(UNIT, fill("nome: CRAS\nservicos:\n", n, |_| "  - [lista, dentro]\n".to_string()))
    }),
    ("front_matter", "unterminated", |n| front("content/sobre.md", fill("---\n", n, |i| format!("k{i}: v\n")))),
    ("front_matter", "site-holidays", |n| {
        front("site.yaml", fill("titulo: T\nferiados:\n", n, |i| format!("  - data: {}\n    nome: F\n", date(i))))
    }),
    ("front_matter", "bad-holidays", |n| {
        front("site.yaml", fill("titulo: T\nferiados:\n", n, |i| format!("  - data: {i}/99\n")))
    }),
    ("front_matter", "repeated-holidays", |n| {
        front("site.yaml", fill("titulo: T\nferiados:\n", n, |i| format!("  - data: {}\n", date(i % 3))))
    }),
    ("legal", "articles", |n| fill("", n, |i| format!("Art. {}. Texto do artigo.\n", i + 1)).into_bytes()),
    ("legal", "same-article", |n| fill("", n, |_| "Art. 1º Texto repetido.\n".to_string()).into_bytes()),
    ("legal", "incisos", |n| {
        fill("Art. 1º Compete:\n", n, |i| format!("{} - atribuição;\n", secretaria::legal::to_roman(i as u32 + 1)))
            .into_bytes()
    }),
    ("legal", "inline-incisos", |n| {
        fill("Art. 1º Compete: ", n, |i| format!("{} - atribuição; ", secretaria::legal::to_roman(i as u32 + 1)))
            .into_bytes()
    }),
    ("legal", "dash-list", |n| fill("Art. 1º São órgãos: ", n, |i| format!("-Coordenadoria {i}; ")).into_bytes()),
    ("legal", "long-line", |n| fill("Art. 1º ", n, |_| "palavra ".to_string()).into_bytes()),
    ("legal", "headings", |n| {
        fill("", n, |i| format!("CAPÍTULO {}\nDAS DISPOSIÇÕES\n", secretaria::legal::to_roman(i as u32 % 3999 + 1)))
            .into_bytes()
    }),
    ("legal", "open-quote", |n| {
        fill("Art. 1º Passa a vigorar:\n“Art. 2º Texto\n", n, |_| "I - x;\n".to_string()).into_bytes()
    }),
    ("legal", "signatures", |n| {
        fill("Art. 1º Texto.\nPerdizes/MG, 10 de junho de 2025.\n", n, |_| "JOÃO DA SILVA\n".to_string()).into_bytes()
    }),
    ("legal", "links", |n| fill("Art. 1º Veja ", n, |i| format!("https://exemplo.org/{i} ")).into_bytes()),
    ("legal", "blank-lines", |n| fill("Art. 1º\n", n, |_| "\n".to_string()).into_bytes()),
    ("hours", "intervals", |n| {
        fill("seg: ", n, |i| format!("{:02}:{:02}-{:02}:{:02}, ", (i / 60) % 24, i % 60, (i / 60) % 24, i % 60))
            .into_bytes()
    }),
    ("hours", "exceptions", |n| {
        fill("seg-sex: 08:00-17:00\n", n, |i| format!("!{}|fechado|x\n", date(i))).into_bytes()
    }),
    ("hours", "exceptions-backwards", |n| {
        fill("seg-sex: 08:00-17:00\n", n, |i| format!("!{}|fechado|x\n", date(1_000_000 - i))).into_bytes()
    }),
    ("hours", "holidays", |n| fill("seg-sex: 08:00-17:00\n", n, |i| format!("%{}|Feriado\n", date(i))).into_bytes()),
    ("hours", "long-value", |n| format!("seg: {}\n", "x".repeat(n)).into_bytes()),
    ("hours", "long-key", |n| format!("{}: 08:00-17:00\n", "seg ".repeat(n / 4)).into_bytes()),
    ("contact", "long-digits", |n| format!("(34) {}", "3".repeat(n)).into_bytes()),
    ("contact", "many-numbers", |n| fill("(34) 3663-1492", n, |_| " / 3663-1492".to_string()).into_bytes()),
    ("contact", "long-email", |n| format!("{}@perdizes.mg.gov.br", "a".repeat(n)).into_bytes()),
    ("contact", "long-domain", |n| format!("a@{}br", "perdizes.".repeat(n / 9)).into_bytes()),
    ("site", "paragraph", |n| site("sobre.md", fill("---\ntitulo: Sobre\n---\n", n, |_| "palavra ".to_string()))),
    ("site", "same-headings", |n| site("sobre.md", fill("", n, |_| "# Seção\n\n".to_string()))),
    ("site", "headings", |n| site("sobre.md", fill("", n, |i| format!("# Seção {i}\n\n")))),
    ("site", "links", |n| site("sobre.md", fill("", n, |i| format!("[x](https://exemplo.org/{i}) ")))),
    ("site", "list", |n| site("sobre.md", fill("", n, |i| format!("- item {i}\n")))),
    ("site", "table", |n| site("sobre.md", fill("| a | b |\n|---|---|\n", n, |i| format!("| {i} | x |\n")))),
    ("site", "emphasis", |n| site("sobre.md", fill("", n, |_| "**a** *b* ".to_string()))),
    ("site", "raw-html", |n| site("sobre.md", fill("", n, |_| "<b onclick=x>a</b> ".to_string()))),
    ("site", "quotes-400", |n| site("sobre.md", fill("", n, |_| format!("{}x\n", "> ".repeat(400))))),
    ("site", "law", |n| {
        site(
            "legislacao/lei-1234.md",
            fill("---\ntitulo: Lei\n---\n", n, |i| format!("Art. {}. Compete: I - a; II - b.\n", i + 1)),
        )
    }),
    ("site", "unit-phones", |n| {
        site(
            "unidades/cras.yaml",
            fill("nome: CRAS\ntelefones:\n", n, |i| format!("  - (34) 3{:03}-{:04}\n", i % 1000, i % 10000)),
        )
    }),
    ("site", "footnotes", |n| site("sobre.md", fill("", n, |i| format!("a[^{i}]\n\n[^{i}]: nota\n\n")))),
];

/// CPU time of this thread (user + system), from `/proc/thread-self/stat` (in clock ticks of
/// 10 ms): on a machine shared with others, wall-clock time mostly measures the others.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Time of one run of `data` through `target`: CPU time averaged over as many runs as make
/// 0.3 s of CPU (wall-clock, fastest of a few, where `/proc` is missing); and the peak
/// memory of one run.
fn measure(run: &dyn Fn(&[u8]) -> Option<bool>, data: &[u8]) -> (Duration, usize) {
    let (_, peak) = super::peak_during(|| run(data));
    let Some(cpu_start) = cpu_seconds() else {
        let mut best = Duration::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let _ = run(data);
            best = best.min(t.elapsed());
        }
        return (best, peak);
    };
    let began = Instant::now();
    let mut runs = 0u32;
    loop {
        let _ = run(data);
        runs += 1;
        let cpu = cpu_seconds().unwrap_or(cpu_start) - cpu_start;
        if cpu >= 0.3 || began.elapsed() > Duration::from_secs(120) {
            return (Duration::from_secs_f64(cpu.max(0.0) / f64::from(runs)), peak);
        }
    }
}

pub(crate) fn main(args: &[String]) -> Result<ExitCode, String> {
    let target = args.first().filter(|a| !a.starts_with("--")).map(String::as_str);
    let pattern = args.get(1).filter(|a| !a.starts_with("--")).map(String::as_str);
    let max_kb: usize = args
        .iter()
        .position(|a| a == "--max-kb")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(1000), |v| v.parse().map_err(|_| format!("--max-kb: {v}")))?;
    let mut sizes = vec![1usize, 10, 100, 1000];
    sizes.retain(|&kb| kb <= max_kb);
    if max_kb > 1000 {
        sizes.push(max_kb);
    }
    println!(
        "{:<13} {:<20} {:>6} {:>10} {:>9} {:>8} {:>7}",
        "target", "pattern", "KB", "CPU ms", "µs/KB", "peak MB", "mem/in"
    );
    let mut superlinear = Vec::new();
    for (t, name, build) in PATTERNS {
        if target.is_some_and(|x| x != *t && x != "all") || pattern.is_some_and(|p| p != *name) {
            continue;
        }
        let mut per_kb = Vec::new();
        for &kb in &sizes {
            let data = build(kb * 1000);
            let run = |data: &[u8]| fuzz::run(t, data);
            let (time, peak) = measure(&run, &data);
            let real_kb = data.len() as f64 / 1000.0;
            let us_per_kb = time.as_secs_f64() * 1e6 / real_kb;
            per_kb.push((kb, us_per_kb));
            println!(
                "{t:<13} {name:<20} {real_kb:>6.0} {:>10.2} {us_per_kb:>9.2} {:>8.1} {:>7.1}",
                time.as_secs_f64() * 1e3,
                peak as f64 / 1e6,
                peak as f64 / data.len() as f64
            );
        }
        let base = per_kb.iter().find(|(kb, _)| *kb == 10).or(per_kb.first()).map_or(0.0, |p| p.1);
        let last = per_kb.last().map_or(0.0, |p| p.1);
        if base > 0.0 && last / base > 3.0 {
            superlinear.push(format!(
                "{t}/{name}: {:.1}× the time per KB at {} KB",
                last / base,
                sizes.last().unwrap_or(&0)
            ));
        }
    }
    if superlinear.is_empty() {
        println!("every pattern scales linearly (time per KB at the largest size ≤ 3× the one at 10 KB)");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("SUPERLINEAR:\n  {}", superlinear.join("\n  "));
        Ok(ExitCode::from(1))
    }
}
