//! High-Tech: audio, phones, computers, photo, connected home.

use super::{Sub, TitleStyle, Top, branded, kind};

pub(super) const TOP: Top = Top {
    slug: "high-tech",
    name_fr: "High-Tech",
    name_en: "Electronics",
    used_ok: true,
    blurbs: &[
        "Livré avec sa notice en français et garanti deux ans.",
        "Mises à jour logicielles assurées par le constructeur.",
        "Un appareil bien conçu, réparable, dont les pièces restent disponibles.",
        "La connexion Bluetooth se fait en quelques secondes depuis un téléphone.",
    ],
    subs: &[AUDIO, PHONES, COMPUTERS, PHOTO, SMART_HOME],
};

#[rustfmt::skip]
const AUDIO: Sub = Sub {
    slug: "audio-casques",
    name_fr: "Audio & casques",
    name_en: "Audio & headphones",
    style: TitleStyle::Model,
    brands: &["Sony", "Bose", "Sennheiser", "JBL", "Marshall", "Jabra", "Devialet", "Bang & Olufsen"],
    kinds: &[
        branded("Casque Bluetooth à réduction de bruit", &["Sony", "Bose", "Sennheiser", "Marshall", "Bang & Olufsen", "Jabra"], 79, 449, &["noir", "argent", "bleu nuit"]),
        kind("Écouteurs sans fil", 39, 299, &["noir", "blanc", "sport"]),
        branded("Enceinte portable", &["JBL", "Bose", "Marshall", "Sony", "Bang & Olufsen"], 39, 349, &["étanche IP67", "noir", "kaki"]),
        branded("Barre de son", &["Sony", "Bose", "JBL", "Devialet"], 149, 899, &["Dolby Atmos", "avec caisson de basses", "compacte"]),
        branded("Platine vinyle", &["Sony", "Audio-Technica", "Pro-Ject"], 149, 599, &["entraînement par courroie", "Bluetooth", "noyer"]),
    ],
    blurbs: &[
        "Jusqu'à 30 heures d'écoute sur une charge, et dix minutes de recharge pour cinq heures de musique.",
        "La réduction de bruit active efface le métro comme l'open space.",
        "Un son équilibré, des basses présentes sans écraser les voix.",
    ],
};

#[rustfmt::skip]
const PHONES: Sub = Sub {
    slug: "smartphones-accessoires",
    name_fr: "Smartphones & accessoires",
    name_en: "Phones & accessories",
    style: TitleStyle::Model,
    brands: &["Samsung", "Apple", "Google", "Xiaomi", "Fairphone", "Crosscall", "Anker"],
    kinds: &[
        branded("Smartphone", &["Samsung", "Apple", "Google", "Xiaomi", "Fairphone", "Crosscall"], 149, 1299, &["128 Go, noir", "256 Go, bleu", "512 Go, titane", "128 Go, vert"]),
        branded("Chargeur rapide USB-C", &["Anker", "Samsung", "Apple"], 15, 59, &["30 W", "65 W, 2 ports", "100 W GaN"]),
        branded("Batterie externe", &["Anker", "Xiaomi"], 19, 89, &["10 000 mAh", "20 000 mAh", "MagSafe 5 000 mAh"]),
        kind("Coque de protection", 9, 49, &["transparente", "cuir, marron", "antichoc"]),
        branded("Montre connectée", &["Samsung", "Apple", "Google"], 79, 499, &["41 mm", "45 mm, GPS", "bracelet sport"]),
    ],
    blurbs: &[
        "Débloqué tous opérateurs, compatible 5G.",
        "L'écran OLED reste lisible en plein soleil.",
        "Une autonomie qui tient une longue journée d'usage intensif.",
    ],
};

