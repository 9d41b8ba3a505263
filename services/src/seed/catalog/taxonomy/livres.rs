//! Livres: novels, crime, comics, children's books, cooking. The author is the brand.

use super::{Sub, TitleStyle, Top, work};

const EDITIONS: &[&str] = &[
    "poche",
    "broché",
    "relié, édition illustrée",
    "grands caractères",
];
const ALBUMS: &[&str] = &[
    "album cartonné",
    "édition souple",
    "intégrale",
    "tirage de tête",
];

pub(super) const TOP: Top = Top {
    slug: "livres",
    name_fr: "Livres",
    name_en: "Books",
    used_ok: true,
    blurbs: &[
        "Texte intégral, en français.",
        "Une lecture qui se prête autant au voyage qu'aux longues soirées.",
        "Un classique régulièrement recommandé par les libraires.",
    ],
    subs: &[NOVELS, CRIME, COMICS, CHILDREN, COOKING],
};

#[rustfmt::skip]
const NOVELS: Sub = Sub {
    slug: "romans-litterature",
    name_fr: "Romans & littérature",
    name_en: "Fiction & literature",
    style: TitleStyle::Work,
    brands: &[],
    kinds: &[
        work("L'Étranger", "Albert Camus", 7, 24, EDITIONS),
        work("Les Misérables", "Victor Hugo", 9, 39, EDITIONS),
        work("Madame Bovary", "Gustave Flaubert", 5, 22, EDITIONS),
        work("Germinal", "Émile Zola", 6, 24, EDITIONS),
        work("Le Comte de Monte-Cristo", "Alexandre Dumas", 9, 35, EDITIONS),
        work("Du côté de chez Swann", "Marcel Proust", 8, 29, EDITIONS),
        work("Bel-Ami", "Guy de Maupassant", 5, 19, EDITIONS),
        work("Le Rouge et le Noir", "Stendhal", 6, 22, EDITIONS),
        work("La Peste", "Albert Camus", 7, 24, EDITIONS),
        work("Le Père Goriot", "Honoré de Balzac", 5, 19, EDITIONS),
    ],
    blurbs: &[
        "Préface, notes et dossier pour replacer l'œuvre dans son époque.",
        "Un roman qui n'a rien perdu de sa force.",
        "Une traduction et une mise en page soignées pour une lecture confortable.",
    ],
};

#[rustfmt::skip]
const CRIME: Sub = Sub {
    slug: "policiers-thrillers",
    name_fr: "Policiers & thrillers",
    name_en: "Crime & thrillers",
    style: TitleStyle::Work,
    brands: &[],
    kinds: &[
        work("Le Chien jaune", "Georges Simenon", 6, 19, EDITIONS),
        work("Arsène Lupin, gentleman cambrioleur", "Maurice Leblanc", 5, 19, EDITIONS),
        work("Le Mystère de la chambre jaune", "Gaston Leroux", 5, 19, EDITIONS),
        work("Le Crime de l'Orient-Express", "Agatha Christie", 7, 22, EDITIONS),
        work("Le Chien des Baskerville", "Arthur Conan Doyle", 5, 19, EDITIONS),
        work("Maigret et la Grande Perche", "Georges Simenon", 6, 19, EDITIONS),
    ],
    blurbs: &[
        "Une intrigue serrée qui tient en haleine jusqu'à la dernière page.",
        "L'enquête se lit d'une traite, idéale pour un week-end pluvieux.",
        "Un pilier du roman policier, souvent imité, rarement égalé.",
    ],
};

#[rustfmt::skip]
const COMICS: Sub = Sub {
    slug: "bd-mangas",
    name_fr: "BD & mangas",
    name_en: "Comics & manga",
    style: TitleStyle::Work,
    brands: &[],
    kinds: &[
        work("Astérix le Gaulois", "Goscinny & Uderzo", 10, 45, ALBUMS),
        work("Tintin au Tibet", "Hergé", 12, 45, ALBUMS),
        work("La Marque jaune", "Edgar P. Jacobs", 14, 49, ALBUMS),
        work("Gaston, tome 1", "André Franquin", 11, 39, ALBUMS),
        work("One Piece, tome 1", "Eiichirō Oda", 7, 19, ALBUMS),
        work("Naruto, tome 1", "Masashi Kishimoto", 7, 19, ALBUMS),
        work("Blacksad, Quelque part entre les ombres", "Díaz Canales & Guarnido", 14, 39, ALBUMS),
    ],
    blurbs: &[
        "Couleurs restaurées et papier épais pour redécouvrir les planches.",
        "Un album culte à lire et relire, à partir de 8 ans comme à 88.",
        "Le premier pas idéal dans une série devenue incontournable.",
    ],
};

#[rustfmt::skip]
const CHILDREN: Sub = Sub {
    slug: "livres-jeunesse",
    name_fr: "Livres jeunesse",
    name_en: "Children's books",
    style: TitleStyle::Work,
    brands: &[],
    kinds: &[
        work("Le Petit Prince", "Antoine de Saint-Exupéry", 6, 29, EDITIONS),
        work("Le Petit Nicolas", "Sempé & Goscinny", 6, 24, EDITIONS),
        work("Les Contes du chat perché", "Marcel Aymé", 6, 22, EDITIONS),
        work("Max et les Maximonstres", "Maurice Sendak", 9, 19, ALBUMS),
        work("Le Loup qui voulait changer de couleur", "Orianne Lallemand", 5, 14, ALBUMS),
        work("La Chèvre de monsieur Seguin", "Alphonse Daudet", 5, 16, ALBUMS),
    ],
    blurbs: &[
        "À lire ensemble dès 4 ans, puis seul dès 7 ans.",
        "Des illustrations tendres qui accompagnent chaque page.",
        "Un livre qui se transmet d'une génération à l'autre.",
    ],
};

#[rustfmt::skip]
const COOKING: Sub = Sub {
    slug: "cuisine-vie-pratique",
    name_fr: "Cuisine & vie pratique",
    name_en: "Cooking & lifestyle",
    style: TitleStyle::Work,
    brands: &[],
    kinds: &[
        work("Je sais cuisiner", "Ginette Mathiot", 19, 35, EDITIONS),
        work("La Cuisine du marché", "Paul Bocuse", 24, 49, EDITIONS),
        work("Le Grand Livre de la pâtisserie", "Christophe Felder", 29, 59, EDITIONS),
        work("Simplissime", "Jean-François Mallet", 15, 29, EDITIONS),
        work("Le Potager du paresseux", "Didier Helmstetter", 15, 25, EDITIONS),
    ],
    blurbs: &[
        "Des centaines de recettes expliquées pas à pas.",
        "Des gestes de base aux grands classiques, tout est détaillé.",
        "Un ouvrage de référence à garder à portée de main.",
    ],
};
