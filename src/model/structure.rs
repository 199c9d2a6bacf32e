//! What a file of `estrutura/` is — a body of the structure (assessoria, departamento,
//! setor…) or a position held by a person (Secretário-Adjunto, Diretora) — and the
//! grammatical gender of its name, so that labels agree with it.

use super::slug;

/// The grammatical gender of a name, for the labels that agree with it ("Subordinado a" for
/// a Setor, "Subordinada a" for a Coordenadoria).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) enum Gender {
    Masculine,
    Feminine,
    /// Not known (an unusual name, "Gerente"): labels are written without agreement.
    Unknown,
}

/// What a file of `estrutura/` is: a body of the structure (assessoria, departamento, setor…)
/// or a position held by a person (Secretário-Adjunto, Diretor), and its gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) struct StructureKind {
    pub position: bool,
    pub gender: Gender,
}

impl StructureKind {
    /// Accepted in `tipo:`.
    pub(crate) const NAMES: [&'static str; 19] = [
        "assessoria",
        "coordenadoria",
        "coordenacao",
        "diretoria",
        "divisao",
        "gerencia",
        "secao",
        "superintendencia",
        "unidade",
        "ouvidoria",
        "departamento",
        "setor",
        "nucleo",
        "servico",
        "centro",
        "conselho",
        "gabinete",
        "programa",
        "cargo",
    ];

    /// The gender (and whether it is a position) of a name's first word: `Setor de …`,
    /// `Coordenadoria de …`, `Secretário-Adjunto`, `Diretora …`. An accent tells the
    /// position "Secretária" from the body "Secretaria".
    pub(crate) fn of_word(word: &str) -> Option<StructureKind> {
        use Gender::*;
        let lower = word.trim().to_lowercase();
        let lower = lower.split(['-', ' ']).next().unwrap_or("");
        let (position, gender) = match lower {
            "secretária" | "diretora" | "coordenadora" | "assessora" | "ouvidora" | "procuradora" | "supervisora" => {
                (true, Feminine)
            }
            "secretário" | "secretario" | "diretor" | "coordenador" | "assessor" | "ouvidor" | "procurador"
            | "supervisor" => (true, Masculine),
            "gerente" | "chefe" | "presidente" | "superintendente" | "titular" | "vice" | "cargo" => (true, Unknown),
            "assessoria" | "coordenadoria" | "coordenação" | "coordenacao" | "diretoria" | "divisão" | "divisao"
            | "gerência" | "gerencia" | "seção" | "secao" | "superintendência" | "superintendencia" | "unidade"
            | "ouvidoria" | "secretaria" | "procuradoria" | "comissão" | "comissao" | "vigilância" | "vigilancia"
            | "gestão" | "gestao" | "central" | "casa" => (false, Feminine),
            "departamento" | "setor" | "núcleo" | "nucleo" | "serviço" | "servico" | "centro" | "conselho"
            | "gabinete" | "programa" | "fundo" | "comitê" | "comite" | "escritório" | "escritorio" => {
                (false, Masculine)
            }
            _ => return None,
        };
        Some(StructureKind { position, gender })
    }

    /// From `tipo:` when written (a position takes its gender from the title), else from the
    /// title; unknown words give a body of unknown gender.
    pub(crate) fn infer(tipo: Option<&str>, title: &str) -> Option<StructureKind> {
        let from_title = title.split_whitespace().next().and_then(StructureKind::of_word);
        match tipo.map(slug::slugify) {
            None => Some(from_title.unwrap_or(StructureKind { position: false, gender: Gender::Unknown })),
            Some(t) if t == "cargo" => {
                Some(StructureKind { position: true, gender: from_title.map_or(Gender::Unknown, |k| k.gender) })
            }
            Some(t) if StructureKind::NAMES.contains(&t.as_str()) => StructureKind::of_word(&t),
            Some(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(tipo: Option<&str>, title: &str) -> Option<(bool, Gender)> {
        StructureKind::infer(tipo, title).map(|k| (k.position, k.gender))
    }

    #[test]
    fn gender_and_position_from_the_title() {
        assert_eq!(kind(None, "Setor do Cadastro Único"), Some((false, Gender::Masculine)));
        assert_eq!(kind(None, "Departamento de Proteção Social Básica"), Some((false, Gender::Masculine)));
        assert_eq!(kind(None, "Coordenadoria de Gestão do SUAS"), Some((false, Gender::Feminine)));
        assert_eq!(kind(None, "Assessoria de Atendimento à Família"), Some((false, Gender::Feminine)));
        assert_eq!(kind(None, "Secretário-Adjunto de Assistência Social"), Some((true, Gender::Masculine)));
        assert_eq!(kind(None, "Secretária-Adjunta"), Some((true, Gender::Feminine)));
        assert_eq!(kind(None, "Secretaria Executiva dos Conselhos"), Some((false, Gender::Feminine)));
        assert_eq!(kind(None, "Diretora de Gestão"), Some((true, Gender::Feminine)));
        assert_eq!(kind(None, "Gerente de Programas"), Some((true, Gender::Unknown)));
        assert_eq!(kind(None, "Banco de Alimentos"), Some((false, Gender::Unknown)));
    }

    #[test]
    fn tipo_settles_it() {
        assert_eq!(kind(Some("setor"), "Banco de Alimentos"), Some((false, Gender::Masculine)));
        assert_eq!(kind(Some("Coordenação"), "Banco de Alimentos"), Some((false, Gender::Feminine)));
        assert_eq!(kind(Some("cargo"), "Diretor do Departamento"), Some((true, Gender::Masculine)));
        assert_eq!(kind(Some("cargo"), "Ouvidoria"), Some((true, Gender::Feminine)));
        assert_eq!(kind(Some("cargo"), "Banco"), Some((true, Gender::Unknown)));
        assert_eq!(kind(Some("gabinete"), "X"), Some((false, Gender::Masculine)));
        assert_eq!(kind(Some("comitê gestor"), "X"), None);
        for name in StructureKind::NAMES {
            assert!(kind(Some(name), "X").is_some(), "{name}");
        }
    }
}
