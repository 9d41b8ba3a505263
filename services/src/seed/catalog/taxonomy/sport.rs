//! Sport: cycling, running, hiking and camping, racket sports, fitness, ski.

use super::{Sub, TitleStyle, Top, branded, kind};

pub(super) const TOP: Top = Top {
    slug: "sport",
    name_fr: "Sport",
    name_en: "Sports",
    used_ok: true,
    blurbs: &[
        "Testé en conditions réelles par des sportifs exigeants.",
        "Léger, robuste et facile à entretenir après chaque sortie.",
        "Un équipement qui accompagne les débutants comme les pratiquants confirmés.",
    ],
    subs: &[CYCLING, RUNNING, OUTDOOR, RACKETS, FITNESS, SKI],
};

#[rustfmt::skip]
const CYCLING: Sub = Sub {
    slug: "velos-accessoires",
    name_fr: "Vélos & accessoires",
    name_en: "Bikes & accessories",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Vélo de ville 28 pouces", &["Peugeot Cycles", "Gitane", "Btwin"], 299, 899, &["cadre bas, 7 vitesses", "cadre haut, 8 vitesses", "vert d'eau"]),
        branded("Vélo électrique", &["Moustache", "Peugeot Cycles", "Lapierre"], 1199, 3499, &["batterie 500 Wh", "cadre bas, 625 Wh", "cargo"]),
        branded("VTT 29 pouces", &["Lapierre", "Cannondale", "Btwin"], 399, 2499, &["semi-rigide", "tout suspendu", "12 vitesses"]),
        branded("Casque de vélo", &["Abus", "Btwin"], 29, 149, &["urbain, taille M", "route, taille L", "avec éclairage"]),
        branded("Antivol en U", &["Abus", "Kryptonite"], 29, 119, &["niveau 10", "avec câble", "pliant"]),
        branded("Éclairage vélo rechargeable", &["Btwin", "Abus"], 15, 69, &["avant et arrière", "400 lumens", "USB-C"]),
    ],
    blurbs: &[
        "Réglé et contrôlé en atelier avant l'expédition.",
        "Une position confortable pour les trajets quotidiens comme les balades du dimanche.",
        "Les freins à disque assurent un freinage sûr par tous les temps.",
    ],
};

#[rustfmt::skip]
const RUNNING: Sub = Sub {
    slug: "running",
    name_fr: "Running",
    name_en: "Running",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Chaussures de running", &["Asics", "Hoka", "Salomon", "Brooks", "Kalenji"], 59, 199, &["homme, pointure 42", "femme, pointure 39", "trail, pointure 44"]),
        branded("Veste coupe-vent", &["Kalenji", "Asics", "Salomon"], 29, 129, &["homme", "femme", "réfléchissante"]),
        branded("Montre GPS de course", &["Garmin"], 129, 599, &["cardio au poignet", "avec cartographie", "solaire"]),
        branded("Ceinture porte-bidon", &["Kalenji", "Salomon"], 12, 39, &["500 mL", "2 flasques", "taille unique"]),
    ],
    blurbs: &[
        "L'amorti réactif protège les articulations sur bitume.",
        "Respirant et séchant vite, même sur les sorties longues.",
        "Un maintien précis sans point de pression.",
    ],
};

