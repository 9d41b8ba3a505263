//! Every visible string of the storefront, in French (the default) and English, in one
//! table. A string missing a language does not compile.

use serde::{Deserialize, Serialize};

/// The language a page is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// The BCP 47 tag, for `<html lang>` and the `lang` query parameter.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// Reads a tag (`fr`, `en`, `en-GB`…); `None` for languages Halles does not speak.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Locale::Fr),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The other language, for the switcher.
    pub fn other(self) -> Self {
        match self {
            Locale::Fr => Locale::En,
            Locale::En => Locale::Fr,
        }
    }

    /// Translates one message.
    pub fn t(self, msg: Msg) -> &'static str {
        let (fr, en) = msg.texts();
        match self {
            Locale::Fr => fr,
            Locale::En => en,
        }
    }
}

/// A message of the storefront.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    LanguageName,
    SwitchLanguage,
    Tagline,
    SearchPlaceholder,
    SearchButton,
    Cart,
    Account,
    AccountMenu,
    LogIn,
    SignUp,
    LogOut,
    SkipToContent,
    HeroTitle,
    HeroText,
    HeroCta,
    HeroSellerCta,
    PromiseOneCartTitle,
    PromiseOneCartText,
    PromisePickupTitle,
    PromisePickupText,
    PromiseCashbackTitle,
    PromiseCashbackText,
    SellersTitle,
    SellersText,
    LoginTitle,
    LoginIntro,
    SignupTitle,
    SignupIntro,
    EmailLabel,
    PasswordLabel,
    PasswordHint,
    NameLabel,
    ShowPassword,
    HidePassword,
    NoAccountYet,
    AlreadyHaveAccount,
    ErrorInvalidCredentials,
    ErrorThrottled,
    ErrorEmailTaken,
    ErrorEmailInvalid,
    ErrorPasswordTooShort,
    ErrorPasswordTooLong,
    ErrorNameInvalid,
    ErrorCsrf,
    ErrorGeneric,
    AccountTitle,
    AccountGreeting,
    AccountEmail,
    AccountRoles,
    AccountShop,
    RoleShopper,
    RoleSeller,
    RoleOperator,
    AccountConsoleHint,
    AccountLoginNeeded,
    CartTitle,
    CartEmpty,
    CartEmptyHint,
    ContinueShopping,
    SearchTitle,
    SearchNoResults,
    SearchHelp,
    NotFoundTitle,
    NotFoundText,
    BackHome,
    Loading,
    LoadError,
    FooterAbout,
    FooterSellers,
    FooterHelp,
    FooterRights,
    ShopStatusPending,
    ShopStatusApproved,
    ShopStatusRejected,
    ShopStatusSuspended,
    // Catalog pages.
    ActiveFilters,
    AddFilter,
    Apply,
    BadCondition,
    BadPage,
    BadParameter,
    BadPostcode,
    BadPrice,
    BadQuery,
    BadSort,
    BestOffer,
    Brand,
    Breadcrumb,
    CatalogUnavailable,
    Category,
    CategoryDescription,
    ClearFilters,
    ClearFiltersHelp,
    CompareOffersMany,
    CompareOffersOne,
    ConditionAcceptable,
    ConditionGood,
    ConditionLikeNew,
    ConditionNew,
    ConditionVeryGood,
    DaysMany,
    DaysOne,
    Delivery,
    DeliveryFree,
    DeliveryIncluded,
    Description,
    EShop,
    FacetCategories,
    FacetConditions,
    FacetPickup,
    FacetPrices,
    FacetShops,
    Filters,
    FirstPage,
    FreeShippingFrom,
    FromPrice,
    Gtin,
    HelpBroader,
    HelpSpelling,
    Home,
    HomeCategories,
    HomeFeatured,
    HomeRecentlyViewed,
    HomeShops,
    InStock,
    MovedHere,
    NextPage,
    NoOffers,
    NoOffersInShop,
    NoOffersYet,
    NoReviewsYet,
    NoShopsYet,
    NothingHere,
    OfferCountMany,
    OfferCountOne,
    OffersTitle,
    OnlineOnly,
    OpeningHours,
    OurStores,
    PageLabel,
    PagePastTheEnd,
    Pages,
    PickupBadge,
    PickupInStoresMany,
    PickupInStoresOne,
    PickupPostcodeLabel,
    PreviousPage,
    PriceAndMore,
    PriceTo,
    PriceUnder,
    ProductCountMany,
    ProductCountOne,
    RatingOutOfFive,
    ReadyIn,
    ReadyNow,
    RemoveFilter,
    ResetSearch,
    Results,
    ReturnPolicyDefault,
    Returns,
    ReviewCountMany,
    ReviewCountOne,
    SearchAllTitle,
    SearchDescription,
    SearchThisShop,
    SeeAll,
    SeeAllOffers,
    Shipping,
    ShippingFlat,
    ShopOffersTitle,
    ShopPolicies,
    SoldBy,
    SoldOut,
    SortBy,
    SortNewest,
    SortPriceAsc,
    SortPriceDesc,
    SortRelevance,
    StockLowMany,
    StockLowOne,
    Total,
}

