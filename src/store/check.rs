//! `mandaat check`: the integrity rules over the loaded data, and the three
//! indexes checked both ways against the records.

use super::{
    Head, NOTE_INDEX, NUMBERS, PLATE_INDEX, Store, StoreError, notes, plates, slot, tree_name,
};
use crate::domain::integrity::{self, Problem, ProblemKind, canonical_number};
use crate::domain::{Dataset, Id, Kind, NoteHead, Number};

impl Store {
    /// [`integrity::validate_settings`] of the saved settings (if any) and
    /// [`integrity::validate`] of the loaded data, plus the number index checked
    /// both ways against the records.
    pub fn check(&self) -> Result<Vec<Problem>, StoreError> {
        let mut problems = match self.settings()? {
            Some(settings) => integrity::validate_settings(&settings),
            None => Vec::new(),
        };
        let data = self.load()?;
        problems.extend(integrity::validate(&data));
        problems.extend(self.check_note_index(&data)?);
        problems.extend(self.check_plate_index(&data)?);

        let numbers = &self.trees[NUMBERS];
        for kind in Kind::ALL {
            for entry in self.trees[slot(kind)].iter() {
                let (key, value) = entry.map_err(|e| self.sled(e))?;
                let head = self.decode::<Head>(kind, &key, &value)?;
                let place = format!("{} {} ({})", tree_name(kind), head.id, head.number);
                if key.as_ref() != head.id.as_bytes() {
                    let key = Id::from_slice(&key).unwrap_or_default();
                    problems.push(Problem::new(&place, ProblemKind::KeyMismatch { key }));
                }
                if let Some(number) = canonical_number(kind, &head.number) {
                    let indexed = numbers.get(number.as_bytes()).map_err(|e| self.sled(e))?;
                    if indexed.as_deref() != Some(head.id.as_bytes()) {
                        problems.push(Problem::new(place, ProblemKind::IndexMissing { number }));
                    }
                }
            }
        }
        for entry in numbers.iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            let number = String::from_utf8_lossy(&key).into_owned();
            let id = Id::from_slice(&value).unwrap_or_default();
            if !self.index_entry_holds(&number, id)? {
                problems.push(Problem::new(
                    format!("numbers[{number}]"),
                    ProblemKind::IndexDangling { number, id },
                ));
            }
        }
        Ok(problems)
    }

    /// The note index against the notes, both ways.
    fn check_note_index(&self, data: &Dataset) -> Result<Vec<Problem>, StoreError> {
        let expected: std::collections::HashSet<NoteHead> = data.note_heads().into_iter().collect();
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entry in self.trees[NOTE_INDEX].iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            let Some(head) = notes::decode(&key, &value) else {
                problems.push(Problem::new(
                    format!("note_index[{}]", notes::describe(&key)),
                    ProblemKind::NoteIndexMismatch,
                ));
                continue;
            };
            if !expected.contains(&head) || !seen.insert(head.id) {
                problems.push(Problem::new(
                    format!("note_index: {} ({})", head.id, Kind::Note.number(head.seq)),
                    ProblemKind::NoteIndexMismatch,
                ));
            }
        }
        for n in &data.notes {
            if !seen.contains(&n.id) {
                problems.push(Problem::new(
                    format!("note {} ({})", n.id, n.number),
                    ProblemKind::NoteIndexMismatch,
                ));
            }
        }
        Ok(problems)
    }

    /// The plate index against the cases: exactly the departments' open
    /// cases, each once.
    fn check_plate_index(&self, data: &Dataset) -> Result<Vec<Problem>, StoreError> {
        let expected = plates::build(&data.cases);
        let mut problems = Vec::new();
        let mut found = std::collections::BTreeMap::new();
        for entry in self.trees[PLATE_INDEX].iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            found.insert(key.to_vec(), value.to_vec());
        }
        for (department, value) in &expected {
            if found.remove(department.as_bytes().as_slice()).as_ref() != Some(value) {
                problems.push(Problem::new(
                    format!("plate_index[{department}]"),
                    ProblemKind::PlateIndexMismatch,
                ));
            }
        }
        for key in found.keys() {
            let department = Id::from_slice(key).unwrap_or_default();
            problems.push(Problem::new(
                format!("plate_index[{department}]"),
                ProblemKind::PlateIndexMismatch,
            ));
        }
        Ok(problems)
    }

    fn index_entry_holds(&self, number: &str, id: Id) -> Result<bool, StoreError> {
        let Some(kind) = Number::parse(number).map(|n| n.kind) else {
            return Ok(false);
        };
        let tree = &self.trees[slot(kind)];
        let Some(value) = tree.get(id.as_bytes()).map_err(|e| self.sled(e))? else {
            return Ok(false);
        };
        let head = self.decode::<Head>(kind, id.as_bytes(), &value)?;
        Ok(canonical_number(kind, &head.number).as_deref() == Some(number))
    }
}
