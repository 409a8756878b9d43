//! Speed at region scale (PRODUCT.md §6, issue 7): 10,000 cases, 2,000
//! exceptions, 100,000 notes, 5,000+ department keywords, from
//! `mandaat::fixtures::region::region_dataset`. Run with `cargo bench --bench speed`;
//! BENCHMARKS.md holds the figures and the targets.
//!
//! Set `MANDAAT_BENCH_KEEP_STORE=DIR` to keep a filled region store in `DIR`
//! (for measuring the binary itself, e.g. its resident memory).

use chrono::{NaiveDate, NaiveTime};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use mandaat::domain::activity::ActivityIndex;
use mandaat::domain::ops::Ctx;
use mandaat::domain::{
    AnyRecord, Dataset, KeywordIndex, Kind, Note, NoteKind, RecordRef, Settings, Stamp, ageing,
};
use mandaat::fixtures::region::region_dataset;
use mandaat::i18n::Lang;
use mandaat::session::Session;
use mandaat::store::Store;
use mandaat::tui::action::Action;
use mandaat::tui::state::Model;
use mandaat::tui::ui::theme::Theme;
use mandaat::tui::ui::{Scroll, draw};
use mandaat::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SEED: u64 = 2026;
const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date")
}

fn ctx() -> Ctx {
    Ctx {
        today: today(),
        now: today().and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("valid time")),
        user: "Anouk".to_string(),
    }
}

fn region() -> (Settings, Dataset) {
    region_dataset(today(), SEED)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend")
}

fn frame(terminal: &mut Terminal<TestBackend>, model: &Model, scroll: &mut Scroll) {
    terminal
        .draw(|f| draw(f, model, Theme { color: true }, scroll))
        .expect("draw");
}

fn owner_lookup(c: &mut Criterion) {
    let (_, data) = region();
    let keywords: usize = data.departments.iter().map(|d| d.keywords.len()).sum();
    eprintln!(
        "owner lookup over {keywords} keywords in {} departments",
        data.departments.len()
    );
    let mut g = c.benchmark_group("owner_lookup");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("build_index", |b| {
        b.iter(|| KeywordIndex::build(black_box(&data.departments)))
    });
    let index = KeywordIndex::build(&data.departments);
    for query in [
        "loonkostensubsidie",
        "loonk",
        "vergunnign",
        "staatssteun",
        "dakpannen",
        "v",
    ] {
        g.bench_function(format!("lookup/{query}"), |b| {
            b.iter(|| index.lookup(black_box(query)))
        });
    }
    // Typing a whole query, one lookup per keystroke, as the overlay does.
    g.bench_function("type/vergunnign", |b| {
        b.iter(|| {
            let q = "vergunnign";
            for end in 1..=q.len() {
                black_box(index.lookup(&q[..end]));
            }
        })
    });
    g.finish();
}

fn review(c: &mut Criterion) {
    let (settings, data) = region();
    let mut g = c.benchmark_group("review");
    g.sample_size(20);
    g.bench_function("activity_index", |b| {
        b.iter(|| ActivityIndex::build(black_box(&data)))
    });
    let activity = ActivityIndex::build(&data);
    g.bench_function("open_exceptions", |b| {
        b.iter(|| ageing::open_exceptions(black_box(&data), &activity, &settings, today()).len())
    });
    g.bench_function("activity_index+open_exceptions", |b| {
        b.iter(|| {
            let activity = ActivityIndex::build(black_box(&data));
            ageing::open_exceptions(&data, &activity, &settings, today()).len()
        })
    });
    g.finish();
}

