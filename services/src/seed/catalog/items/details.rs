//! The words and codes of one product and offer: descriptions, offer notes, GTINs.

use crate::StoreError;
use crate::seed::catalog::rng::SplitMix64;
use crate::seed::catalog::taxonomy::{Leaf, TREE};

/// Two or three sentences: about the subcategory, the top category, maybe one more.
pub(super) fn describe(rng: &mut SplitMix64, leaf: &Leaf, brand: &str) -> String {
    let blurbs = leaf.sub.blurbs;
    let first = rng.index(blurbs.len());
    let mut sentences = vec![blurbs.get(first).copied().unwrap_or_default()];
    sentences.push(rng.pick_str(TREE[leaf.top].blurbs));
    if blurbs.len() > 1 && rng.chance(40) {
        let second = (first + 1 + rng.index(blurbs.len() - 1)) % blurbs.len();
        sentences.push(blurbs.get(second).copied().unwrap_or_default());
    }
    sentences.join(" ").replace("{brand}", brand)
}

pub(super) fn offer_note(rng: &mut SplitMix64, condition: &str) -> &'static str {
    let notes: &[&str] = match condition {
        "new" => &[
            "Neuf, dans son emballage d'origine scellé.",
            "Produit neuf, facture et garantie constructeur.",
            "Neuf. Expédié sous 24 h ouvrées.",
        ],
        "like_new" => &["Comme neuf : ouvert une fois, jamais utilisé, complet."],
        "very_good" => &["Très bon état : quelques traces d'usage légères, complet et testé."],
        "good" => &["Bon état : traces d'usage visibles, fonctionne parfaitement."],
        _ => &["État correct : usure marquée, décrite sur les photos du vendeur."],
    };
    rng.pick_str(notes)
}

/// `37` (GS1 France) and ten digits that differ for every product number, then the
/// check digit: product numbers map one-to-one onto codes (the multiplier is coprime
/// with 10¹⁰), so no two products collide.
pub(super) fn gtin(number: u32) -> Result<String, StoreError> {
    let scrambled = (u128::from(number) * 6_364_136_223 + 1_442_695_041) % 10_000_000_000;
    let gtin = domain::Gtin::with_check_digit(&format!("37{scrambled:010}"))
        .map_err(|err| StoreError::Internal(format!("generated GTIN refused: {err}")))?;
    Ok(gtin.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::gtin;

    #[test]
    fn generated_gtins_are_valid_and_distinct() {
        let mut seen = HashSet::new();
        for number in (0..20_000).chain([u32::MAX - 1, u32::MAX]) {
            let code = gtin(number).expect("valid GTIN");
            assert_eq!(code.len(), 14);
            assert!(code.starts_with("037"), "{code}");
            assert!(domain::Gtin::parse(&code).is_ok());
            assert!(seen.insert(code));
        }
    }
}
