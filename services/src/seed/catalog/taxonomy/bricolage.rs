//! Bricolage: power tools, hand tools, hardware, paint, electricity.

use super::{Sub, TitleStyle, Top, branded, kind};

pub(super) const TOP: Top = Top {
    slug: "bricolage",
    name_fr: "Bricolage",
    name_en: "DIY & Tools",
    used_ok: true,
    blurbs: &[
        "Une référence pensée pour durer, aussi à l'aise dans les mains d'un bricoleur du dimanche que d'un artisan.",
        "Notice en français et garantie constructeur incluses.",
        "Un indispensable de l'atelier comme de la caisse à outils de l'appartement.",
        "Compatible avec les accessoires standard du marché.",
    ],
    subs: &[POWER_TOOLS, HAND_TOOLS, HARDWARE, PAINT, ELECTRICITY],
};

#[rustfmt::skip]
const POWER_TOOLS: Sub = Sub {
    slug: "outillage-electroportatif",
    name_fr: "Outillage électroportatif",
    name_en: "Power tools",
    style: TitleStyle::Model,
    brands: &["Bosch", "Makita", "DeWalt", "Ryobi", "Metabo", "Milwaukee", "Black+Decker"],
    kinds: &[
        kind("Perceuse-visseuse sans fil", 59, 329, &["18 V", "18 V, 2 batteries 2 Ah", "12 V, 1 batterie", "18 V, coffret"]),
        kind("Perceuse à percussion", 49, 249, &["750 W", "850 W", "18 V sans fil", "1 100 W, coffret"]),
        kind("Perforateur SDS+", 89, 449, &["800 W", "18 V brushless", "1 500 W, coffret"]),
        kind("Visseuse à chocs", 69, 299, &["18 V", "18 V brushless", "12 V compacte"]),
        kind("Scie circulaire", 79, 389, &["1 400 W, lame 190 mm", "18 V, lame 165 mm", "1 800 W, lame 235 mm"]),
        kind("Meuleuse d'angle", 39, 219, &["125 mm, 900 W", "125 mm, 18 V", "230 mm, 2 200 W"]),
        kind("Ponceuse excentrique", 45, 259, &["125 mm, 300 W", "150 mm, 18 V", "125 mm avec aspiration"]),
        kind("Scie sauteuse", 49, 279, &["650 W", "18 V pendulaire", "720 W, coffret"]),
    ],
    blurbs: &[
        "Le moteur sans charbon gagne en autonomie et en durée de vie.",
        "La poignée bi-matière et l'éclairage LED facilitent le travail dans les coins sombres.",
        "Les batteries sont compatibles avec toute la gamme {brand} de même tension.",
        "Le mandrin autoserrant de 13 mm accepte forets et embouts sans clé.",
    ],
};

#[rustfmt::skip]
const HAND_TOOLS: Sub = Sub {
    slug: "outillage-a-main",
    name_fr: "Outillage à main",
    name_en: "Hand tools",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Coffret de tournevis", &["Wera", "Facom", "Stanley"], 14, 89, &["12 pièces", "26 pièces", "isolés 1 000 V"]),
        branded("Marteau de menuisier", &["Leborgne", "Stanley", "Facom"], 12, 45, &["25 mm", "28 mm", "manche graphite"]),
        branded("Jeu de clés mixtes", &["Facom", "Bahco", "Stanley"], 25, 189, &["8 pièces", "12 pièces", "cliquet réversible"]),
        branded("Pince multiprise", &["Knipex", "Facom", "Bahco"], 12, 49, &["250 mm", "300 mm", "réglage rapide"]),
        branded("Niveau à bulle", &["Stanley", "Stabila"], 9, 69, &["40 cm", "60 cm", "120 cm, magnétique"]),
        branded("Coffret de douilles", &["Facom", "Stanley", "Bahco"], 29, 249, &["1/4\", 46 pièces", "1/2\", 24 pièces", "1/4\" et 1/2\", 94 pièces"]),
    ],
    blurbs: &[
        "L'acier chrome-vanadium traité résiste aux efforts répétés.",
        "Le manche ergonomique limite la fatigue pendant les longues séances.",
        "Rangé dans une mallette robuste qui garde chaque pièce à sa place.",
    ],
};

