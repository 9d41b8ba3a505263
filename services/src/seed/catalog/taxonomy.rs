//! The demo category tree and, for each subcategory, the words its products are made
//! of: kinds of product with their price range and variants, brands, and description
//! sentences. One file per top category keeps each table short enough to review.

mod bricolage;
mod epicerie;
mod high_tech;
mod jeux;
mod livres;
mod maison;
mod mode;
mod sport;

use std::collections::HashMap;

use sea_orm::ActiveValue::Set;

use super::rng::SplitMix64;
use crate::db::entity::categories;
use crate::new_id;

/// How a subcategory's product titles read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TitleStyle {
    /// `Perceuse-visseuse sans fil Makita MAK482 – 18 V`: devices with a model code.
    Model,
    /// `Cocotte en fonte Staub – 24 cm`: goods known by brand, without a model code.
    Branded,
    /// `L'Étranger – Albert Camus (Folio)`: a work and its author; the author is the brand.
    Work,
    /// `Dixit (extension Odyssey)`: a title that names itself; its maker is the brand.
    Titled,
    /// `Domaine de la Garenne – Chablis 2020`: the producer comes first.
    Producer,
}

/// A kind of product: `Perceuse-visseuse sans fil`, 39 € to 249 €, in these variants.
#[derive(Debug)]
pub(super) struct Kind {
    pub(super) name: &'static str,
    /// The author or publisher when the kind is one work.
    pub(super) maker: &'static str,
    /// The brands that make this kind; when empty (and no maker), the subcategory's.
    pub(super) brands: &'static [&'static str],
    pub(super) euros: (u32, u32),
    pub(super) variants: &'static [&'static str],
}

/// A kind made by any brand of its subcategory.
pub(super) const fn kind(
    name: &'static str,
    lo: u32,
    hi: u32,
    variants: &'static [&'static str],
) -> Kind {
    branded(name, &[], lo, hi, variants)
}

/// A kind made by these brands only (a Kapla box is not made by Lego).
pub(super) const fn branded(
    name: &'static str,
    brands: &'static [&'static str],
    lo: u32,
    hi: u32,
    variants: &'static [&'static str],
) -> Kind {
    Kind {
        name,
        maker: "",
        brands,
        euros: (lo, hi),
        variants,
    }
}

/// One work (a book, a game) with its author or publisher.
pub(super) const fn work(
    name: &'static str,
    maker: &'static str,
    lo: u32,
    hi: u32,
    variants: &'static [&'static str],
) -> Kind {
    Kind {
        name,
        maker,
        brands: &[],
        euros: (lo, hi),
        variants,
    }
}

/// A subcategory: where products attach.
#[derive(Debug)]
pub(super) struct Sub {
    pub(super) slug: &'static str,
    pub(super) name_fr: &'static str,
    pub(super) name_en: &'static str,
    pub(super) style: TitleStyle,
    pub(super) brands: &'static [&'static str],
    pub(super) kinds: &'static [Kind],
    /// Sentences for descriptions; `{brand}` is replaced by the product's brand.
    pub(super) blurbs: &'static [&'static str],
}

/// A top category and its subcategories.
#[derive(Debug)]
pub(super) struct Top {
    pub(super) slug: &'static str,
    pub(super) name_fr: &'static str,
    pub(super) name_en: &'static str,
    /// Whether second-hand offers make sense (not for wine or food).
    pub(super) used_ok: bool,
    pub(super) blurbs: &'static [&'static str],
    pub(super) subs: &'static [Sub],
}

/// The top categories, in menu order. Shop specialities follow the same order.
pub(super) const TREE: [&Top; 8] = [
    &bricolage::TOP,
    &maison::TOP,
    &high_tech::TOP,
    &livres::TOP,
    &sport::TOP,
    &mode::TOP,
    &jeux::TOP,
    &epicerie::TOP,
];

/// A subcategory products attach to, with its row id.
#[derive(Debug)]
pub(super) struct Leaf {
    pub(super) id: String,
    /// Index of its top category in [`TREE`].
    pub(super) top: usize,
    pub(super) sub: &'static Sub,
}

