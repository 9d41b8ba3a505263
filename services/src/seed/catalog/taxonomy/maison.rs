//! Maison & Jardin: kitchen, decoration, bedding, garden, storage.

use super::{Sub, TitleStyle, Top, branded, kind};

pub(super) const TOP: Top = Top {
    slug: "maison-jardin",
    name_fr: "Maison & Jardin",
    name_en: "Home & Garden",
    used_ok: true,
    blurbs: &[
        "Des matériaux choisis pour durer et se patiner joliment avec le temps.",
        "Une pièce facile à vivre, qui trouve sa place dans un intérieur ancien comme contemporain.",
        "Entretien simple : un coup d'éponge ou un passage en machine suffit.",
    ],
    subs: &[KITCHEN, DECOR, BEDDING, GARDEN, STORAGE],
};

#[rustfmt::skip]
const KITCHEN: Sub = Sub {
    slug: "cuisine-art-de-la-table",
    name_fr: "Cuisine & art de la table",
    name_en: "Kitchen & tableware",
    style: TitleStyle::Branded,
    brands: &[],
    kinds: &[
        branded("Cocotte en fonte", &["Le Creuset", "Staub"], 89, 349, &["ronde 20 cm", "ronde 24 cm", "ovale 29 cm", "rouge cerise 24 cm"]),
        branded("Poêle", &["de Buyer", "Tefal", "Cristel"], 19, 119, &["24 cm", "28 cm", "acier carbone 28 cm", "anti-adhésive 26 cm"]),
        branded("Couteau de chef", &["Opinel", "Sabatier", "Deglon"], 25, 189, &["20 cm", "lame carbone 15 cm", "manche olivier"]),
        branded("Batterie de casseroles", &["Cristel", "Tefal", "de Buyer"], 79, 399, &["3 pièces", "5 pièces, poignée amovible", "inox, 4 pièces"]),
        branded("Moulin à poivre", &["Peugeot", "Cole & Mason"], 24, 79, &["18 cm", "22 cm, bois naturel", "électrique"]),
        branded("Service de table en porcelaine", &["Revol", "Jars", "Médard de Noblat"], 39, 189, &["18 pièces", "12 assiettes", "blanc uni, 24 pièces"]),
    ],
    blurbs: &[
        "Compatible avec tous les feux, y compris l'induction.",
        "Une fabrication française reconnue par les chefs.",
        "Passe au lave-vaisselle sans perdre son éclat.",
    ],
};

#[rustfmt::skip]
const DECOR: Sub = Sub {
    slug: "decoration",
    name_fr: "Décoration",
    name_en: "Home decor",
    style: TitleStyle::Branded,
    brands: &["Maisons du Monde", "Serax", "Madura", "Fleux", "Bloomingville", "Caravane"],
    kinds: &[
        kind("Miroir rond", 39, 229, &["Ø 50 cm, laiton", "Ø 80 cm, rotin", "Ø 60 cm, noir"]),
        kind("Vase en grès", 15, 89, &["terracotta", "vert sauge", "blanc émaillé"]),
        kind("Coussin en lin lavé", 19, 59, &["45 × 45 cm, naturel", "40 × 60 cm, moutarde", "50 × 50 cm, bleu nuit"]),
        kind("Bougie parfumée", 12, 69, &["figuier, 190 g", "bois de cèdre, 300 g", "fleur d'oranger, 190 g"]),
        kind("Plaid en laine", 39, 159, &["130 × 170 cm, écru", "à carreaux", "vert forêt"]),
        kind("Lampe à poser", 35, 249, &["céramique", "abat-jour en lin", "laiton brossé"]),
    ],
    blurbs: &[
        "Chaque pièce est légèrement différente, signe d'une finition à la main.",
        "Une touche de couleur qui réchauffe un salon ou une chambre.",
        "Emballage soigné, idéal pour offrir.",
    ],
};

#[rustfmt::skip]
const BEDDING: Sub = Sub {
    slug: "linge-literie",
    name_fr: "Linge de maison & literie",
    name_en: "Linen & bedding",
    style: TitleStyle::Branded,
    brands: &["Essix", "Blanc des Vosges", "Tradilinge", "Anne de Solène", "Dodo", "Bemboka"],
    kinds: &[
        kind("Housse de couette en percale", 49, 189, &["140 × 200 cm", "240 × 220 cm", "260 × 240 cm"]),
        kind("Parure de lit en lin lavé", 89, 289, &["240 × 220 cm, terracotta", "260 × 240 cm, blanc", "140 × 200 cm, kaki"]),
        kind("Oreiller à mémoire de forme", 29, 99, &["60 × 60 cm", "50 × 70 cm", "ergonomique"]),
        kind("Couette tempérée", 39, 199, &["140 × 200 cm", "220 × 240 cm", "4 saisons, 240 × 260 cm"]),
        kind("Drap de bain", 15, 49, &["70 × 140 cm", "100 × 150 cm", "coton bio"]),
    ],
    blurbs: &[
        "Tissé et confectionné en France dans un coton certifié Oeko-Tex.",
        "Plus doux à chaque lavage.",
        "Les coutures renforcées tiennent des années de lavages à 60 °C.",
    ],
};

#[rustfmt::skip]
const GARDEN: Sub = Sub {
    slug: "jardin-exterieur",
    name_fr: "Jardin & extérieur",
    name_en: "Garden & outdoor",
    style: TitleStyle::Model,
    brands: &[],
    kinds: &[
        branded("Tondeuse à gazon", &["Stihl", "Husqvarna", "Ryobi"], 149, 699, &["sans fil 36 V", "thermique 46 cm", "électrique 1 400 W", "autotractée 53 cm"]),
        branded("Taille-haie", &["Stihl", "Husqvarna", "Ryobi"], 59, 299, &["18 V, lame 50 cm", "électrique 550 W", "sur perche"]),
        branded("Souffleur de feuilles", &["Stihl", "Ryobi", "Husqvarna"], 49, 249, &["18 V", "thermique", "aspiro-broyeur"]),
        branded("Barbecue à charbon", &["Weber"], 79, 449, &["57 cm", "47 cm", "kettle avec chariot"]),
        branded("Sécateur", &["Fiskars", "Gardena"], 14, 69, &["à lame franche", "à enclume", "à crémaillère"]),
        branded("Tuyau d'arrosage", &["Gardena"], 19, 89, &["15 m", "25 m, avec dévidoir", "extensible 30 m"]),
    ],
    blurbs: &[
        "Léger et bien équilibré pour travailler sans forcer.",
        "Résiste aux intempéries et aux UV d'une saison à l'autre.",
        "Les pièces d'usure se remplacent facilement chez {brand}.",
    ],
};

#[rustfmt::skip]
const STORAGE: Sub = Sub {
    slug: "rangement",
    name_fr: "Rangement",
    name_en: "Storage",
    style: TitleStyle::Branded,
    brands: &["Tanguy", "Sundis", "Curver", "Rotho", "Bigso"],
    kinds: &[
        kind("Boîte de rangement", 8, 39, &["20 L avec couvercle", "lot de 3", "en carton rigide"]),
        kind("Étagère murale", 19, 129, &["chêne, 80 cm", "métal noir, 60 cm", "modulable"]),
        kind("Panier en osier", 14, 59, &["Ø 30 cm", "à anses", "lot de 2"]),
        kind("Portemanteau", 19, 99, &["5 patères", "sur pied, hêtre", "mural, laiton"]),
    ],
    blurbs: &[
        "Gagne de la place sans encombrer la pièce.",
        "Se monte en quelques minutes, visserie fournie.",
        "Empilable pour optimiser chaque recoin.",
    ],
};
