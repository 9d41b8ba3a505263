//! Épicerie fine & vins: red, white and sparkling wines, savoury and sweet fine food,
//! tea and coffee. Never second-hand.

use super::{Sub, TitleStyle, Top, branded, kind};

const VINTAGES: &[&str] = &["2018", "2019", "2020", "2021", "2022", "2023"];

pub(super) const TOP: Top = Top {
    slug: "epicerie-fine-vins",
    name_fr: "Épicerie fine & vins",
    name_en: "Fine food & wine",
    used_ok: false,
    blurbs: &[
        "Sélectionné directement chez le producteur.",
        "À conserver à l'abri de la lumière et de la chaleur.",
        "Une belle idée de cadeau pour les gourmets.",
    ],
    subs: &[REDS, WHITES, SPARKLING, SAVOURY, SWEET, TEA_COFFEE],
};

#[rustfmt::skip]
const REDS: Sub = Sub {
    slug: "vins-rouges",
    name_fr: "Vins rouges",
    name_en: "Red wines",
    style: TitleStyle::Producer,
    brands: &["Domaine de la Garenne", "Château Lestrade", "Domaine des Trois Chênes", "Maison Vallet", "Clos des Cèdres", "Domaine Saint-Roch"],
    kinds: &[
        kind("Côtes-du-Rhône", 7, 18, VINTAGES),
        kind("Saint-Émilion Grand Cru", 22, 69, VINTAGES),
        kind("Morgon", 12, 29, VINTAGES),
        kind("Bourgogne Pinot Noir", 15, 39, VINTAGES),
        kind("Chinon", 9, 24, VINTAGES),
        kind("Crozes-Hermitage", 15, 35, VINTAGES),
        kind("Pic-Saint-Loup", 12, 32, VINTAGES),
    ],
    blurbs: &[
        "Bouteille de 75 cl, à servir entre 16 et 18 °C.",
        "Un nez de fruits noirs et d'épices, des tanins fondus.",
        "Parfait sur une viande rouge, un gibier ou un plateau de fromages affinés.",
    ],
};

#[rustfmt::skip]
const WHITES: Sub = Sub {
    slug: "vins-blancs-roses",
    name_fr: "Vins blancs & rosés",
    name_en: "White & rosé wines",
    style: TitleStyle::Producer,
    brands: &["Domaine de la Garenne", "Domaine Moreau", "Cave de Ribeauvillé", "Château Lestrade", "Domaine des Hautes Terres"],
    kinds: &[
        kind("Chablis Premier Cru", 22, 45, VINTAGES),
        kind("Sancerre blanc", 16, 32, VINTAGES),
        kind("Riesling d'Alsace", 11, 26, VINTAGES),
        kind("Côtes de Provence rosé", 9, 22, VINTAGES),
        kind("Muscadet sur lie", 7, 15, VINTAGES),
    ],
    blurbs: &[
        "Bouteille de 75 cl, à servir frais entre 10 et 12 °C.",
        "Une bouche vive et minérale, une finale saline.",
        "Idéal à l'apéritif, avec des huîtres ou un poisson grillé.",
    ],
};

#[rustfmt::skip]
const SPARKLING: Sub = Sub {
    slug: "champagnes-effervescents",
    name_fr: "Champagnes & effervescents",
    name_en: "Champagne & sparkling",
    style: TitleStyle::Producer,
    brands: &["Champagne Lallier-Roux", "Maison Devaux-Ferrand", "Champagne Fleury Père et Fils", "Domaine Moreau"],
    kinds: &[
        kind("Champagne brut", 25, 59, &["75 cl", "magnum 150 cl", "coffret 75 cl"]),
        kind("Champagne blanc de blancs", 32, 79, &["75 cl", "millésime 2016"]),
        kind("Crémant de Bourgogne", 10, 22, &["brut, 75 cl", "rosé, 75 cl"]),
        kind("Crémant d'Alsace", 9, 19, &["brut, 75 cl", "extra-brut, 75 cl"]),
    ],
    blurbs: &[
        "Des bulles fines et une mousse crémeuse.",
        "Élaboré selon la méthode traditionnelle, vieilli sur lattes.",
        "À servir entre 6 et 8 °C.",
    ],
};