fn dashboard(c: &mut Criterion) {
    let (settings, data) = region();
    let mut g = c.benchmark_group("dashboard");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("model_new", |b| {
        b.iter_batched(
            || data.clone(),
            |data| Model::new(data, settings.clone(), ctx(), Lang::Nl),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("model_new+first_draw", |b| {
        b.iter_batched(
            || data.clone(),
            |data| {
                let model = Model::new(data, settings.clone(), ctx(), Lang::Nl);
                let mut t = terminal();
                frame(&mut t, &model, &mut Scroll::default());
                model
            },
            BatchSize::LargeInput,
        )
    });

    // As the dashboard starts: the records without the note texts, plus the
    // note heads (what `Store::load_without_notes` gives).
    let mut without_notes = data.clone();
    let heads = std::mem::take(&mut without_notes.notes)
        .iter()
        .map(Note::head)
        .collect::<Vec<_>>();
    g.bench_function("model_from_heads+first_draw", |b| {
        b.iter_batched(
            || (without_notes.clone(), heads.clone()),
            |(data, heads)| {
                let model =
                    Model::with_note_heads(data, heads, false, settings.clone(), ctx(), Lang::Nl);
                let mut t = terminal();
                frame(&mut t, &model, &mut Scroll::default());
                model
            },
            BatchSize::LargeInput,
        )
    });

    // A change keystroke: Enter in the note form of an exception, the change
    // taken into the model (what it touched derived again), a finished frame.
    // The store's part (save and flush) is `store/save_note+flush`.
    g.bench_function("note_enter+commit+draw", |b| {
        b.iter_batched(
            || {
                let mut model = Model::new(data.clone(), settings.clone(), ctx(), Lang::Nl);
                update(
                    &mut model,
                    Action::Focus(mandaat::tui::action::Pane::Exceptions),
                );
                update(&mut model, Action::NewNote);
                for c in "Gebeld".chars() {
                    update(&mut model, Action::Input(c));
                }
                model
            },
            |mut model| {
                match update(&mut model, Action::Submit) {
                    Some(mandaat::tui::action::Effect::Persist(change)) => model.commit(change),
                    other => panic!("expected a change, got {other:?}"),
                }
                frame(&mut terminal(), &model, &mut Scroll::default());
                model
            },
            BatchSize::LargeInput,
        )
    });

    let mut model = Model::new(data.clone(), settings.clone(), ctx(), Lang::Nl);
    let mut t = terminal();
    let mut scroll = Scroll::default();
    g.bench_function("draw", |b| b.iter(|| frame(&mut t, &model, &mut scroll)));

    // Navigation: Down then a finished frame. Back to the top now and then so
    // the selection stays in the list.
    let rows = model.len(mandaat::tui::action::Pane::Cases);
    let mut moved = 0;
    g.bench_function("key_down+draw", |b| {
        b.iter(|| {
            moved += 1;
            if moved + 1 >= rows {
                moved = 0;
                update(&mut model, Action::Top);
            }
            update(&mut model, Action::Down);
            frame(&mut t, &model, &mut scroll);
        })
    });

    // A filter keystroke: `/` then `k`, each with a finished frame, on a model
    // with no filter yet (the worst case: the first letter filters all rows).
    g.bench_function("filter_slash_k+draw", |b| {
        b.iter_batched(
            || Model::new(data.clone(), settings.clone(), ctx(), Lang::Nl),
            |mut model| {
                let mut scroll = Scroll::default();
                update(&mut model, Action::StartFilter);
                frame(&mut t, &model, &mut scroll);
                update(&mut model, Action::Input('k'));
                frame(&mut t, &model, &mut scroll);
                model
            },
            BatchSize::LargeInput,
        )
    });
    // The `k` keystroke alone, in a filter already open.
    g.bench_function("filter_k+draw", |b| {
        b.iter_batched(
            || {
                let mut model = Model::new(data.clone(), settings.clone(), ctx(), Lang::Nl);
                update(&mut model, Action::StartFilter);
                model
            },
            |mut model| {
                update(&mut model, Action::Input('k'));
                frame(&mut t, &model, &mut Scroll::default());
                model
            },
            BatchSize::LargeInput,
        )
    });
    // A palette keystroke: the fourth letter of ":kring", the records in
    // memory found again and a finished frame (the note texts are searched
    // by the store only once typing pauses, off the key path).
    g.bench_function("palette_4th_letter+draw", |b| {
        b.iter_batched(
            || {
                let mut model = Model::new(data.clone(), settings.clone(), ctx(), Lang::Nl);
                update(&mut model, Action::OpenPalette);
                for c in "kri".chars() {
                    update(&mut model, Action::Input(c));
                }
                model
            },
            |mut model| {
                update(&mut model, Action::Input('n'));
                frame(&mut t, &model, &mut Scroll::default());
                model
            },
            BatchSize::LargeInput,
        )
    });
    // The follow-ups list (`F`): every open follow-up sorted, a frame.
    g.bench_function("followups_list+draw", |b| {
        b.iter_batched(
            || Model::new(data.clone(), settings.clone(), ctx(), Lang::Nl),
            |mut model| {
                update(&mut model, Action::OpenFollowUps);
                frame(&mut t, &model, &mut Scroll::default());
                model
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// A region store in a fresh temporary folder, plus copies of it, so that each
/// "first" open happens on a store no handle in this process has touched yet
/// (sled keeps its file lock for a moment after a handle is dropped).
struct Stores {
    _tmp: tempfile::TempDir,
    dirs: Vec<PathBuf>,
    next: usize,
}

impl Stores {
    fn new(copies: usize) -> Stores {
        let (settings, data) = region();
        let tmp = tempfile::tempdir().expect("temp dir");
        let first = tmp.path().join("store0");
        let started = Instant::now();
        {
            let store = Store::open(&first).expect("open store");
            store.replace_all(&settings, &data).expect("fill store");
            store.close().expect("close store");
        }
        eprintln!("filled the region store in {:?}", started.elapsed());
        // As `seed-demo` does after a bulk fill: open once more, so sled
        // replays its log now and not on each copy's first open.
        open_retrying(&first).close().expect("close store");
        if let Some(keep) = std::env::var_os("MANDAAT_BENCH_KEEP_STORE") {
            copy_dir(&first, Path::new(&keep));
            eprintln!("kept a copy in {}", Path::new(&keep).display());
        }
        // Let sled's flusher let go of the lock before copying.
        std::thread::sleep(Duration::from_millis(700));
        let mut dirs = vec![first.clone()];
        for i in 1..copies {
            let dir = tmp.path().join(format!("store{i}"));
            copy_dir(&first, &dir);
            dirs.push(dir);
        }
        Stores {
            _tmp: tmp,
            dirs,
            next: 0,
        }
    }

    fn next(&mut self) -> &Path {
        self.next = (self.next + 1) % self.dirs.len();
        &self.dirs[self.next]
    }
}

/// sled may hold the lock a moment after the previous handle was dropped.
fn open_retrying(dir: &Path) -> Store {
    for _ in 0..50 {
        if let Ok(store) = Store::open(dir) {
            return store;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Store::open(dir).expect("open store")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

fn store(c: &mut Criterion) {
    let mut stores = Stores::new(4);
    let mut g = c.benchmark_group("store");
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.measurement_time(Duration::from_secs(10));

    g.bench_function("open", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = stores.next().to_path_buf();
                let started = Instant::now();
                let store = Store::open(&dir).expect("open");
                total += started.elapsed();
                store.close().expect("close");
            }
            total
        })
    });
    g.bench_function("first_load", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = stores.next().to_path_buf();
                let store = Store::open(&dir).expect("open");
                let started = Instant::now();
                let data = store.load().expect("load");
                total += started.elapsed();
                assert!(data.notes.len() >= mandaat::fixtures::region::NOTES);
                store.close().expect("close");
            }
            total
        })
    });
    g.bench_function("load_without_notes", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = stores.next().to_path_buf();
                let store = Store::open(&dir).expect("open");
                let started = Instant::now();
                let (data, heads) = store.load_without_notes().expect("load");
                total += started.elapsed();
                assert!(data.notes.is_empty() && heads.len() >= mandaat::fixtures::region::NOTES);
                store.close().expect("close");
            }
            total
        })
    });
    // What a user waits for, as the dashboard does it (`tui::App::new` and the
    // first draw): open, every record but the note texts, derive, draw.
    g.bench_function("first_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = stores.next().to_path_buf();
                let started = Instant::now();
                let session = Session::open(&dir, false, ctx(), Lang::Nl).expect("open");
                let (data, heads) = session.load_without_notes().expect("load");
                let settings = session.settings().expect("settings");
                let model = Model::with_note_heads(data, heads, false, settings, ctx(), Lang::Nl);
                frame(&mut terminal(), &model, &mut Scroll::default());
                total += started.elapsed();
                drop(model);
                session.close().expect("close");
            }
            total
        })
    });
    // `mandaat owner`'s work with the lookup cache: read it, index, look up.
    g.bench_function("owner_from_cache", |b| {
        let dir = stores.next().to_path_buf();
        b.iter(|| {
            let bytes = mandaat::store::lookup::read_file(&dir).expect("a lookup cache");
            let cache = bytes.view().expect("a current lookup cache");
            cache.keyword_index().lookup("vergunnign")
        })
    });

    // Saving one note, flushed, on an open region store.
    let dir = stores.next().to_path_buf();
    let store = Store::open(&dir).expect("open");
    let data = store.load().expect("load");
    let case = &data.cases[0];
    let mut note = Note {
        id: uuid::Uuid::from_u128(0x5eed),
        number: Kind::Note.number(data.notes.len() as u32 + 1),
        target: Some(RecordRef {
            kind: Kind::Case,
            id: case.id,
        }),
        kind: NoteKind::Plain,
        date: today(),
        author: "Anouk".to_string(),
        text: String::new(),
        stamp: Stamp::new(ctx().now, "Anouk"),
    };
    let mut n = 0u64;
    g.sampling_mode(SamplingMode::Auto);
    // Every save also deletes the lookup cache first (a no-op after the
    // first) and keeps the note index.
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("save_note+flush", |b| {
        b.iter(|| {
            n += 1;
            note.text = format!("Gebeld, poging {n}");
            let record: AnyRecord = note.clone().into();
            store.save(&[record]).expect("save");
        })
    });
    g.finish();
    store.close().expect("close");
}

