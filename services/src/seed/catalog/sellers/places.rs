//! Real places for demo stores and warehouses: streets that exist in the postcode given,
//! with coordinates near them (house numbers are drawn, so addresses are plausible,
//! not real shops).

/// Where a store or warehouse can be.
#[derive(Debug, Clone, Copy)]
pub(super) struct Site {
    /// Short label added to the shop's name for a store (`Bastille`).
    pub(super) label: &'static str,
    pub(super) street: &'static str,
    pub(super) postcode: &'static str,
    pub(super) city: &'static str,
    pub(super) latitude: f64,
    pub(super) longitude: f64,
}

const fn site(
    label: &'static str,
    street: &'static str,
    postcode: &'static str,
    city: &'static str,
    latitude: f64,
    longitude: f64,
) -> Site {
    Site {
        label,
        street,
        postcode,
        city,
        latitude,
        longitude,
    }
}

/// One store site per Paris arrondissement, 75001 to 75020.
#[rustfmt::skip]
pub(super) const PARIS: [Site; 20] = [
    site("Châtelet", "rue Saint-Honoré", "75001", "Paris", 48.8612, 2.3421),
    site("Bourse", "rue du Sentier", "75002", "Paris", 48.8694, 2.3450),
    site("Haut-Marais", "rue de Bretagne", "75003", "Paris", 48.8631, 2.3618),
    site("Saint-Paul", "rue Saint-Antoine", "75004", "Paris", 48.8545, 2.3629),
    site("Mouffetard", "rue Mouffetard", "75005", "Paris", 48.8422, 2.3497),
    site("Saint-Germain", "rue de Rennes", "75006", "Paris", 48.8490, 2.3293),
    site("Invalides", "rue Cler", "75007", "Paris", 48.8561, 2.3062),
    site("Saint-Lazare", "rue de la Pépinière", "75008", "Paris", 48.8755, 2.3227),
    site("Martyrs", "rue des Martyrs", "75009", "Paris", 48.8788, 2.3396),
    site("Canal Saint-Martin", "rue du Faubourg-Saint-Martin", "75010", "Paris", 48.8722, 2.3588),
    site("Bastille", "rue de la Roquette", "75011", "Paris", 48.8556, 2.3762),
    site("Daumesnil", "avenue Daumesnil", "75012", "Paris", 48.8441, 2.3883),
    site("Place d'Italie", "avenue d'Italie", "75013", "Paris", 48.8268, 2.3561),
    site("Alésia", "rue d'Alésia", "75014", "Paris", 48.8281, 2.3268),
    site("Commerce", "rue du Commerce", "75015", "Paris", 48.8467, 2.2951),
    site("Passy", "rue de Passy", "75016", "Paris", 48.8573, 2.2797),
    site("Batignolles", "rue des Batignolles", "75017", "Paris", 48.8842, 2.3189),
    site("Montmartre", "rue Lepic", "75018", "Paris", 48.8853, 2.3343),
    site("Buttes-Chaumont", "avenue Secrétan", "75019", "Paris", 48.8799, 2.3741),
    site("Gambetta", "rue des Pyrénées", "75020", "Paris", 48.8651, 2.3982),
];

/// Store sites in other cities.
#[rustfmt::skip]
pub(super) const REGIONS: [Site; 20] = [
    site("Terreaux", "rue d'Algérie", "69001", "Lyon", 45.7674, 4.8326),
    site("Bellecour", "rue de la République", "69002", "Lyon", 45.7597, 4.8357),
    site("Part-Dieu", "cours Lafayette", "69003", "Lyon", 45.7632, 4.8551),
    site("Brotteaux", "cours Vitton", "69006", "Lyon", 45.7703, 4.8548),
    site("Saint-Ferréol", "rue Saint-Ferréol", "13001", "Marseille", 43.2935, 5.3782),
    site("Castellane", "rue de Rome", "13006", "Marseille", 43.2877, 5.3820),
    site("Prado", "avenue du Prado", "13008", "Marseille", 43.2698, 5.3884),
    site("Sainte-Catherine", "rue Sainte-Catherine", "33000", "Bordeaux", 44.8397, -0.5737),
    site("Vieux-Lille", "rue de la Monnaie", "59000", "Lille", 50.6401, 3.0630),
    site("Capitole", "rue d'Alsace-Lorraine", "31000", "Toulouse", 43.6034, 1.4451),
    site("Graslin", "rue Crébillon", "44000", "Nantes", 47.2131, -1.5614),
    site("Kléber", "rue des Grandes-Arcades", "67000", "Strasbourg", 48.5834, 7.7466),
    site("Comédie", "rue de la Loge", "34000", "Montpellier", 43.6109, 3.8766),
    site("République", "rue Le Bastard", "35000", "Rennes", 48.1122, -1.6797),
    site("Jean-Médecin", "avenue Jean-Médecin", "06000", "Nice", 43.7010, 7.2681),
    site("Victor-Hugo", "rue Félix-Poulat", "38000", "Grenoble", 45.1902, 5.7269),
    site("Liberté", "rue de la Liberté", "21000", "Dijon", 47.3221, 5.0379),
    site("Nationale", "rue Nationale", "37000", "Tours", 47.3931, 0.6882),
    site("Mirabeau", "cours Mirabeau", "13100", "Aix-en-Provence", 43.5270, 5.4474),
    site("Vieille ville", "rue Royale", "74000", "Annecy", 45.9001, 6.1248),
];

/// Warehouse sites in logistics areas; the label is unused.
#[rustfmt::skip]
pub(super) const WAREHOUSES: [Site; 12] = [
    site("", "Pôle 45", "45770", "Saran", 47.9500, 1.8760),
    site("", "zone industrielle de Mitry-Compans", "77290", "Mitry-Mory", 48.9700, 2.6500),
    site("", "parc d'activités du Bois Chaland", "91090", "Lisses", 48.6020, 2.4250),
    site("", "parc d'activités de l'A5", "77550", "Moissy-Cramayel", 48.6270, 2.5950),
    site("", "marché d'intérêt national", "94150", "Rungis", 48.7480, 2.3500),
    site("", "zone industrielle des Estroublans", "13127", "Vitrolles", 43.4540, 5.2630),
    site("", "parc d'activités de Lesquin", "59810", "Lesquin", 50.5890, 3.1110),
    site("", "zone industrielle de Carquefou", "44470", "Carquefou", 47.2980, -1.4910),
    site("", "zone industrielle de Blanquefort", "33290", "Blanquefort", 44.9110, -0.6370),
    site("", "zone industrielle Mi-Plaine", "69740", "Genas", 45.7310, 4.9950),
    site("", "Eurocentre", "31620", "Castelnau-d'Estrétefonds", 43.7870, 1.3580),
    site("", "port du Rhin", "67100", "Strasbourg", 48.5710, 7.7950),
];

/// The demo seller's own store: La Cave de Léon is a wine shop in Lyon.
pub(super) const CAVE_DE_LEON: Site = REGIONS[0];
/// And its warehouse, east of Lyon.
pub(super) const CAVE_DE_LEON_WAREHOUSE: Site = WAREHOUSES[9];