/// The category rows to insert (those whose slug is not in `existing`, slug → id) and
/// every subcategory with its id.
pub(super) fn plan_categories(
    existing: &HashMap<String, String>,
) -> (Vec<Leaf>, Vec<categories::ActiveModel>) {
    let mut rows = Vec::new();
    let mut leaves = Vec::new();
    let mut id_of = |slug: &str, parent_id: Option<String>, names: (&str, &str), position| {
        if let Some(id) = existing.get(slug) {
            return id.clone();
        }
        let id = new_id();
        rows.push(categories::ActiveModel {
            id: Set(id.clone()),
            slug: Set(slug.to_owned()),
            parent_id: Set(parent_id),
            name_fr: Set(names.0.to_owned()),
            name_en: Set(names.1.to_owned()),
            position: Set(position),
        });
        id
    };
    for (top_index, top) in TREE.into_iter().enumerate() {
        let top_id = id_of(top.slug, None, (top.name_fr, top.name_en), top_index as i32);
        for (position, sub) in top.subs.iter().enumerate() {
            let names = (sub.name_fr, sub.name_en);
            let id = id_of(sub.slug, Some(top_id.clone()), names, position as i32);
            leaves.push(Leaf {
                id,
                top: top_index,
                sub,
            });
        }
    }
    (leaves, rows)
}

impl Kind {
    /// Who makes one product of this kind: its maker, or a brand drawn from the kind's
    /// brands or else the subcategory's.
    pub(super) fn brand(&self, sub: &Sub, rng: &mut SplitMix64) -> &'static str {
        if !self.maker.is_empty() {
            self.maker
        } else if !self.brands.is_empty() {
            rng.pick_str(self.brands)
        } else {
            rng.pick_str(sub.brands)
        }
    }
}

impl Sub {
    /// The product title for one draw of kind, variant, brand and model number.
    pub(super) fn title(&self, kind: &Kind, variant: &str, brand: &str, model: u32) -> String {
        match self.style {
            TitleStyle::Model => format!(
                "{} {brand} {}{model} – {variant}",
                kind.name,
                model_prefix(brand)
            ),
            TitleStyle::Branded => format!("{} {brand} – {variant}", kind.name),
            TitleStyle::Work => format!("{} – {brand} ({variant})", kind.name),
            TitleStyle::Titled => format!("{} ({variant})", kind.name),
            TitleStyle::Producer => format!("{brand} – {} {variant}", kind.name),
        }
    }
}

/// `DeWalt` → `DEW`: the first three letters of a brand, as model codes often start.
fn model_prefix(brand: &str) -> String {
    domain::fold_words(brand)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{TREE, TitleStyle};

    #[test]
    fn every_table_is_filled_and_every_slug_unique() {
        let mut slugs = HashSet::new();
        for top in TREE {
            assert!(slugs.insert(top.slug), "{}", top.slug);
            assert!(!top.blurbs.is_empty(), "{}", top.slug);
            assert!((3..=6).contains(&top.subs.len()), "{}", top.slug);
            for sub in top.subs {
                assert!(slugs.insert(sub.slug), "{}", sub.slug);
                assert!(
                    !sub.kinds.is_empty() && !sub.blurbs.is_empty(),
                    "{}",
                    sub.slug
                );
                for kind in sub.kinds {
                    assert!(!kind.variants.is_empty(), "{}", kind.name);
                    assert!(
                        0 < kind.euros.0 && kind.euros.0 <= kind.euros.1,
                        "{}",
                        kind.name
                    );
                    let has_maker = !kind.maker.is_empty();
                    let needs_brands = !has_maker && kind.brands.is_empty();
                    assert!(!needs_brands || !sub.brands.is_empty(), "{}", sub.slug);
                    let is_work = matches!(sub.style, TitleStyle::Work | TitleStyle::Titled);
                    assert_eq!(is_work, has_maker, "{}: maker vs style", kind.name);
                }
            }
        }
    }

    #[test]
    fn titles_read_naturally() {
        let sub = &TREE[0].subs[0];
        let title = sub.title(&sub.kinds[0], "18 V", "DeWalt", 482);
        assert!(title.contains("DeWalt DEW482 – 18 V"), "{title}");
    }
}
