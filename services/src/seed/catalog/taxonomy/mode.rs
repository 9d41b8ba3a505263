//! Mode: women, men, children, shoes, bags.

use super::{Sub, TitleStyle, Top, branded, kind};

pub(super) const TOP: Top = Top {
    slug: "mode",
    name_fr: "Mode",
    name_en: "Fashion",
    used_ok: true,
    blurbs: &[
        "Une coupe intemporelle qui se porte saison après saison.",
        "Des matières choisies pour leur tenue et leur douceur.",
        "Guide des tailles disponible sur la fiche du vendeur.",
    ],
    subs: &[WOMEN, MEN, CHILDREN, SHOES, BAGS],
};

#[rustfmt::skip]
const WOMEN: Sub = Sub {
    slug: "mode-femme",
    name_fr: "Mode femme",
    name_en: "Women's fashion",
    style: TitleStyle::Branded,
    brands: &["Armor Lux", "Saint James", "Petit Bateau", "Sessùn", "Aigle", "Des Petits Hauts"],
    kinds: &[
        kind("Marinière en coton", 39, 99, &["écru et marine, taille S", "blanc et rouge, taille M", "taille L"]),
        kind("Pull en laine mérinos", 59, 169, &["col rond, taille M", "col roulé, taille S", "camel, taille L"]),
        kind("Robe en lin", 69, 189, &["taille 38", "taille 40, terracotta", "taille 36, noire"]),
        kind("Trench imperméable", 129, 349, &["beige, taille 38", "marine, taille 40"]),
        branded("Jean droit", &["Levi's", "Des Petits Hauts", "Sessùn"], 49, 149, &["taille 27", "taille 29, brut", "taille 31, délavé"]),
    ],
    blurbs: &[
        "Confectionné en Europe dans des ateliers engagés.",
        "Un basique qui s'accorde avec tout le vestiaire.",
        "Le coton peigné garde sa forme après de nombreux lavages.",
    ],
};

#[rustfmt::skip]
const MEN: Sub = Sub {
    slug: "mode-homme",
    name_fr: "Mode homme",
    name_en: "Men's fashion",
    style: TitleStyle::Branded,
    brands: &["Le Slip Français", "Armor Lux", "Faguo", "Aigle", "Saint James", "Levi's"],
    kinds: &[
        kind("Chemise en oxford", 49, 119, &["bleu ciel, taille M", "blanche, taille L", "taille XL"]),
        kind("Pull marin", 69, 159, &["marine, taille M", "écru, taille L"]),
        branded("Caleçon en coton bio", &["Le Slip Français"], 19, 39, &["taille M", "taille L, rayé", "lot de 2"]),
        kind("Parka imperméable", 119, 349, &["kaki, taille L", "marine, taille M"]),
        branded("Chino", &["Faguo", "Armor Lux", "Levi's"], 49, 119, &["beige, taille 42", "marine, taille 44", "taille 40"]),
    ],
    blurbs: &[
        "Fabriqué en France, du fil à la couture.",
        "Une coupe droite ni trop ajustée ni trop large.",
        "Une pièce solide qui se patine sans se déformer.",
    ],
};

#[rustfmt::skip]
const CHILDREN: Sub = Sub {
    slug: "mode-enfant",
    name_fr: "Mode enfant",
    name_en: "Kids' fashion",
    style: TitleStyle::Branded,
    brands: &["Petit Bateau", "Catimini", "Jacadi", "Absorba", "Okaïdi"],
    kinds: &[
        kind("Body en coton", 9, 29, &["3 mois", "12 mois, lot de 3", "6 mois"]),
        kind("Pyjama velours", 19, 45, &["2 ans", "4 ans", "6 ans"]),
        kind("Ciré de pluie", 29, 69, &["jaune, 4 ans", "marine, 8 ans", "6 ans"]),
        kind("Doudoune légère", 39, 99, &["6 ans", "10 ans", "3 ans"]),
    ],
    blurbs: &[
        "Des pressions faciles pour habiller bébé sans effort.",
        "Résiste aux jeux de récréation comme aux lavages fréquents.",
        "Un coton doux certifié pour les peaux sensibles.",
    ],
};

#[rustfmt::skip]
const SHOES: Sub = Sub {
    slug: "chaussures",
    name_fr: "Chaussures",
    name_en: "Shoes",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Baskets en cuir", &["Veja", "Kickers"], 79, 169, &["blanches, pointure 40", "pointure 42", "pointure 38"]),
        branded("Derbies", &["Paraboot", "Heschung"], 129, 389, &["cuir noir, pointure 42", "cuir marron, pointure 43"]),
        branded("Bottes de pluie", &["Aigle"], 39, 129, &["pointure 38", "pointure 41, kaki"]),
        branded("Tennis en toile", &["Bensimon", "Veja"], 29, 59, &["pointure 37", "pointure 40, marine"]),
    ],
    blurbs: &[
        "Semelle cousue, ressemelable chez un cordonnier.",
        "Chaussant confortable dès les premiers pas.",
        "Fabrication européenne et matières tracées.",
    ],
};

#[rustfmt::skip]
const BAGS: Sub = Sub {
    slug: "sacs-maroquinerie",
    name_fr: "Sacs & maroquinerie",
    name_en: "Bags & leather goods",
    style: TitleStyle::Branded,
    brands: &["Le Tanneur", "Lancaster", "Longchamp", "Bleu de Chauffe", "Hindbag"],
    kinds: &[
        kind("Sac cabas", 49, 249, &["cuir grainé, noir", "toile et cuir, camel", "grand modèle"]),
        kind("Portefeuille", 29, 129, &["cuir, noir", "compact", "porte-cartes"]),
        kind("Sac à dos en cuir", 129, 399, &["15 pouces, cognac", "noir"]),
        kind("Ceinture en cuir", 29, 89, &["noire, 95 cm", "marron, 105 cm"]),
    ],
    blurbs: &[
        "Cuir pleine fleur tanné en France.",
        "Des coutures solides et des finitions faites main.",
        "Se bonifie avec le temps.",
    ],
};
