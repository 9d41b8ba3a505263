//! The texts of the cashback wallet (`/wallet`, and the links to it), French then
//! English. Placeholders in braces (`{amount}`) are filled by the page.

use super::Msg;

/// A message of the wallet page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalletMsg {
    Title,
    Intro,
    AccountLink,
    Available,
    AvailableHint,
    Pending,
    PendingHint,
    EmptyTitle,
    EmptyText,
    EmptySpend,
    PendingTitle,
    NoPending,
    ColOrder,
    ColShop,
    ColAmount,
    ColAvailableOn,
    AfterReturnWindow,
    BoostPart,
    ExpiriesTitle,
    ExpiriesHint,
    ColExpiresOn,
    ColLeft,
    ColFrom,
    Credit,
    HistoryTitle,
    NoHistory,
    ColDate,
    ColOperation,
    ColBalance,
    BalanceAvailable,
    BalancePending,
    SeeOrder,
    KindEarned,
    KindBoost,
    KindMatured,
    KindHold,
    KindUnheld,
    KindRefund,
    KindReversed,
    KindBoostReversed,
    KindExpired,
    KindOther,
}

impl From<WalletMsg> for Msg {
    fn from(msg: WalletMsg) -> Self {
        Msg::Wallet(msg)
    }
}

impl WalletMsg {
    /// (French, English).
    pub(super) fn texts(self) -> (&'static str, &'static str) {
        match self {
            WalletMsg::Title => ("Ma cagnotte cashback", "My cashback wallet"),
            WalletMsg::Intro => (
                "Le cashback gagné sur vos achats, à dépenser chez n'importe quel vendeur de Halles.",
                "The cashback earned on your purchases, to spend with any seller on Halles.",
            ),
            WalletMsg::AccountLink => ("Ma cagnotte", "My wallet"),
            WalletMsg::Available => ("Disponible", "Available"),
            WalletMsg::AvailableHint => (
                "À utiliser lors d'une prochaine commande.",
                "Yours to use on a next order.",
            ),
            WalletMsg::Pending => ("En attente", "Pending"),
            WalletMsg::PendingHint => (
                "Devient disponible une fois la commande reçue et le délai de retour passé.",
                "Becomes available once the order is received and the return window has passed.",
            ),
            WalletMsg::EmptyTitle => ("Votre cagnotte est vide.", "Your wallet is empty."),
            WalletMsg::EmptyText => (
                "Chaque commande payée vous rapporte du cashback : une part du prix des articles, \
                 en attente dès le paiement, puis disponible une fois la commande reçue et le \
                 délai de retour passé. Vous le dépensez ensuite chez n'importe quel vendeur.",
                "Every paid order earns you cashback: a share of the items' price, pending from \
                 the payment, then available once the order is received and the return window \
                 has passed. You then spend it with any seller.",
            ),
            WalletMsg::EmptySpend => ("Découvrir les boutiques", "Explore the shops"),
            WalletMsg::PendingTitle => ("Cashback en attente", "Pending cashback"),
            WalletMsg::NoPending => ("Aucun cashback en attente.", "No cashback pending."),
            WalletMsg::ColOrder => ("Commande", "Order"),
            WalletMsg::ColShop => ("Boutique", "Shop"),
            WalletMsg::ColAmount => ("Montant", "Amount"),
            WalletMsg::ColAvailableOn => ("Disponible le", "Available on"),
            WalletMsg::AfterReturnWindow => (
                "après réception et délai de retour",
                "after delivery and the return window",
            ),
            WalletMsg::BoostPart => (
                "dont {amount} offerts par la boutique",
                "including {amount} from the shop",
            ),
            WalletMsg::ExpiriesTitle => ("Prochaines expirations", "Upcoming expiries"),
            WalletMsg::ExpiriesHint => (
                "Le cashback non utilisé expire à ces dates ; le plus ancien est dépensé en premier.",
                "Unused cashback expires on these dates; the oldest is spent first.",
            ),
            WalletMsg::ColExpiresOn => ("Expire le", "Expires on"),
            WalletMsg::ColLeft => ("Restant", "Left"),
            WalletMsg::ColFrom => ("Origine", "From"),
            WalletMsg::Credit => ("Avoir", "Credit"),
            WalletMsg::HistoryTitle => ("Historique", "History"),
            WalletMsg::NoHistory => ("Aucun mouvement pour l'instant.", "No movements yet."),
            WalletMsg::ColDate => ("Date", "Date"),
            WalletMsg::ColOperation => ("Opération", "Operation"),
            WalletMsg::ColBalance => ("Solde", "Balance"),
            WalletMsg::BalanceAvailable => ("disponible", "available"),
            WalletMsg::BalancePending => ("en attente", "pending"),
            WalletMsg::SeeOrder => ("Voir la commande", "See the order"),
            WalletMsg::KindEarned => ("Cashback gagné", "Cashback earned"),
            WalletMsg::KindBoost => ("Bonus de la boutique", "Shop bonus"),
            WalletMsg::KindMatured => ("Cashback débloqué", "Cashback released"),
            WalletMsg::KindHold => ("Utilisé pour une commande", "Used on an order"),
            WalletMsg::KindUnheld => ("Rendu : commande non payée", "Given back: order not paid"),
            WalletMsg::KindRefund => ("Remboursement en cashback", "Refund as cashback"),
            WalletMsg::KindReversed => (
                "Annulé : retour ou remboursement",
                "Cancelled: return or refund",
            ),
            WalletMsg::KindBoostReversed => ("Bonus annulé", "Bonus cancelled"),
            WalletMsg::KindExpired => ("Expiré", "Expired"),
            WalletMsg::KindOther => ("Mouvement", "Movement"),
        }
    }
}
