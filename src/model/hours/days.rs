//! The keys of `horario:` as staff write them: days (`seg`, `segunda`, `segunda-feira`, `2ª`,
//! `sáb.`, `sábados`), ranges (`seg-sex`, `segunda a sexta`, `2ª a 6ª`, `seg. a sex.`, `de
//! segunda a segunda`), lists (`seg, qua e sex`, `sábados e domingos`), whole phrases (`todos
//! os dias`, `diariamente`, `dias úteis`, `fins de semana`), and two keys that are not days:
//! `feriados` (the hours on holidays) and `observacao` (a note). A key is read exactly or
//! refused: nothing is guessed and no range is cut short.

use crate::diagnostics::Code;
use crate::model::datetime::shown;
use crate::model::field_error::FieldError;

pub(crate) const DAY_HELP: &str = "escreva os dias como seg, ter, qua, qui, sex, sab, dom (ou segunda, terça-feira, \
     2ª…), intervalos como seg-sex ou segunda a sexta, listas como seg, qua e sex, ou então todos os dias, \
     fins de semana, feriados";
pub(crate) const DUPLICATE_DAY_HELP: &str = "cada dia aparece em uma só chave; para dois intervalos no \
     mesmo dia, escreva-os juntos, por exemplo sex: 08:00-11:00, 13:00-17:00";

/// Full names, Monday first.
pub(crate) const DAY_FULL: [&str; 7] =
    ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"];

pub(crate) fn day_name(day: usize) -> &'static str {
    DAY_FULL.get(day).copied().unwrap_or("")
}

/// What one key of `horario:` stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// Days of the week, Monday = 0, in the order written, without repeats.
    Days(Vec<usize>),
    /// `feriados`: the hours on holidays.
    Holidays,
    /// `observacao`: a note about the hours.
    Note,
}