/// The same work through a store server: one runs in this process on a
/// region store, as `mandaat serve` would, and sessions reach it over its
/// socket as every other mandaat does (issue 12, point 6).
fn server(c: &mut Criterion) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let mut stores = Stores::new(2);
    let dir = stores.next().to_path_buf();
    let stop = Arc::new(AtomicBool::new(false));
    let serving = {
        let (dir, stop) = (dir.clone(), Arc::clone(&stop));
        std::thread::spawn(move || mandaat::session::serve(&dir, None, None, stop))
    };
    let socket = mandaat::session::socket_path(&dir);
    while !socket.exists() {
        assert!(!serving.is_finished(), "the server ended before serving");
        std::thread::sleep(Duration::from_millis(10));
    }
    let open = || {
        let session = Session::open(&dir, false, ctx(), Lang::Nl).expect("open");
        assert!(session.is_shared(), "the session goes through the server");
        session
    };

    let mut g = c.benchmark_group("server");
    g.sample_size(20);
    // The dashboard's first frame, as `store/first_frame` but through the
    // running server: connect, every record but the note texts, derive, draw.
    g.bench_function("first_frame", |b| {
        b.iter(|| {
            let session = open();
            let (data, heads) = session.load_without_notes().expect("load");
            let settings = session.settings().expect("settings");
            let model = Model::with_note_heads(data, heads, false, settings, ctx(), Lang::Nl);
            frame(&mut terminal(), &model, &mut Scroll::default());
            session.close().expect("close");
        })
    });

    // Saving a note through the server: sent, checked, saved, flushed and
    // synced, taken into the server's memory, acknowledged. With the Enter
    // keystroke's own work (`dashboard/note_enter+commit+draw`) this is what
    // a user waits for between Enter and "Opgeslagen".
    let writer = open();
    let reader = open();
    let (data, heads) = writer.load_without_notes().expect("load");
    let case = &data.cases[0];
    let mut seq = heads.iter().map(|h| h.seq).max().unwrap_or(0);
    let mut note = |text: &str| {
        seq += 1;
        let note = Note {
            id: uuid::Uuid::new_v4(),
            number: Kind::Note.number(seq),
            target: Some(RecordRef {
                kind: Kind::Case,
                id: case.id,
            }),
            kind: NoteKind::Plain,
            date: today(),
            author: "Anouk".to_string(),
            text: text.to_string(),
            stamp: Stamp::new(ctx().now, "Anouk"),
        };
        AnyRecord::from(note)
    };
    // The first change of the day writes the day's backup first.
    writer.apply(&[note("eerste")], &[]).expect("save");
    g.bench_function("save_note", |b| {
        b.iter(|| writer.apply(&[note("Gebeld")], &[]).expect("save"))
    });

    // From a change sent by one session to its notice taken in by another.
    let _ = reader.events();
    g.bench_function("save_note+notice_in_other", |b| {
        b.iter(|| {
            writer.apply(&[note("Gemaild")], &[]).expect("save");
            loop {
                let events = reader.events();
                if events
                    .iter()
                    .any(|e| matches!(e, mandaat::session::Event::Changed(_)))
                {
                    break;
                }
                std::thread::yield_now();
            }
        })
    });
    g.finish();
    writer.close().expect("close");
    reader.close().expect("close");
    stop.store(true, Ordering::SeqCst);
    serving.join().expect("server thread").expect("server");
}

criterion_group!(benches, owner_lookup, review, dashboard, store, server);
criterion_main!(benches);
