//! Jeux & Jouets: board games, construction, video games, toddlers, outdoor play.

use super::{Sub, TitleStyle, Top, branded, kind, work};

pub(super) const TOP: Top = Top {
    slug: "jeux-jouets",
    name_fr: "Jeux & Jouets",
    name_en: "Toys & Games",
    used_ok: true,
    blurbs: &[
        "Conforme aux normes de sécurité européennes pour les jouets.",
        "Un cadeau qui rassemble petits et grands.",
        "Règles en français incluses.",
    ],
    subs: &[
        BOARD_GAMES,
        CONSTRUCTION,
        VIDEO_GAMES,
        TODDLERS,
        OUTDOOR_PLAY,
    ],
};

#[rustfmt::skip]
const BOARD_GAMES: Sub = Sub {
    slug: "jeux-de-societe",
    name_fr: "Jeux de société",
    name_en: "Board games",
    style: TitleStyle::Titled,
    brands: &[],
    kinds: &[
        work("Dixit", "Libellud", 25, 39, &["jeu de base", "extension Odyssey", "édition anniversaire"]),
        work("Les Aventuriers du Rail", "Days of Wonder", 35, 49, &["Europe", "France", "Mon premier voyage"]),
        work("Catan", "Kosmos", 35, 49, &["jeu de base", "extension 5-6 joueurs", "édition de voyage"]),
        work("7 Wonders", "Repos Production", 39, 55, &["jeu de base", "Duel", "Architects"]),
        work("Azul", "Next Move Games", 29, 45, &["jeu de base", "Pavillon d'été", "Mini"]),
        work("Mille Bornes", "Dujardin", 15, 29, &["classique", "édition luxe", "Grand Prix"]),
        work("Skyjo", "Magilano", 15, 25, &["classique", "Action"]),
    ],
    blurbs: &[
        "Parties de 30 à 45 minutes, de 2 à 6 joueurs.",
        "Des règles qui s'expliquent en cinq minutes et des parties toujours différentes.",
        "Un jeu primé, incontournable des soirées en famille.",
    ],
};

#[rustfmt::skip]
const CONSTRUCTION: Sub = Sub {
    slug: "jeux-de-construction",
    name_fr: "Jeux de construction",
    name_en: "Construction toys",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Boîte de construction", &["Lego", "Playmobil", "Clics"], 19, 199, &["château fort", "caserne de pompiers", "station spatiale", "ferme"]),
        branded("Coffret de planchettes", &["Kapla"], 29, 89, &["200 pièces", "280 pièces, couleurs", "1 000 pièces"]),
        branded("Kit de construction motorisé", &["Meccano", "Lego"], 39, 149, &["voiture de course", "grue", "robot"]),
    ],
    blurbs: &[
        "Des heures de construction, puis autant de jeu.",
        "Compatible avec les autres boîtes de la gamme {brand}.",
        "Dès 6 ans, notice illustrée pas à pas.",
    ],
};

#[rustfmt::skip]
const VIDEO_GAMES: Sub = Sub {
    slug: "jeux-video-consoles",
    name_fr: "Jeux vidéo & consoles",
    name_en: "Video games & consoles",
    style: TitleStyle::Titled,
    brands: &[],
    kinds: &[
        work("Console Nintendo Switch OLED", "Nintendo", 299, 349, &["blanche", "néon", "édition Zelda"]),
        work("Console PlayStation 5", "Sony", 449, 549, &["édition standard", "édition numérique", "Slim"]),
        work("Mario Kart 8 Deluxe", "Nintendo", 39, 59, &["Nintendo Switch"]),
        work("The Legend of Zelda: Tears of the Kingdom", "Nintendo", 49, 69, &["Nintendo Switch"]),
        work("Astro Bot", "Sony", 49, 69, &["PS5"]),
        work("Manette sans fil DualSense", "Sony", 59, 79, &["blanche", "noire", "camouflage"]),
    ],
    blurbs: &[
        "Version française, jouable seul ou à plusieurs.",
        "Un incontournable du catalogue, aussi drôle en famille qu'entre amis.",
        "Livré dans sa boîte d'origine, avec sa notice.",
    ],
};

#[rustfmt::skip]
const TODDLERS: Sub = Sub {
    slug: "eveil-premier-age",
    name_fr: "Éveil & premier âge",
    name_en: "Baby & toddler",
    style: TitleStyle::Branded,
    brands: &["Vilac", "Janod", "Djeco", "Moulin Roty", "Vulli"],
    kinds: &[
        kind("Jouet à tirer en bois", 15, 45, &["canard", "chien", "escargot"]),
        kind("Doudou", 15, 35, &["lapin", "ours", "renard"]),
        kind("Tableau d'activités", 25, 69, &["en bois", "musical"]),
        kind("Puzzle à encastrer", 9, 29, &["animaux de la ferme", "formes", "véhicules"]),
    ],
    blurbs: &[
        "Bois issu de forêts gérées durablement et peintures à l'eau.",
        "Adapté dès 12 mois, sans petites pièces.",
        "Fabriqué dans le Jura par des artisans du jouet.",
    ],
};

#[rustfmt::skip]
const OUTDOOR_PLAY: Sub = Sub {
    slug: "jeux-de-plein-air",
    name_fr: "Jeux de plein air",
    name_en: "Outdoor play",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Trottinette", &["Oxelo", "Hudora"], 29, 129, &["3 roues", "pliable", "freestyle"]),
        branded("Draisienne", &["Janod", "Hudora"], 49, 129, &["en bois", "métal, rouge"]),
        branded("Cabane de jardin", &["Smoby"], 149, 599, &["en bois", "avec toboggan"]),
        branded("Trampoline", &["Kangui"], 99, 499, &["Ø 250 cm", "Ø 360 cm, avec filet"]),
    ],
    blurbs: &[
        "Structure robuste testée pour un usage extérieur.",
        "Pour se dépenser au grand air dès 3 ans.",
        "Montage accessible à deux adultes en une heure.",
    ],
};