/// Lowercase, without accents, with one kind of dash, no `-feira`, no abbreviation dots and
/// single spaces: `Segunda-Feira à Sexta.` → `segunda a sexta`.
fn fold(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.trim().to_lowercase().chars() {
        out.push(match c {
            'á' | 'à' | 'â' | 'ã' | 'ª' => 'a',
            'é' | 'ê' => 'e',
            'í' => 'i',
            'ó' | 'ô' | 'õ' | 'º' | '°' => 'o',
            'ú' | 'ü' => 'u',
            'ç' => 'c',
            '–' | '—' | '‐' | '‑' => '-',
            '.' => ' ',
            c => c,
        });
    }
    for feira in ["-feiras", "-feira", " feiras", " feira"] {
        out = out.replace(feira, "");
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One day: `seg`, `segunda`, `2a`, `sab`, `sabado`, `sabados`, `domingo`.
fn day(token: &str) -> Option<usize> {
    let token = token.trim();
    let single = token.strip_suffix('s').filter(|t| t.len() > 3).unwrap_or(token);
    Some(match single {
        "seg" | "segunda" | "2a" => 0,
        "ter" | "terca" | "3a" => 1,
        "qua" | "quarta" | "4a" => 2,
        "qui" | "quinta" | "5a" => 3,
        "sex" | "sexta" | "6a" => 4,
        "sab" | "sabado" => 5,
        "dom" | "domingo" => 6,
        _ => return None,
    })
}

/// Reads a key of `horario:`.
pub(crate) fn parse_key(key: &str) -> Result<Key, FieldError> {
    let folded = fold(key);
    let phrase = ["de ", "aos ", "nos ", "as ", "os "].iter().find_map(|p| folded.strip_prefix(p)).unwrap_or(&folded);
    match phrase {
        "feriado" | "feriados" | "feriados nacionais e municipais" => return Ok(Key::Holidays),
        "observacao" | "observacoes" | "obs" | "nota" => return Ok(Key::Note),
        "todos os dias" | "todo dia" | "todos os dias da semana" | "diariamente" | "diario" => {
            return Ok(Key::Days((0..7).collect()))
        }
        "dias uteis" => return Ok(Key::Days((0..5).collect())),
        "fim de semana" | "fins de semana" | "final de semana" | "finais de semana" => {
            return Ok(Key::Days(vec![5, 6]))
        }
        _ => {}
    }
    let mut days = Vec::new();
    let mut seen = [false; 7];
    let items = phrase.replace(" e ", ",").replace([';', '/'], ",");
    for item in items.split(',') {
        let item = item.trim();
        let item = ["de ", "das ", "dos ", "aos ", "nos ", "as ", "os "]
            .iter()
            .find_map(|p| item.strip_prefix(p))
            .unwrap_or(item);
        let ends: Vec<&str> = split_range(item);
        let unknown = |token: &str| {
            let mut message = format!("dia desconhecido: '{}'", shown(token.trim()));
            if token.trim() != key.trim().to_lowercase() {
                message.push_str(&format!(" (em '{}')", shown(key.trim())));
            }
            FieldError::new(Code::InvalidHours, message).with_help(DAY_HELP)
        };
        let mut push = |day: usize| -> Result<(), FieldError> {
            match seen.get_mut(day) {
                Some(true) => Err(FieldError::new(
                    Code::InvalidHours,
                    format!("o dia {} aparece duas vezes em '{}'", day_name(day), shown(key.trim())),
                )
                .with_help(DUPLICATE_DAY_HELP)),
                Some(slot) => {
                    *slot = true;
                    days.push(day);
                    Ok(())
                }
                None => Ok(()),
            }
        };
        let ends = ends.iter().map(|end| day(end).ok_or_else(|| unknown(end))).collect::<Result<Vec<_>, _>>()?;
        match ends.as_slice() {
            [one] => push(*one)?,
            &[first, last] => {
                // "de segunda a segunda" is every day, starting on that day; "sex-seg" goes
                // through the weekend.
                let count = (last + 7 - first) % 7;
                let count = if count == 0 { 7 } else { count + 1 };
                for step in 0..count {
                    push((first + step) % 7)?;
                }
            }
            _ => {
                let mut message = format!("intervalo de dias ambíguo: '{}'", shown(item));
                if item != fold(key) {
                    message.push_str(&format!(" (em '{}')", shown(key.trim())));
                }
                return Err(FieldError::new(Code::InvalidHours, message)
                .with_help("um intervalo tem um primeiro e um último dia, como seg-sex ou segunda a sexta; separe os outros dias com vírgula, como seg-qua, sex"));
            }
        }
    }
    if days.is_empty() {
        return Err(FieldError::new(Code::InvalidHours, format!("dia desconhecido: '{}'", shown(key.trim())))
            .with_help(DAY_HELP));
    }
    Ok(Key::Days(days))
}

/// `seg-sex` and `segunda a sexta` → both ends; `seg` → one; `seg-qua-sex` → three (refused).
fn split_range(item: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in item.split('-') {
        let mut rest = piece;
        loop {
            match [" a ", " ate "].iter().find_map(|sep| rest.split_once(sep)) {
                Some((left, right)) => {
                    parts.push(left);
                    rest = right;
                }
                None => {
                    parts.push(rest);
                    break;
                }
            }
        }
    }
    parts
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn days(key: &str) -> Vec<usize> {
        match parse_key(key) {
            Ok(Key::Days(days)) => days,
            other => panic!("{key}: {other:?}"),
        }
    }

    fn error(key: &str) -> String {
        parse_key(key).unwrap_err().message
    }

    #[test]
    fn short_keys() {
        assert_eq!(days("seg-sex"), vec![0, 1, 2, 3, 4]);
        assert_eq!(days("sab-dom"), vec![5, 6]);
        assert_eq!(days("sáb"), vec![5]);
        assert_eq!(days("SEG, qua ,sex"), vec![0, 2, 4]);
        assert_eq!(days("seg-qua,sex"), vec![0, 1, 2, 4]);
        assert_eq!(days("seg a sex"), vec![0, 1, 2, 3, 4]);
        assert_eq!(days("sex-seg"), vec![4, 5, 6, 0]);
        assert_eq!(days("dom-sab").len(), 7);
    }

    #[test]
    fn monday_to_monday_is_every_day() {
        let every_day: Vec<usize> = (0..7).collect();
        for key in [
            "seg-seg",
            "seg a seg",
            "seg à seg",
            "segunda à segunda",
            "de segunda a segunda",
            "Segunda-feira a segunda-feira",
        ] {
            assert_eq!(days(key), every_day, "{key}");
        }
        assert_eq!(days("qua-qua"), vec![2, 3, 4, 5, 6, 0, 1]);
    }

    #[test]
    fn the_ways_staff_write_days() {
        let weekdays: Vec<usize> = (0..5).collect();
        for key in [
            "segunda a sexta",
            "Segunda-feira a Sexta-feira",
            "segunda-feira à sexta-feira",
            "de segunda a sexta",
            "2ª a 6ª",
            "2ª-6ª",
            "2ª feira a 6ª feira",
            "seg. a sex.",
            "Seg. - Sex.",
            "segunda até sexta",
            "segunda – sexta",
            "dias úteis",
        ] {
            assert_eq!(days(key), weekdays, "{key}");
        }
        for key in ["todos os dias", "Todos os dias", "diariamente", "de domingo a domingo"] {
            assert_eq!(days(key).len(), 7, "{key}");
        }
        for key in
            ["sábados e domingos", "sábado e domingo", "fins de semana", "fim de semana", "aos sábados e domingos"]
        {
            assert_eq!(days(key), vec![5, 6], "{key}");
        }
        assert_eq!(days("sábado"), vec![5]);
        assert_eq!(days("sábados"), vec![5]);
        assert_eq!(days("Terça-feira"), vec![1]);
        assert_eq!(days("seg, qua e sex"), vec![0, 2, 4]);
        assert_eq!(days("segunda, quarta e sexta-feira"), vec![0, 2, 4]);
        assert_eq!(parse_key("feriados"), Ok(Key::Holidays));
        assert_eq!(parse_key("Feriados"), Ok(Key::Holidays));
        assert_eq!(parse_key("observação"), Ok(Key::Note));
    }

    #[test]
    fn what_cannot_be_read_exactly_is_an_error() {
        assert_eq!(error("segundo"), "dia desconhecido: 'segundo'");
        assert_eq!(error("seg-sexta-feria"), "dia desconhecido: 'feria' (em 'seg-sexta-feria')");
        assert_eq!(error("seg a sex exceto qua"), "dia desconhecido: 'sex exceto qua' (em 'seg a sex exceto qua')");
        assert_eq!(error("seg-qua-sex"), "intervalo de dias ambíguo: 'seg-qua-sex'");
        assert_eq!(error("segunda a quarta a sexta"), "intervalo de dias ambíguo: 'segunda a quarta a sexta'");
        assert_eq!(
            error("Segunda a quarta a sexta, sáb"),
            "intervalo de dias ambíguo: 'segunda a quarta a sexta' (em 'Segunda a quarta a sexta, sáb')"
        );
        assert_eq!(error(""), "dia desconhecido: ''");
        assert_eq!(error("seg-sex,qua"), "o dia quarta-feira aparece duas vezes em 'seg-sex,qua'");
        assert_eq!(error("seg-"), "dia desconhecido: '' (em 'seg-')");
        assert_eq!(parse_key("2").unwrap_err().help.as_deref(), Some(DAY_HELP));
    }
}
