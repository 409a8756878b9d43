//! What the store says unasked, taken into the dashboard: a colleague's
//! change, who else is there, the server gone or back, and the store reached
//! after a first frame drawn from its snapshot (`crate::session::deferred`).

use super::app::App;
use super::state::Tone;
use crate::domain::{AnyRecord, Kind, RecordRef};
use crate::i18n::dashboard as text;
use crate::session::{Event as StoreEvent, Notice};

impl App {
    /// Take in what the store's server told unasked: a colleague's change
    /// (the lists, counters and the open view follow at once), who else is
    /// there, the server gone or back. Says whether anything came.
    pub fn take_events(&mut self) -> bool {
        let events = self.session.events();
        let any = !events.is_empty();
        for event in events {
            match event {
                StoreEvent::Changed(notice) => {
                    let said = self.describe(&notice);
                    self.model.take_remote(notice.saved, notice.deleted, said);
                }
                StoreEvent::Present(names) => {
                    let me = &self.model.ctx.user;
                    self.model.others = names.into_iter().filter(|n| n != me).collect();
                }
                StoreEvent::Lost => {
                    let lang = self.model.lang;
                    self.model.say(Tone::Error, text::server_lost(lang));
                }
                StoreEvent::Back => self.reload(text::server_back(self.model.lang)),
                StoreEvent::Ready { changed } => {
                    self.reached();
                    if changed {
                        self.reread_at_start = true;
                        self.reload(text::changed_while_starting(self.model.lang));
                    }
                }
                StoreEvent::Failed(why) => {
                    self.reaching = false;
                    self.failed = Some(why);
                }
            }
        }
        // An open detail whose notes changed reads them again.
        self.sync_notes();
        any
    }

    /// The store is reached after a first frame drawn from its snapshot:
    /// whether a server serves it, who it records the changes as (another
    /// login when the server is a colleague's), the numbers it issued.
    fn reached(&mut self) {
        self.reaching = false;
        self.shared = self.session.is_shared();
        if let Some(author) = self.session.author()
            && author != self.model.ctx.user
        {
            self.session.ctx.user = author.clone();
            self.model.ctx.user = author;
        }
        if let Ok(issued) = self.session.issued() {
            self.model.issued_at_least(&issued);
        }
    }

    /// After the server came back: changes may have been missed meanwhile,
    /// so read the store again (the screen keeps where the user is), and
    /// say `why`.
    fn reload(&mut self, why: &str) {
        let lang = self.model.lang;
        match self.session.load_without_notes() {
            Ok((data, heads)) => {
                self.model.replace_data(data, heads);
                if let Ok(issued) = self.session.issued() {
                    self.model.issued_at_least(&issued);
                }
                self.model.say(Tone::Info, why);
            }
            Err(e) => self.model.say(Tone::Error, e.message(lang)),
        }
    }

    /// "Bram: notitie bij X05", from what the change saved.
    fn describe(&self, notice: &Notice) -> String {
        let lang = self.model.lang;
        let number = |r: RecordRef| {
            self.model
                .data
                .get(r)
                .map(|x| x.number().to_string())
                .unwrap_or_default()
        };
        // The most telling record: a note or follow-up says what it is on.
        let first = notice
            .saved
            .iter()
            .find(|r| matches!(r, AnyRecord::Note(_) | AnyRecord::FollowUp(_)))
            .or(notice.saved.first());
        match first {
            Some(AnyRecord::Note(n)) => {
                let on = n.target.map(number);
                text::remote_change(lang, &notice.by, Kind::Note, &n.number, on.as_deref())
            }
            Some(AnyRecord::FollowUp(f)) => {
                let on = number(f.about);
                text::remote_change(lang, &notice.by, Kind::FollowUp, &f.number, Some(&on))
            }
            Some(r) => text::remote_change(lang, &notice.by, r.kind(), r.number(), None),
            None => {
                let gone = notice.deleted.first().map(|r| r.kind.prefix().to_string());
                text::remote_removal(lang, &notice.by, &gone.unwrap_or_default())
            }
        }
    }
}
