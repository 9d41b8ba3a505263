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
