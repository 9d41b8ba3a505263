//! The texts of click & collect near the shopper (the product page's "Retrait en magasin"
//! block, and the stores suggested when one is out of stock at checkout) and of a pickup
//! part on the order page (preparing, then waiting in store with its code), French then
//! English. Placeholders in braces (`{postcode}`) are filled by the page.

use super::Msg;

/// A message of the pickup block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickupMsg {
    Title,
    IntroOne,
    IntroMany,
    NoStoreHasIt,
    PostcodeLabel,
    Find,
    UseLocation,
    Locating,
    NearPostcode,
    NearYou,
    NoneNearPostcode,
    NoneNearYou,
    BadPostcode,
    BadLocation,
    Away,
    LeftOne,
    LeftMany,
    SuggestedStores,
    // A pickup part on the shopper's order page.
    Preparing,
    PreparingIn,
    PreparingNow,
    WaitingForYou,
    HeldUntil,
    ShowAtTill,
    QrAlt,
    OpeningHours,
}

impl From<PickupMsg> for Msg {
    fn from(msg: PickupMsg) -> Self {
        Msg::Pickup(msg)
    }
}

impl PickupMsg {
    /// (French, English).
    pub(super) fn texts(self) -> (&'static str, &'static str) {
        match self {
            PickupMsg::Title => ("Retrait en magasin", "Pick up in store"),
            PickupMsg::IntroOne => (
                "En stock maintenant dans 1 magasin. Indiquez votre code postal pour voir à quelle distance.",
                "In stock now in 1 store. Enter your postcode to see how far it is.",
            ),
            PickupMsg::IntroMany => (
                "En stock maintenant dans {n} magasins. Indiquez votre code postal pour voir les plus proches.",
                "In stock now in {n} stores. Enter your postcode to see the nearest.",
            ),
            PickupMsg::NoStoreHasIt => (
                "Aucun magasin ne l'a en stock en ce moment : la livraison est possible.",
                "No store has it in stock right now: delivery is available.",
            ),
            PickupMsg::PostcodeLabel => ("Votre code postal", "Your postcode"),
            PickupMsg::Find => ("Voir les magasins", "Find stores"),
            PickupMsg::UseLocation => ("Utiliser ma position", "Use my location"),
            PickupMsg::Locating => ("Localisation…", "Locating…"),
            PickupMsg::NearPostcode => (
                "Les magasins les plus proches de {postcode}",
                "The nearest stores to {postcode}",
            ),
            PickupMsg::NearYou => (
                "Les magasins les plus proches de vous",
                "The nearest stores to you",
            ),
            PickupMsg::NoneNearPostcode => (
                "Aucun magasin près de {postcode} ne l'a en ce moment — la livraison est possible.",
                "No store near {postcode} has it now — delivery is available.",
            ),
            PickupMsg::NoneNearYou => (
                "Aucun magasin près de vous ne l'a en ce moment — la livraison est possible.",
                "No store near you has it now — delivery is available.",
            ),
            PickupMsg::BadPostcode => (
                "« {postcode} » n'est pas un code postal français : 5 chiffres, par exemple 75011.",
                "“{postcode}” is not a French postcode: 5 digits, for example 75011.",
            ),
            PickupMsg::BadLocation => (
                "Votre position n'a pas pu être lue. Indiquez plutôt votre code postal.",
                "Your location could not be read. Enter your postcode instead.",
            ),
            PickupMsg::Away => ("à {distance}", "{distance} away"),
            PickupMsg::LeftOne => ("1 en stock", "1 in stock"),
            PickupMsg::LeftMany => ("{n} en stock", "{n} in stock"),
            PickupMsg::SuggestedStores => (
                "Ces magasins l'ont en quantité suffisante : {stores}.",
                "These stores have enough of it: {stores}.",
            ),
            PickupMsg::Preparing => ("En préparation", "Preparing"),
            PickupMsg::PreparingIn => (
                "{store} prépare d'habitude une commande en {duration}. Nous vous écrivons dès qu'elle est prête.",
                "{store} usually has an order ready within {duration}. We will write to you as soon as it is.",
            ),
            PickupMsg::PreparingNow => (
                "{store} prépare votre commande. Nous vous écrivons dès qu'elle est prête.",
                "{store} is preparing your order. We will write to you as soon as it is ready.",
            ),
            PickupMsg::WaitingForYou => (
                "Votre commande vous attend",
                "Your order is waiting for you",
            ),
            PickupMsg::HeldUntil => ("Gardée jusqu'au {date}", "Held until {date}"),
            PickupMsg::ShowAtTill => (
                "Présentez ce code ou ce QR code en caisse.",
                "Show this code or this QR code at the till.",
            ),
            PickupMsg::QrAlt => (
                "QR code du code de retrait {code}",
                "QR code of the pickup code {code}",
            ),
            PickupMsg::OpeningHours => ("Horaires", "Opening hours"),
        }
    }
}