impl Msg {
    /// (French, English).
    fn texts(self) -> (&'static str, &'static str) {
        match self {
            Msg::LanguageName => ("Français", "English"),
            Msg::SwitchLanguage => ("Langue", "Language"),
            Msg::Tagline => (
                "Le marché de vos commerçants",
                "Your local merchants' market",
            ),
            Msg::SearchPlaceholder => ("Produit, marque, boutique…", "Product, brand, shop…"),
            Msg::SearchButton => ("Rechercher", "Search"),
            Msg::Cart => ("Panier", "Cart"),
            Msg::Account => ("Mon compte", "My account"),
            Msg::AccountMenu => ("Menu du compte", "Account menu"),
            Msg::LogIn => ("Se connecter", "Log in"),
            Msg::SignUp => ("Créer un compte", "Sign up"),
            Msg::LogOut => ("Se déconnecter", "Log out"),
            Msg::SkipToContent => ("Aller au contenu", "Skip to content"),
            Msg::HeroTitle => (
                "Un seul panier pour tous vos commerçants",
                "One cart for all your merchants",
            ),
            Msg::HeroText => (
                "Remplissez un panier chez plusieurs boutiques, payez une seule fois, faites-vous livrer ou retirez en magasin — et gagnez du cashback à chaque achat.",
                "Fill one cart from several shops, pay once, get it delivered or collect it in store — and earn cashback on every purchase.",
            ),
            Msg::HeroCta => ("Créer mon compte", "Create my account"),
            Msg::HeroSellerCta => ("Ouvrir ma boutique", "Open my shop"),
            Msg::PromiseOneCartTitle => ("Un panier, un paiement", "One cart, one payment"),
            Msg::PromiseOneCartText => (
                "Des offres de plusieurs vendeurs dans le même panier, réglées en une fois.",
                "Offers from several sellers in the same cart, paid in one go.",
            ),
            Msg::PromisePickupTitle => ("Retrait en magasin", "Click & collect"),
            Msg::PromisePickupText => (
                "Voyez quel magasin près de chez vous a l'article, réservez-le et retirez-le avec un code.",
                "See which store near you has the item, reserve it and collect it with a code.",
            ),
            Msg::PromiseCashbackTitle => {
                ("Du cashback à chaque achat", "Cashback on every purchase")
            }
            Msg::PromiseCashbackText => (
                "Vos achats vous rapportent un crédit à dépenser chez n'importe quel vendeur.",
                "Your purchases earn credit to spend with any seller.",
            ),
            Msg::SellersTitle => ("Vous êtes commerçant ?", "Are you a merchant?"),
            Msg::SellersText => (
                "Ouvrez votre e-boutique sur Halles : vos offres, votre stock par magasin, vos commandes et vos retraits, depuis une console.",
                "Open your e-shop on Halles: your offers, stock per store, orders and pickups, from one console.",
            ),
            Msg::LoginTitle => ("Connexion", "Log in"),
            Msg::LoginIntro => ("Heureux de vous revoir.", "Good to see you again."),
            Msg::SignupTitle => ("Créer un compte", "Create an account"),
            Msg::SignupIntro => (
                "Un compte pour acheter chez tous les vendeurs de Halles, sur le web, l'appli et en magasin.",
                "One account to buy from every Halles seller, on the web, in the app and in store.",
            ),
            Msg::EmailLabel => ("Adresse e-mail", "E-mail address"),
            Msg::PasswordLabel => ("Mot de passe", "Password"),
            Msg::PasswordHint => ("8 caractères au moins.", "At least 8 characters."),
            Msg::NameLabel => ("Nom", "Name"),
            Msg::ShowPassword => ("Afficher", "Show"),
            Msg::HidePassword => ("Masquer", "Hide"),
            Msg::NoAccountYet => ("Pas encore de compte ?", "No account yet?"),
            Msg::AlreadyHaveAccount => ("Déjà un compte ?", "Already have an account?"),
            Msg::ErrorInvalidCredentials => (
                "E-mail ou mot de passe incorrect.",
                "Wrong e-mail or password.",
            ),
            Msg::ErrorThrottled => (
                "Trop de tentatives. Réessayez dans quelques minutes.",
                "Too many attempts. Try again in a few minutes.",
            ),
            Msg::ErrorEmailTaken => (
                "Un compte utilise déjà cette adresse.",
                "An account already uses this address.",
            ),
            Msg::ErrorEmailInvalid => (
                "Cette adresse e-mail n'est pas valide.",
                "This e-mail address is not valid.",
            ),
            Msg::ErrorPasswordTooShort => (
                "Le mot de passe doit faire 8 caractères au moins.",
                "The password must have at least 8 characters.",
            ),
            Msg::ErrorPasswordTooLong => (
                "Le mot de passe est trop long (128 caractères au plus).",
                "The password is too long (128 characters at most).",
            ),
            Msg::ErrorNameInvalid => (
                "Indiquez votre nom (80 caractères au plus).",
                "Enter your name (80 characters at most).",
            ),
            Msg::ErrorCsrf => (
                "Le formulaire a expiré. Merci de réessayer.",
                "The form expired. Please try again.",
            ),
            Msg::ErrorGeneric => (
                "Une erreur est survenue. Merci de réessayer.",
                "Something went wrong. Please try again.",
            ),
            Msg::AccountTitle => ("Mon compte", "My account"),
            Msg::AccountGreeting => ("Bonjour", "Hello"),
            Msg::AccountEmail => ("E-mail", "E-mail"),
            Msg::AccountRoles => ("Rôles", "Roles"),
            Msg::AccountShop => ("Boutique", "Shop"),
            Msg::RoleShopper => ("Client", "Shopper"),
            Msg::RoleSeller => ("Vendeur", "Seller"),
            Msg::RoleOperator => ("Opérateur", "Operator"),
            Msg::AccountConsoleHint => (
                "Gérez votre boutique depuis la console : admin-tui --server",
                "Run your shop from the console: admin-tui --server",
            ),
            Msg::AccountLoginNeeded => (
                "Connectez-vous pour voir votre compte.",
                "Log in to see your account.",
            ),
            Msg::CartTitle => ("Mon panier", "My cart"),
            Msg::CartEmpty => ("Votre panier est vide.", "Your cart is empty."),
            Msg::CartEmptyHint => (
                "Les articles que vous ajoutez, sur le web ou l'appli, apparaîtront ici.",
                "Items you add, on the web or in the app, will show up here.",
            ),
            Msg::ContinueShopping => ("Continuer mes achats", "Continue shopping"),
            Msg::SearchTitle => ("Recherche", "Search"),
            Msg::SearchNoResults => ("Aucun résultat pour", "No results for"),
            Msg::SearchHelp => (
                "Vérifiez l'orthographe, essayez un mot plus général ou un code EAN.",
                "Check the spelling, try a more general word or an EAN code.",
            ),
            Msg::NotFoundTitle => ("Page introuvable", "Page not found"),
            Msg::NotFoundText => (
                "Cette page n'existe pas ou plus. Le lien est peut-être ancien.",
                "This page does not exist, or no longer does. The link may be old.",
            ),
            Msg::BackHome => ("Retour à l'accueil", "Back to the home page"),
            Msg::Loading => ("Chargement…", "Loading…"),
            Msg::LoadError => (
                "Impossible de charger cette page. Réessayez.",
                "This page could not be loaded. Try again.",
            ),
            Msg::FooterAbout => ("À propos de Halles", "About Halles"),
            Msg::FooterSellers => ("Vendre sur Halles", "Sell on Halles"),
            Msg::FooterHelp => ("Aide", "Help"),
            Msg::FooterRights => (
                "Halles, place de marché open source.",
                "Halles, an open-source marketplace.",
            ),
            Msg::ShopStatusPending => ("en attente de validation", "awaiting approval"),
            Msg::ShopStatusApproved => ("validée", "approved"),
            Msg::ShopStatusRejected => ("refusée", "rejected"),
            Msg::ShopStatusSuspended => ("suspendue", "suspended"),
            Msg::ActiveFilters => ("Filtres appliqués", "Active filters"),
            Msg::AddFilter => ("Ajouter ce filtre", "Add this filter"),
            Msg::Apply => ("Appliquer", "Apply"),
            Msg::BadCondition => (
                "Cet état n'existe pas. Choisissez neuf, comme neuf, très bon, bon ou correct.",
                "This condition does not exist. Choose new, like new, very good, good or acceptable.",
            ),
            Msg::BadPage => (
                "Ce numéro de page n'est pas valide.",
                "This page number is not valid.",
            ),
            Msg::BadParameter => (
                "Un des paramètres de la recherche n'est pas valide.",
                "One of the search parameters is not valid.",
            ),
            Msg::BadPostcode => (
                "Le code postal doit faire 5 chiffres, par exemple 75001.",
                "The postcode must have 5 digits, for example 75001.",
            ),
            Msg::BadPrice => (
                "Le prix doit être un nombre entier de centimes, par exemple 2000 pour 20 €.",
                "The price must be a whole number of cents, for example 2000 for €20.",
            ),
            Msg::BadQuery => (
                "La recherche est trop longue (200 caractères au plus).",
                "The search is too long (200 characters at most).",
            ),
            Msg::BadSort => (
                "Ce tri n'existe pas. Choisissez pertinence, prix croissant, prix décroissant ou nouveautés.",
                "This order does not exist. Choose relevance, lowest price, highest price or newest.",
            ),
            Msg::BestOffer => ("Meilleure offre", "Best offer"),
            Msg::Brand => ("Marque", "Brand"),
            Msg::Breadcrumb => ("Fil d'Ariane", "Breadcrumb"),
            Msg::CatalogUnavailable => (
                "Le catalogue est momentanément indisponible. Réessayez dans un instant.",
                "The catalog is unavailable for a moment. Try again shortly.",
            ),
            Msg::Category => ("Catégorie", "Category"),
            Msg::CategoryDescription => (
                "{name} : comparez les offres des commerçants de Halles, livrées ou à retirer en magasin.",
                "{name}: compare offers from Halles merchants, delivered or collected in store.",
            ),
            Msg::ClearFilters => ("Tout effacer", "Clear all"),
            Msg::ClearFiltersHelp => (
                "Retirez les filtres pour voir tous les résultats.",
                "Remove the filters to see every result.",
            ),
            Msg::CompareOffersMany => ("Comparer les {n} offres", "Compare the {n} offers"),
            Msg::CompareOffersOne => ("Voir l'offre", "See the offer"),
            Msg::ConditionAcceptable => ("État correct", "Acceptable"),
            Msg::ConditionGood => ("Bon état", "Good"),
            Msg::ConditionLikeNew => ("Comme neuf", "Like new"),
            Msg::ConditionNew => ("Neuf", "New"),
            Msg::ConditionVeryGood => ("Très bon état", "Very good"),
            Msg::DaysMany => ("{n}\u{a0}j", "{n} days"),
            Msg::DaysOne => ("{n}\u{a0}j", "{n} day"),
            Msg::Delivery => ("Livraison", "Delivery"),
            Msg::DeliveryFree => ("Livraison gratuite", "Free delivery"),
            Msg::DeliveryIncluded => ("livraison comprise", "delivery included"),
            Msg::Description => ("Description", "Description"),
            Msg::EShop => ("E-boutique", "E-shop"),
            Msg::FacetCategories => ("Catégories", "Categories"),
            Msg::FacetConditions => ("État", "Condition"),
            Msg::FacetPickup => ("Retrait en magasin", "Click & collect"),
            Msg::FacetPrices => ("Prix", "Price"),
            Msg::FacetShops => ("Boutiques", "Shops"),
            Msg::Filters => ("Filtres", "Filters"),
            Msg::FirstPage => ("Revenir à la première page", "Back to the first page"),
            Msg::FreeShippingFrom => ("Offerte dès", "Free from"),
            Msg::FromPrice => ("À partir de", "From"),
            Msg::Gtin => ("EAN", "EAN"),
            Msg::HelpBroader => (
                "Essayez un mot plus général, ou un code EAN.",
                "Try a more general word, or an EAN code.",
            ),
            Msg::HelpSpelling => (
                "Vérifiez l'orthographe des mots.",
                "Check the spelling of the words.",
            ),
            Msg::Home => ("Accueil", "Home"),
            Msg::HomeCategories => ("Parcourir les rayons", "Browse the aisles"),
            Msg::HomeRecentlyViewed => ("Vus récemment", "Recently viewed"),
            Msg::HomeFeatured => ("Nouvelles offres", "New offers"),
            Msg::HomeShops => ("Boutiques à découvrir", "Shops to discover"),
            Msg::InStock => ("En stock", "In stock"),
            Msg::MovedHere => (
                "Cette page a changé d'adresse : suivez ce lien.",
                "This page has moved: follow this link.",
            ),
            Msg::NextPage => ("Suivant", "Next"),
            Msg::NoOffers => (
                "Aucun vendeur ne propose ce produit pour le moment.",
                "No seller offers this product at the moment.",
            ),
            Msg::NoOffersInShop => (
                "Cette boutique n'a pas d'offre en ce moment.",
                "This shop has no offers at the moment.",
            ),
            Msg::NoOffersYet => (
                "Les premières offres arrivent bientôt.",
                "The first offers are coming soon.",
            ),
            Msg::NoReviewsYet => ("Pas encore d'avis", "No reviews yet"),
            Msg::NoShopsYet => (
                "Les premières boutiques ouvrent bientôt.",
                "The first shops open soon.",
            ),
            Msg::NothingHere => (
                "Aucun produit ne correspond à ces filtres.",
                "No product matches these filters.",
            ),
            Msg::OfferCountMany => ("{n} offres", "{n} offers"),
            Msg::OfferCountOne => ("{n} offre", "{n} offer"),
            Msg::OffersTitle => ("Les offres des vendeurs", "Sellers' offers"),
            Msg::OnlineOnly => (
                "Cette boutique vend en ligne uniquement.",
                "This shop sells online only.",
            ),
            Msg::OpeningHours => ("Horaires", "Opening hours"),
            Msg::OurStores => ("Magasins", "Stores"),
            Msg::PageLabel => ("Page", "Page"),
            Msg::PagePastTheEnd => (
                "Cette page de résultats n'existe pas.",
                "This page of results does not exist.",
            ),
            Msg::Pages => ("Pages de résultats", "Result pages"),
            Msg::PickupBadge => ("Retrait en magasin", "Click & collect"),
            Msg::PickupInStoresMany => (
                "Retrait gratuit dans {n} magasins\u{a0}: ",
                "Free pickup in {n} stores: ",
            ),
            Msg::PickupInStoresOne => (
                "Retrait gratuit dans {n} magasin\u{a0}: ",
                "Free pickup in {n} store: ",
            ),
            Msg::PickupPostcodeLabel => ("Près de chez moi (code postal)", "Near me (postcode)"),
            Msg::PreviousPage => ("Précédent", "Previous"),
            Msg::PriceAndMore => ("et plus", "and more"),
            Msg::PriceTo => ("à", "to"),
            Msg::PriceUnder => ("Moins de", "Under"),
            Msg::ProductCountMany => ("{n} produits", "{n} products"),
            Msg::ProductCountOne => ("{n} produit", "{n} product"),
            Msg::RatingOutOfFive => ("Note sur 5 :", "Rating out of 5:"),
            Msg::ReadyIn => ("prêt en", "ready in"),
            Msg::ReadyNow => ("prêt tout de suite", "ready now"),
            Msg::RemoveFilter => ("Retirer ce filtre", "Remove this filter"),
            Msg::ResetSearch => ("Recommencer la recherche", "Start the search again"),
            Msg::Results => ("Résultats", "Results"),
            Msg::ReturnPolicyDefault => (
                "Retours sous 14 jours, selon la loi.",
                "Returns within 14 days, as the law provides.",
            ),
            Msg::Returns => ("Retours", "Returns"),
            Msg::ReviewCountMany => ("{n} avis", "{n} reviews"),
            Msg::ReviewCountOne => ("{n} avis", "{n} review"),
            Msg::SearchAllTitle => ("Tout le catalogue", "The whole catalog"),
            Msg::SearchDescription => (
                "Cherchez parmi les offres des commerçants de Halles et comparez prix, livraison et retrait en magasin.",
                "Search the offers of Halles merchants and compare prices, delivery and click & collect.",
            ),
            Msg::SearchThisShop => ("Chercher dans cette boutique", "Search this shop"),
            Msg::SeeAll => ("Tout voir", "See all"),
            Msg::SeeAllOffers => ("Voir toutes les offres", "See every offer"),
            Msg::Shipping => ("Livraison", "Delivery"),
            Msg::ShippingFlat => ("par commande", "per order"),
            Msg::ShopOffersTitle => ("Les offres de la boutique", "The shop's offers"),
            Msg::ShopPolicies => ("Conditions de la boutique", "Shop policies"),
            Msg::SoldBy => ("Vendu par", "Sold by"),
            Msg::SoldOut => ("Épuisé", "Sold out"),
            Msg::SortBy => ("Trier par", "Sort by"),
            Msg::SortNewest => ("Nouveautés", "Newest"),
            Msg::SortPriceAsc => ("Prix croissant", "Lowest price"),
            Msg::SortPriceDesc => ("Prix décroissant", "Highest price"),
            Msg::SortRelevance => ("Pertinence", "Relevance"),
            Msg::StockLowMany => ("Plus que {n} en stock", "Only {n} left"),
            Msg::StockLowOne => ("Dernier exemplaire en stock", "Only {n} left"),
            Msg::Total => ("Total", "Total"),
        }
    }

