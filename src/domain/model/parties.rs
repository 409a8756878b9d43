//! Who takes part: entrepreneurs and other organisations, the municipality's
//! people and departments, and the policy (haakjes) they can point to.

use super::{Cents, Id, Stamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------- organisations

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// An impact or social entrepreneur.
    Entrepreneur,
    /// A firm with an SROI obligation buying on the Kennemer Inkoop Platform.
    Buyer,
    /// A partner such as Stichting Stadsgarage.
    Partner,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: Id,
    pub number: String,
    pub name: String,
    pub kind: OrgKind,
    #[serde(default)]
    pub description: String,
    /// Products and services an entrepreneur offers (for SROI matching).
    #[serde(default)]
    pub products: Vec<String>,
    /// For buyers: the SROI obligation still to be filled, in cents.
    #[serde(default)]
    pub sroi_obligation: Option<Cents>,
    /// Share of employees from the target group, in percent.
    #[serde(default)]
    pub target_group_percent: Option<u8>,
    #[serde(default)]
    pub contact_person: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Chamber of Commerce (KvK) number: eight digits, or empty.
    #[serde(default)]
    pub kvk: String,
    pub stamp: Stamp,
}

// --------------------------------------------------------------------- contacts

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Aanjager,
    KernteamLiaison,
    BudgetHolder,
    ProcurementAdviser,
    Lawyer,
    SroiCoordinator,
    EscalationContact,
}

/// A person inside the municipality (an aanjager or a colleague).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Id,
    pub number: String,
    pub name: String,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub department: Option<Id>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub stamp: Stamp,
}

// ------------------------------------------------------------------ departments

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyword {
    pub text: String,
    /// A primary owner comes before a secondary one in the owner lookup.
    pub primary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: Id,
    pub number: String,
    pub name: String,
    #[serde(default)]
    pub keywords: Vec<Keyword>,
    /// Kernteam liaisons (contacts), the first is the default.
    #[serde(default)]
    pub liaisons: Vec<Id>,
    #[serde(default)]
    pub escalation_contact: Option<Id>,
    pub stamp: Stamp,
}

// ----------------------------------------------------------------- policy hooks

/// A haakje: adopted policy that justifies helping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyHook {
    pub id: Id,
    pub number: String,
    pub title: String,
    /// Who adopted it and when, as written ("2022, raad").
    #[serde(default)]
    pub adopted: String,
    /// Official reference such as `CVDR662947`.
    #[serde(default)]
    pub reference: String,
    /// Last day the policy applies; `None` = no end date.
    #[serde(default, with = "super::days::opt_date")]
    pub valid_to: Option<NaiveDate>,
    pub stamp: Stamp,
}