#[rustfmt::skip]
const OUTDOOR: Sub = Sub {
    slug: "randonnee-camping",
    name_fr: "Randonnée & camping",
    name_en: "Hiking & camping",
    style: TitleStyle::Branded,
    brands: &["Quechua", "Millet", "Lafuma", "The North Face", "Vaude", "Jetboil"],
    kinds: &[
        kind("Sac à dos de randonnée", 35, 229, &["30 L", "45 L", "65 L + 10"]),
        branded("Tente", &["Quechua", "The North Face", "Vaude"], 69, 599, &["2 places", "3 places, montage rapide", "4 places familiale"]),
        kind("Sac de couchage", 39, 299, &["confort 5 °C", "confort -5 °C, duvet", "ultra-léger"]),
        branded("Chaussures de randonnée", &["Quechua", "Millet", "Lafuma", "The North Face"], 69, 219, &["montantes, pointure 43", "basses, pointure 38", "imperméables, pointure 41"]),
        branded("Réchaud de camping", &["Jetboil", "Quechua"], 29, 149, &["à gaz", "système intégré 1 L"]),
    ],
    blurbs: &[
        "Imperméable et respirant, pensé pour les longues étapes.",
        "Le poids est contenu sans sacrifier la solidité.",
        "Se replie dans une housse compacte.",
    ],
};

#[rustfmt::skip]
const RACKETS: Sub = Sub {
    slug: "sports-de-raquette",
    name_fr: "Sports de raquette",
    name_en: "Racket sports",
    style: TitleStyle::Branded,
    brands: &["Babolat", "Head", "Wilson", "Yonex", "Artengo"],
    kinds: &[
        kind("Raquette de tennis", 49, 249, &["285 g", "300 g, cordée", "junior 25 pouces"]),
        kind("Raquette de padel", 59, 299, &["ronde", "en diamant", "carbone"]),
        branded("Tube de balles", &["Babolat", "Head", "Wilson"], 5, 15, &["4 balles", "padel, 3 balles", "pack de 3 tubes"]),
        branded("Raquette de badminton", &["Yonex", "Artengo"], 19, 149, &["graphite", "lot de 2", "avec housse"]),
    ],
    blurbs: &[
        "Un équilibre qui pardonne les coups décentrés.",
        "Contrôle et puissance pour progresser en club.",
        "Livrée avec une housse de protection.",
    ],
};

#[rustfmt::skip]
const FITNESS: Sub = Sub {
    slug: "fitness-musculation",
    name_fr: "Fitness & musculation",
    name_en: "Fitness & training",
    style: TitleStyle::Branded,
    brands: &["Domyos", "Kettler", "Bowflex", "Nordictrack", "Corength"],
    kinds: &[
        branded("Tapis de yoga", &["Domyos", "Kettler"], 15, 79, &["6 mm", "liège naturel", "antidérapant 4 mm"]),
        kind("Haltères réglables", 49, 399, &["2 × 10 kg", "2 × 24 kg", "kit 20 kg"]),
        kind("Vélo d'appartement", 199, 999, &["magnétique", "connecté", "pliable"]),
        kind("Rameur", 299, 1299, &["à air", "magnétique", "à eau"]),
    ],
    blurbs: &[
        "Assez compact pour un entraînement à la maison.",
        "Résistance réglable pour progresser séance après séance.",
        "Une base stable et des matériaux faciles à nettoyer.",
    ],
};

#[rustfmt::skip]
const SKI: Sub = Sub {
    slug: "ski-glisse",
    name_fr: "Ski & glisse",
    name_en: "Ski & boardsports",
    style: TitleStyle::Branded,
    brands: &["Rossignol", "Salomon", "Dynastar", "Wedze", "Burton"],
    kinds: &[
        branded("Skis de piste avec fixations", &["Rossignol", "Salomon", "Dynastar", "Wedze"], 249, 799, &["163 cm", "170 cm", "177 cm"]),
        kind("Chaussures de ski", 129, 499, &["flex 90", "flex 110", "femme, flex 80"]),
        kind("Masque de ski", 29, 179, &["écran photochromique", "écran magnétique", "junior"]),
        branded("Snowboard", &["Burton", "Rossignol", "Salomon"], 199, 599, &["152 cm", "158 cm", "freestyle 148 cm"]),
    ],
    blurbs: &[
        "Accroche franche sur neige dure et tolérance en neige transformée.",
        "Conçu et testé dans les Alpes.",
        "Un chaussant précis qui reste confortable toute la journée.",
    ],
};