#[rustfmt::skip]
const HARDWARE: Sub = Sub {
    slug: "quincaillerie",
    name_fr: "Quincaillerie",
    name_en: "Hardware",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Boîte de vis à bois", &["Spit", "Fischer"], 6, 39, &["4 × 40 mm, 200 pièces", "5 × 60 mm, 100 pièces", "assortiment 600 pièces"]),
        branded("Chevilles universelles", &["Fischer", "Spit"], 4, 29, &["6 mm, lot de 100", "8 mm, lot de 50", "assortiment 240 pièces"]),
        branded("Serrure en applique", &["Vachette", "Bricard", "Abus"], 39, 189, &["3 points", "à cylindre", "pour porte d'entrée"]),
        branded("Cadenas à code", &["Abus", "Vachette"], 9, 59, &["40 mm", "50 mm, anse longue", "laiton, 4 chiffres"]),
        branded("Charnières invisibles", &["Hettich"], 8, 45, &["lot de 2", "lot de 6", "à amortisseur"]),
        branded("Poignée de porte", &["Hettich", "Vachette", "Bricard"], 12, 79, &["inox brossé", "noir mat", "laiton vieilli"]),
    ],
    blurbs: &[
        "Un format pratique pour les petits travaux comme pour les chantiers.",
        "La finition anticorrosion convient à l'intérieur comme aux pièces humides.",
        "Les dimensions standard remplacent la plupart des modèles existants.",
    ],
};

#[rustfmt::skip]
const PAINT: Sub = Sub {
    slug: "peinture-droguerie",
    name_fr: "Peinture & droguerie",
    name_en: "Paint & supplies",
    style: TitleStyle::Branded,
    brands: &["Tollens", "Ripolin", "Dulux Valentine", "Zolpan", "Seigneurie", "V33"],
    kinds: &[
        kind("Peinture murale acrylique", 19, 89, &["blanc mat, 2,5 L", "blanc velours, 10 L", "vert sauge, 2,5 L", "bleu canard, 1 L"]),
        kind("Peinture boiseries", 15, 59, &["blanc satin, 0,5 L", "gris anthracite, 2 L", "noir brillant, 0,5 L"]),
        kind("Sous-couche universelle", 19, 69, &["2,5 L", "10 L"]),
        branded("Lasure bois extérieur", &["V33", "Sikkens"], 22, 79, &["chêne clair, 2,5 L", "incolore, 1 L", "teck, 5 L"]),
        branded("Rouleau anti-goutte", &["L'Outil Parfait", "Roulor"], 6, 29, &["180 mm", "250 mm, manche télescopique", "kit avec bac"]),
    ],
    blurbs: &[
        "Une excellente opacité : deux couches suffisent dans la plupart des cas.",
        "Faible odeur et classement A+ pour les émissions dans l'air intérieur.",
        "Se nettoie à l'eau, sec au toucher en une heure.",
    ],
};

#[rustfmt::skip]
const ELECTRICITY: Sub = Sub {
    slug: "electricite-eclairage",
    name_fr: "Électricité & éclairage",
    name_en: "Electrical & lighting",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Ampoule LED", &["Philips", "Osram", "Zenitech"], 4, 29, &["E27, 806 lm", "GU10, lot de 3", "E14 flamme, blanc chaud", "E27 filament"]),
        branded("Multiprise parafoudre", &["Legrand", "Zenitech", "Chacon"], 12, 49, &["4 prises", "6 prises + 2 USB", "8 prises, interrupteur"]),
        branded("Détecteur de fumée", &["Chacon", "Legrand"], 12, 49, &["autonomie 10 ans", "connecté", "lot de 3"]),
        branded("Interrupteur connecté", &["Legrand", "Schneider Electric"], 25, 79, &["simple", "double", "variateur"]),
        branded("Projecteur LED extérieur", &["Philips", "Osram", "Zenitech"], 19, 89, &["20 W, IP65", "30 W à détecteur", "50 W, noir"]),
        branded("Rallonge électrique", &["Legrand", "Zenitech", "Chacon"], 9, 45, &["5 m", "10 m", "25 m sur enrouleur"]),
    ],
    blurbs: &[
        "Conforme aux normes NF et CE en vigueur.",
        "Installation simple, sans outil spécifique.",
        "Une consommation réduite pour une facture plus légère.",
    ],
};
