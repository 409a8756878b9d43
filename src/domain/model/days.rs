//! Dates and times in serde: as text (ISO 8601, chrono's own form) in a
//! human-readable format, so the JSON the store keeps and exports is as it
//! always was; as numbers in a compact one (postcard, between the store
//! server and its clients), where parsing 100,000 dates as text was a tenth
//! of a dashboard's first frame. A field opts in with
//! `#[serde(with = "days::date")]` (or `opt_date`, `vec_date`, `time`).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

fn to_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn from_days<E: serde::de::Error>(n: i32) -> Result<NaiveDate, E> {
    NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| E::custom("date out of range"))
}

/// A `NaiveDate`: text, or its day number (days from 1 January of year 1).
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        match s.is_human_readable() {
            true => d.serialize(s),
            false => s.serialize_i32(to_days(*d)),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        match d.is_human_readable() {
            true => NaiveDate::deserialize(d),
            false => from_days(i32::deserialize(d)?),
        }
    }
}

/// An `Option<NaiveDate>`, each date as in [`date`].
pub mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match s.is_human_readable() {
            true => d.serialize(s),
            false => d.map(to_days).serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match d.is_human_readable() {
            true => Option::<NaiveDate>::deserialize(d),
            false => Option::<i32>::deserialize(d)?.map(from_days).transpose(),
        }
    }
}

/// A `Vec<NaiveDate>`, each date as in [`date`].
pub mod vec_date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        match s.is_human_readable() {
            true => d.serialize(s),
            false => s.collect_seq(d.iter().map(|d| to_days(*d))),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        match d.is_human_readable() {
            true => Vec::<NaiveDate>::deserialize(d),
            false => Vec::<i32>::deserialize(d)?
                .into_iter()
                .map(from_days)
                .collect(),
        }
    }
}

/// A `NaiveDateTime`: text, or seconds since 1970 and the nanoseconds.
pub mod time {
    use super::*;

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        match s.is_human_readable() {
            true => t.serialize(s),
            false => {
                let utc = t.and_utc();
                (utc.timestamp(), utc.timestamp_subsec_nanos()).serialize(s)
            }
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        match d.is_human_readable() {
            true => NaiveDateTime::deserialize(d),
            false => {
                let (secs, nanos) = <(i64, u32)>::deserialize(d)?;
                DateTime::from_timestamp(secs, nanos)
                    .map(|t| t.naive_utc())
                    .ok_or_else(|| D::Error::custom("time out of range"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct All {
        #[serde(with = "date")]
        d: NaiveDate,
        #[serde(with = "opt_date")]
        o: Option<NaiveDate>,
        #[serde(with = "opt_date")]
        n: Option<NaiveDate>,
        #[serde(with = "vec_date")]
        v: Vec<NaiveDate>,
        #[serde(with = "time")]
        t: NaiveDateTime,
    }

    fn sample() -> All {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        All {
            d,
            o: Some(NaiveDate::from_ymd_opt(1, 1, 1).unwrap()),
            n: None,
            v: vec![d, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()],
            t: d.and_hms_nano_opt(9, 15, 2, 123_456_789).unwrap(),
        }
    }

    #[test]
    fn json_keeps_chronos_text() {
        let json = serde_json::to_string(&sample()).unwrap();
        assert_eq!(
            json,
            r#"{"d":"2026-11-27","o":"0001-01-01","n":null,"v":["2026-11-27","2024-02-29"],"t":"2026-11-27T09:15:02.123456789"}"#
        );
        assert_eq!(serde_json::from_str::<All>(&json).unwrap(), sample());
    }

    #[test]
    fn postcard_has_numbers_and_round_trips() {
        let bytes = postcard::to_stdvec(&sample()).unwrap();
        assert!(!bytes.windows(4).any(|w| w == b"2026"), "{bytes:?}");
        assert_eq!(postcard::from_bytes::<All>(&bytes).unwrap(), sample());
    }
}