#[rustfmt::skip]
const SAVOURY: Sub = Sub {
    slug: "epicerie-salee",
    name_fr: "Épicerie salée",
    name_en: "Savoury fine food",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Moutarde de Dijon", &["Fallot"], 3, 9, &["210 g", "à l'ancienne, 205 g", "au cassis, 105 g"]),
        branded("Sardines à l'huile d'olive", &["La Belle-Iloise"], 4, 12, &["115 g", "millésimées 2023", "au citron"]),
        branded("Fleur de sel", &["Le Saunier de Camargue"], 4, 14, &["125 g", "aux herbes, 90 g"]),
        branded("Terrine de campagne", &["Conserverie du Périgord"], 5, 14, &["180 g", "au piment d'Espelette"]),
        branded("Huile d'olive vierge extra", &["Moulin de la Colline"], 12, 39, &["50 cl", "75 cl", "bidon 1 L"]),
    ],
    blurbs: &[
        "Une recette artisanale sans additif ni conservateur.",
        "Produit en France par une maison familiale.",
        "À ouvrir pour un apéritif improvisé.",
    ],
};

#[rustfmt::skip]
const SWEET: Sub = Sub {
    slug: "epicerie-sucree",
    name_fr: "Épicerie sucrée",
    name_en: "Sweet treats",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Tablette de chocolat noir", &["Valrhona"], 3, 9, &["70 %, 100 g", "pur Madagascar, 70 g", "noisettes, 100 g"]),
        branded("Confiture extra", &["Bonne Maman", "Confiture Parisienne"], 4, 12, &["fraise, 250 g", "abricot, 370 g", "fruits rouges, 250 g"]),
        branded("Sablés pur beurre", &["La Mère Poulard"], 4, 10, &["250 g", "boîte métal, 500 g"]),
        branded("Miel de lavande", &["Rucher des Cévennes"], 8, 19, &["250 g", "500 g"]),
        branded("Caramel au beurre salé", &["Henri Le Roux"], 5, 12, &["pot de 220 g", "coffret de bonbons"]),
    ],
    blurbs: &[
        "Fabriqué avec des fruits et du sucre, rien d'autre.",
        "Une gourmandise à partager au goûter.",
        "Un savoir-faire transmis depuis trois générations.",
    ],
};

#[rustfmt::skip]
const TEA_COFFEE: Sub = Sub {
    slug: "thes-cafes",
    name_fr: "Thés & cafés",
    name_en: "Tea & coffee",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Café en grains", &["Cafés Richard", "Terres de Café", "Lomi"], 9, 29, &["Éthiopie Moka, 250 g", "espresso, 1 kg", "décaféiné, 250 g"]),
        branded("Café moulu", &["Cafés Richard", "Terres de Café", "Lomi"], 6, 19, &["Colombie, 250 g", "Brésil, 250 g"]),
        branded("Thé vert", &["Kusmi Tea", "Dammann Frères"], 8, 24, &["Sencha, 100 g", "au jasmin, 100 g", "boîte de 20 sachets"]),
        branded("Thé noir", &["Kusmi Tea", "Dammann Frères"], 8, 22, &["Earl Grey, 100 g", "Assam, 250 g", "de Noël, 100 g"]),
        branded("Infusion", &["Kusmi Tea", "Dammann Frères"], 6, 16, &["verveine, 50 g", "tilleul menthe, 20 sachets"]),
    ],
    blurbs: &[
        "Torréfié en petits lots pour révéler les arômes.",
        "Des feuilles entières sélectionnées dans les jardins d'origine.",
        "Se conserve dans sa boîte hermétique.",
    ],
};
