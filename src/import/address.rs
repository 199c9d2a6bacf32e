//! Addresses in an old page: street, district, "Cidade/UF" and CEP; and the municipality and
//! UF for a minimal `site.yaml`, from the address or from the e-mail's `.uf.gov.br` domain.

use super::doc::{fold, trim, Doc};
use super::{Address, Draft, Guess};
use crate::model::contact::Uf;

/// A CEP ("38170-000", "38.170-000") in the text.
pub(crate) fn cep(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        for shape in ["#####-###", "##.###-###"] {
            let len = shape.chars().count();
            let Some(window) = chars.get(start..start + len) else { continue };
            let fits =
                window.iter().zip(shape.chars()).all(|(c, s)| if s == '#' { c.is_ascii_digit() } else { *c == s });
            let bounded = start.checked_sub(1).and_then(|p| chars.get(p)).is_none_or(|c| !c.is_ascii_digit())
                && chars.get(start + len).is_none_or(|c| !c.is_ascii_digit());
            if fits && bounded {
                return Some(window.iter().collect());
            }
        }
    }
    None
}

/// "Rua Augusto Luiz Coelho, 401 - Divinéia - Perdizes/MG", "Rua Coronel Ponciano, 1700.".
pub(crate) fn address(text: &str) -> Address {
    let cep_found = cep(text);
    let mut rest = text.to_owned();
    if let Some(c) = &cep_found {
        rest = rest.replace(c.as_str(), "");
        for word in ["CEP:", "CEP", "Cep:", "Cep", "cep:", "cep"] {
            rest = rest.replace(word, "");
        }
    }
    let pieces: Vec<String> = rest
        .split(" - ")
        .flat_map(|p| p.split(" – "))
        .map(|p| p.trim().trim_end_matches(['.', ',', '-', '–']).trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    let mut address = Address { cep: cep_found, ..Address::default() };
    let mut pieces = pieces.into_iter();
    address.street = pieces.next().unwrap_or_default();
    let mut middle: Vec<String> = Vec::new();
    for piece in pieces {
        match piece.rsplit_once('/') {
            Some((city, uf)) if Uf::parse(uf).is_ok() && !city.trim().is_empty() => {
                address.city = Some(city.trim().to_owned());
                address.uf = Uf::parse(uf).ok().map(|u| u.code().to_owned());
            }
            _ => middle.push(piece),
        }
    }
    if middle.len() == 1 {
        address.district =
            middle.pop().map(|d| Guess::check(d, "lido como o bairro: o trecho entre hífens do endereço"));
    } else if !middle.is_empty() {
        address.street = std::iter::once(address.street.clone()).chain(middle).collect::<Vec<_>>().join(" - ");
    }
    address
}

/// The municipality and UF: "Perdizes/MG" in the address, or the e-mail's domain
/// (`semas@dourados.ms.gov.br`: MS, and "Dourados" where the page writes it).
pub(crate) fn site_from_contacts(doc: &Doc, draft: &mut Draft) {
    if let Some(address) = &draft.unit.address {
        if let (Some(city), Some(uf)) = (&address.city, &address.uf) {
            draft.site.city = Some(Guess::sure(city.clone()));
            draft.site.uf = Some(Guess::sure(uf.clone()));
            return;
        }
    }
    for email in &draft.unit.emails {
        let Some((_, domain)) = email.split_once('@') else { continue };
        let labels: Vec<&str> = domain.split('.').collect();
        let n = labels.len();
        if n >= 4 && labels.get(n - 2) == Some(&"gov") && labels.get(n - 1) == Some(&"br") {
            let (Some(uf), Some(city)) = (labels.get(n - 3), labels.get(n - 4)) else { continue };
            let Ok(uf) = Uf::parse(uf) else { continue };
            draft.site.uf = Some(Guess::check(uf.code(), format!("lida do domínio do e-mail {email}")));
            let text: Vec<&str> = doc.lines.iter().map(|l| trim(l)).collect();
            draft.site.city = find_city(&text, city)
                .map(|c| Guess::check(c, format!("lido do domínio do e-mail {email} e do texto da página")));
            return;
        }
    }
}

/// The words of the text that spell `slug` ("dourados", "novacruz"), capitalised as written.
fn find_city(lines: &[&str], slug: &str) -> Option<String> {
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        for start in 0..words.len() {
            for len in 1..=4 {
                let Some(run) = words.get(start..start + len) else { break };
                let joined = run.join(" ");
                let joined = joined.trim_matches(|c: char| !c.is_alphanumeric());
                let folded: String = fold(joined).chars().filter(|c| c.is_alphanumeric()).collect();
                if folded == slug && joined.chars().next().is_some_and(char::is_uppercase) {
                    return Some(joined.to_owned());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_street_district_and_city() {
        let a = address("Rua Augusto Luiz Coelho, 401 - Divinéia - Perdizes/MG - CEP 38170-000");
        assert_eq!(a.street, "Rua Augusto Luiz Coelho, 401");
        assert_eq!(a.district.map(|d| d.value).as_deref(), Some("Divinéia"));
        assert_eq!(
            (a.city.as_deref(), a.uf.as_deref(), a.cep.as_deref()),
            (Some("Perdizes"), Some("MG"), Some("38170-000"))
        );
        assert_eq!(address("Rua Coronel Ponciano, 1700.").street, "Rua Coronel Ponciano, 1700");
    }

    #[test]
    fn ceps() {
        assert_eq!(cep("Praça da Matriz, 10 - CEP 15880-000").as_deref(), Some("15880-000"));
        assert_eq!(cep("CEP 38.170-000").as_deref(), Some("38.170-000"));
        assert_eq!(cep("Telefone 3663-1492"), None);
    }
}