    /// The message for an error code sent back by a form handler.
    pub fn for_error_code(code: &str) -> Msg {
        match code {
            "invalid_credentials" => Msg::ErrorInvalidCredentials,
            "too_many_attempts" => Msg::ErrorThrottled,
            "email_taken" => Msg::ErrorEmailTaken,
            "email_empty" | "email_invalid" | "email_too_long" => Msg::ErrorEmailInvalid,
            "password_too_short" => Msg::ErrorPasswordTooShort,
            "password_too_long" => Msg::ErrorPasswordTooLong,
            "name_empty" | "name_too_long" | "name_invalid" => Msg::ErrorNameInvalid,
            "csrf_failed" => Msg::ErrorCsrf,
            _ => Msg::ErrorGeneric,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Locale, Msg};

    #[test]
    fn language_tags_are_read_leniently() {
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("FR"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("de"), None);
    }

    #[test]
    fn french_is_the_default_and_both_languages_differ() {
        assert_eq!(Locale::default(), Locale::Fr);
        assert_ne!(Locale::Fr.t(Msg::LogIn), Locale::En.t(Msg::LogIn));
    }

    #[test]
    fn unknown_error_codes_fall_back_to_a_generic_message() {
        assert_eq!(Msg::for_error_code("whatever"), Msg::ErrorGeneric);
        assert_eq!(Msg::for_error_code("email_taken"), Msg::ErrorEmailTaken);
    }
}
