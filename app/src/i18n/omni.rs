//! The texts of what follows a shopper across devices (the wishlist, "seen on your
//! phone", recommendations) and of handing the cart to a store's till, French then
//! English. Placeholders in braces are filled by the page.

use super::Msg;

/// A message of the omnichannel parts of the storefront.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OmniMsg {
    TillTitle,
    TillIntro,
    TillGetCode,
    TillNewCode,
    TillValidity,
    TillQrAlt,
    TillSignIn,
    WishlistTitle,
    WishlistAdd,
    WishlistRemove,
    WishlistSaved,
    WishlistEmpty,
    WishlistEmptyHint,
    WishlistNotOnSale,
    WishlistCountOne,
    WishlistCountMany,
    WishlistSignIn,
    SeenOnPhone,
    Recommended,
}

impl From<OmniMsg> for Msg {
    fn from(msg: OmniMsg) -> Self {
        Msg::Omni(msg)
    }
}

impl OmniMsg {
    /// (French, English).
    pub(super) fn texts(self) -> (&'static str, &'static str) {
        match self {
            OmniMsg::TillTitle => ("Finir vos achats en magasin", "Finish in a store"),
            OmniMsg::TillIntro => (
                "Montrez ce code à la caisse d'une boutique de votre panier : le vendeur retrouve vos articles, vous payez sur place et votre cashback est compté comme en ligne.",
                "Show this code at the till of a shop in your cart: the seller finds your items, you pay there, and your cashback counts as it does online.",
            ),
            OmniMsg::TillGetCode => ("Obtenir un code pour la caisse", "Get a code for the till"),
            OmniMsg::TillNewCode => ("Nouveau code", "New code"),
            OmniMsg::TillValidity => (
                "Valable 15 minutes, pour un passage en caisse par boutique.",
                "Valid for 15 minutes, for one sale per shop.",
            ),
            OmniMsg::TillQrAlt => ("QR code du code {code}", "QR code of the code {code}"),
            OmniMsg::TillSignIn => (
                "Connectez-vous pour retrouver ce panier à la caisse d'un magasin.",
                "Sign in to take this cart to a store's till.",
            ),
            OmniMsg::WishlistTitle => ("Mes envies", "My wishlist"),
            OmniMsg::WishlistAdd => ("Ajouter à mes envies", "Add to my wishlist"),
            OmniMsg::WishlistRemove => ("Retirer de mes envies", "Remove from my wishlist"),
            OmniMsg::WishlistSaved => ("Dans vos envies", "On your wishlist"),
            OmniMsg::WishlistEmpty => ("Votre liste d'envies est vide.", "Your wishlist is empty."),
            OmniMsg::WishlistEmptyHint => (
                "Ajoutez des produits depuis leur page : la liste vous suit sur le site, dans l'application et en magasin.",
                "Add products from their page: the list follows you on the website, in the app and in store.",
            ),
            OmniMsg::WishlistNotOnSale => ("Plus en vente pour le moment", "Not on sale right now"),
            OmniMsg::WishlistCountOne => ("1 produit", "1 product"),
            OmniMsg::WishlistCountMany => ("{n} produits", "{n} products"),
            OmniMsg::WishlistSignIn => (
                "Connectez-vous pour garder vos envies sur tous vos appareils.",
                "Sign in to keep your wishlist on every device.",
            ),
            OmniMsg::SeenOnPhone => ("Vu sur votre téléphone", "Seen on your phone"),
            OmniMsg::Recommended => ("Pour vous", "Picked for you"),
        }
    }
}
