//! The texts of reporting an offer from the product page, French then English, and the
//! reasons a shopper picks from.

use super::Msg;

/// A message of the report form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportMsg {
    Link,
    LinkLogInFirst,
    KindLabel,
    KindPlaceholder,
    KindCounterfeit,
    KindMisleading,
    KindProhibited,
    KindOther,
    DetailsLabel,
    DetailsHint,
    Submit,
    Sent,
    AlreadyReported,
    ErrReasonRequired,
    ErrTooLong,
    ErrOfferGone,
}

/// The reasons in the form's select, by the code the form sends.
pub const REPORT_KINDS: [(&str, ReportMsg); 4] = [
    ("counterfeit", ReportMsg::KindCounterfeit),
    ("misleading", ReportMsg::KindMisleading),
    ("prohibited", ReportMsg::KindProhibited),
    ("other", ReportMsg::KindOther),
];

impl From<ReportMsg> for Msg {
    fn from(msg: ReportMsg) -> Self {
        Msg::Report(msg)
    }
}

impl ReportMsg {
    /// The reason picked in the form, from its code.
    pub fn for_kind(code: &str) -> Option<ReportMsg> {
        REPORT_KINDS
            .iter()
            .find(|(kind, _)| *kind == code)
            .map(|(_, msg)| *msg)
    }

    /// The message for an error code the report form comes back with.
    pub fn for_error(code: &str) -> Option<ReportMsg> {
        Some(match code {
            "already_reported" => ReportMsg::AlreadyReported,
            "reason_required" => ReportMsg::ErrReasonRequired,
            "too_long" => ReportMsg::ErrTooLong,
            "not_found" => ReportMsg::ErrOfferGone,
            _ => return None,
        })
    }

    /// (French, English).
    pub(super) fn texts(self) -> (&'static str, &'static str) {
        match self {
            ReportMsg::Link => ("Signaler cette offre", "Report this offer"),
            ReportMsg::LinkLogInFirst => (
                "Signaler cette offre (connexion requise)",
                "Report this offer (log in first)",
            ),
            ReportMsg::KindLabel => ("Motif", "Reason"),
            ReportMsg::KindPlaceholder => ("Choisissez un motif", "Choose a reason"),
            ReportMsg::KindCounterfeit => ("Contrefaçon", "Counterfeit"),
            ReportMsg::KindMisleading => ("Description trompeuse", "Misleading description"),
            ReportMsg::KindProhibited => ("Produit interdit", "Prohibited item"),
            ReportMsg::KindOther => ("Autre", "Other"),
            ReportMsg::DetailsLabel => ("Précisions", "Details"),
            ReportMsg::DetailsHint => (
                "Ce que vous avez constaté. Seule notre équipe le lit.",
                "What you noticed. Only our team reads it.",
            ),
            ReportMsg::Submit => ("Envoyer le signalement", "Send the report"),
            ReportMsg::Sent => (
                "Merci, notre équipe va examiner cette offre.",
                "Thanks, our team will review this offer.",
            ),
            ReportMsg::AlreadyReported => (
                "Vous avez déjà signalé cette offre : notre équipe va l'examiner.",
                "You already reported this offer: our team will review it.",
            ),
            ReportMsg::ErrReasonRequired => (
                "Choisissez un motif ou décrivez le problème.",
                "Choose a reason or describe the problem.",
            ),
            ReportMsg::ErrTooLong => (
                "Votre signalement est trop long : 500 caractères au plus.",
                "Your report is too long: 500 characters at most.",
            ),
            ReportMsg::ErrOfferGone => (
                "Cette offre n'est plus en vente.",
                "This offer is no longer on sale.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{REPORT_KINDS, ReportMsg};

    #[test]
    fn every_reason_code_reads_back() {
        for (code, msg) in REPORT_KINDS {
            assert_eq!(ReportMsg::for_kind(code), Some(msg));
        }
        assert_eq!(ReportMsg::for_kind("nonsense"), None);
    }
}
