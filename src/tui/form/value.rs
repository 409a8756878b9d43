//! What a choice field's options stand for ([`Value`]), and reading a
//! chosen option back as its type ([`Chosen`]).

use super::LiaisonRole;
use crate::domain::{
    ActionLine, CaseStatus, CertificationAim, ContractType, Counterpart, ExceptionKind, Id,
    LocatorKind, MilestoneKind, Stage, TrackOutcome,
};

/// What one option of a choice field stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// No record: "—", or "a new organisation".
    Nothing,
    Id(Id),
    /// A text that names its thing, such as a department's keyword.
    Text(String),
    Yes(bool),
    Counterpart(Counterpart),
    Stage(Stage),
    LocatorKind(LocatorKind),
    ActionLine(ActionLine),
    CaseStatus(CaseStatus),
    ExceptionKind(ExceptionKind),
    ContractType(ContractType),
    Milestone(MilestoneKind),
    Aim(CertificationAim),
    Outcome(TrackOutcome),
    LiaisonRole(LiaisonRole),
}

/// A type a choice field's options can carry, read back with [`Form::chosen`].
pub trait Chosen: Sized {
    fn from_value(v: &Value) -> Option<Self>;
}

macro_rules! chosen {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::$variant(v)
            }
        }
        impl Chosen for $t {
            fn from_value(v: &Value) -> Option<Self> {
                match v {
                    Value::$variant(x) => Some(x.clone()),
                    _ => None,
                }
            }
        }
    )*};
}

chosen! {
    Id => Id,
    String => Text,
    bool => Yes,
    Counterpart => Counterpart,
    Stage => Stage,
    LocatorKind => LocatorKind,
    ActionLine => ActionLine,
    CaseStatus => CaseStatus,
    ExceptionKind => ExceptionKind,
    ContractType => ContractType,
    MilestoneKind => Milestone,
    CertificationAim => Aim,
    TrackOutcome => Outcome,
    LiaisonRole => LiaisonRole,
}

/// A record, or none ("—", "new").
impl Chosen for Option<Id> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Nothing => Some(None),
            Value::Id(id) => Some(Some(*id)),
            _ => None,
        }
    }
}

impl From<Option<Id>> for Value {
    fn from(v: Option<Id>) -> Value {
        v.map_or(Value::Nothing, Value::Id)
    }
}