#[rustfmt::skip]
const COMPUTERS: Sub = Sub {
    slug: "ordinateurs-tablettes",
    name_fr: "Ordinateurs & tablettes",
    name_en: "Computers & tablets",
    style: TitleStyle::Model,
    brands: &[],
    kinds: &[
        branded("Ordinateur portable 14 pouces", &["Lenovo", "Asus", "HP", "Dell", "Apple", "Acer"], 399, 1899, &["16 Go, SSD 512 Go", "8 Go, SSD 256 Go", "32 Go, SSD 1 To"]),
        branded("Ordinateur portable 16 pouces", &["Lenovo", "Asus", "HP", "Dell", "Apple", "Acer"], 599, 2499, &["16 Go, SSD 1 To", "32 Go, RTX 4060"]),
        branded("Tablette 11 pouces", &["Apple", "Lenovo", "Samsung"], 199, 999, &["128 Go, Wi-Fi", "256 Go, 5G", "64 Go"]),
        branded("Écran 27 pouces", &["Dell", "Asus", "HP", "Lenovo"], 149, 699, &["QHD 165 Hz", "4K USB-C", "Full HD IPS"]),
        branded("Clavier sans fil", &["Logitech"], 29, 149, &["AZERTY", "mécanique, AZERTY", "rétroéclairé"]),
        branded("Souris ergonomique", &["Logitech"], 19, 119, &["sans fil", "verticale", "Bluetooth silencieuse"]),
    ],
    blurbs: &[
        "Clavier AZERTY français rétroéclairé et pavé tactile précis.",
        "Assez léger pour suivre partout, assez puissant pour le montage vidéo.",
        "Livré avec le système installé et prêt à l'emploi.",
    ],
};

#[rustfmt::skip]
const PHOTO: Sub = Sub {
    slug: "photo-video",
    name_fr: "Photo & vidéo",
    name_en: "Photo & video",
    style: TitleStyle::Model,
    brands: &[],
    kinds: &[
        branded("Appareil photo hybride", &["Canon", "Nikon", "Fujifilm", "Sony", "Panasonic"], 499, 2499, &["boîtier nu", "avec objectif 18-55 mm", "kit 28-70 mm"]),
        branded("Objectif", &["Canon", "Nikon", "Fujifilm", "Sony", "Sigma"], 149, 1299, &["50 mm f/1.8", "24-70 mm f/4", "70-300 mm"]),
        branded("Caméra d'action", &["GoPro", "DJI"], 149, 549, &["4K", "5.3K, étanche 10 m", "pack créateur"]),
        branded("Drone", &["DJI"], 299, 1499, &["4K, 249 g", "pack Fly More", "avec radiocommande à écran"]),
        branded("Trépied", &["Manfrotto", "Gitzo"], 25, 199, &["aluminium", "carbone", "de voyage"]),
    ],
    blurbs: &[
        "Stabilisation sur cinq axes pour des images nettes à main levée.",
        "L'autofocus suit les yeux des personnes comme des animaux.",
        "Vidéo 4K sans recadrage et sortie HDMI propre.",
    ],
};

#[rustfmt::skip]
const SMART_HOME: Sub = Sub {
    slug: "maison-connectee",
    name_fr: "Maison connectée",
    name_en: "Smart home",
    style: TitleStyle::Model,
    brands: &[],
    kinds: &[
        branded("Thermostat connecté", &["Netatmo", "Nest", "Tado"], 79, 249, &["filaire", "sans fil", "pack têtes de radiateur"]),
        branded("Caméra de surveillance", &["Netatmo", "Eufy", "Somfy"], 39, 229, &["intérieure", "extérieure, sans fil", "avec projecteur"]),
        branded("Sonnette vidéo", &["Netatmo", "Eufy"], 59, 199, &["sur batterie", "filaire"]),
        branded("Kit d'éclairage connecté", &["Philips Hue"], 49, 199, &["3 ampoules E27", "ruban LED 2 m", "pont inclus"]),
    ],
    blurbs: &[
        "Se pilote depuis l'application, à la voix ou par des scénarios automatiques.",
        "Les données restent chiffrées et hébergées en Europe.",
        "Installation en moins de trente minutes, sans électricien.",
    ],
};
