//! Every visible string of the storefront, in French (the default) and English, in one
//! table (`texts.rs` holds the words; this module the types). A string missing a language
//! does not compile.

use serde::{Deserialize, Serialize};

mod buying;
mod omni;
mod pickup;
mod report;
mod texts;
mod wallet;

pub use buying::BuyMsg;
pub use omni::OmniMsg;
pub use pickup::PickupMsg;
pub use report::{REPORT_KINDS, ReportMsg};
pub use wallet::WalletMsg;

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
    pub fn t(self, msg: impl Into<Msg>) -> &'static str {
        let (fr, en) = msg.into().texts();
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
    PickupRadiusLabel,
    PickupNearestStore,
    HelpWiderPickup,
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
    /// The buying pages' messages (cart, checkout, payment, orders).
    Buy(BuyMsg),
    /// The cashback wallet's messages.
    Wallet(WalletMsg),
    /// Click & collect near the shopper.
    Pickup(PickupMsg),
    /// Reporting an offer from the product page.
    Report(ReportMsg),
    /// The wishlist, "seen on your phone", recommendations and the till hand-off.
    Omni(OmniMsg),
}

impl Msg {
    /// The message for an error code sent back by a form handler.
    pub fn for_error_code(code: &str) -> Msg {
        Msg::for_error(code, None)
    }

    /// The message for an error code and the field it blames (address errors share a
    /// code and differ by field).
    pub fn for_error(code: &str, field: Option<&str>) -> Msg {
        if let Some(msg) = BuyMsg::for_error(code, field) {
            return Msg::Buy(msg);
        }
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
