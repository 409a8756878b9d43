//! The layering of docs/ARCHITECTURE.md, checked on the source itself: which
//! module may use which, no two modules that use each other, and no source file
//! so long that it is really two. Reads `src/` as text; runs no code of mandaat.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path below the crate root, e.g. `["tui", "flows", "notes"]`.
type ModPath = Vec<String>;

struct Module {
    file: PathBuf,
    lines: usize,
    /// The modules this one names through `crate::…` or `super::…` paths.
    uses: BTreeSet<ModPath>,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/tui/flows/notes.rs` → `tui::flows::notes`; `mod.rs`, `lib.rs` and
/// `main.rs` stand for their folder.
fn module_path(file: &Path) -> ModPath {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code without comments and without the contents of string literals, so
/// that a path in a doc comment or a message is not taken for a use.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if !in_str && c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' && prev != '\'' {
                in_str = !in_str;
                out.push(c);
            } else if !in_str {
                out.push(c);
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
        }
        out.push('\n');
    }
    out
}

/// `code` without the items under `#[cfg(test)]` (test code may use fixtures
/// the product's layers do not), and the names of test-only `mod x;` files.
fn without_tests(code: &str) -> (String, Vec<String>) {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(code.len());
    let mut test_mods = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        let semi = item.find(';').unwrap_or(item.len());
        let brace = item.find('{').unwrap_or(item.len());
        let end = if semi < brace {
            let head = item[..semi].trim();
            let name = ["mod ", "pub mod ", "pub(crate) mod ", "pub(super) mod "]
                .iter()
                .find_map(|p| head.strip_prefix(p));
            if let Some(name) = name {
                test_mods.push(name.trim().to_string());
            }
            semi + 1
        } else {
            let mut depth = 0;
            let mut end = item.len();
            for (i, c) in item.char_indices().skip(brace) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            end
        };
        rest = &item[end.min(item.len())..];
    }
    out.push_str(rest);
    (out, test_mods)
}

/// The files of test modules given by a path:
/// `#[cfg(test)] #[path = "x_tests.rs"] mod tests;` gives `x_tests.rs`.
fn test_files(text: &str) -> Vec<&str> {
    text.split("#[cfg(test)]")
        .skip(1)
        .filter_map(|after| after.trim_start().strip_prefix("#[path = \""))
        .filter_map(|rest| rest.split_once('"'))
        .map(|(file, _)| file)
        .collect()
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path that starts with `crate::` or `super::` in `code`, resolved to
/// absolute segments (a `{a, b::c}` group gives one path per member).
fn paths_in(code: &str, here: &ModPath) -> Vec<ModPath> {
    let bytes: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != ':';
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let mut base: ModPath = if rest.starts_with("crate::") {
                i += 7;
                Vec::new()
            } else {
                // `super` of a module is its parent.
                let mut b = here.clone();
                while bytes[i..].iter().collect::<String>().starts_with("super::") {
                    b.pop();
                    i += 7;
                }
                b
            };
            let (segments, group, next) = read_path(&bytes, i);
            base.extend(segments);
            match group {
                Some(members) => {
                    for m in members {
                        let mut p = base.clone();
                        p.extend(m);
                        found.push(p);
                    }
                }
                None => found.push(base),
            }
            i = next;
        } else {
            i += 1;
        }
    }
    found
}

/// Read `a::b::c` from `at`; if it ends in `::{…}`, the members of the group.
fn read_path(s: &[char], mut at: usize) -> (Vec<String>, Option<Vec<Vec<String>>>, usize) {
    let mut segments = Vec::new();
    loop {
        let start = at;
        while at < s.len() && is_ident(s[at]) {
            at += 1;
        }
        if at > start {
            segments.push(s[start..at].iter().collect());
        }
        if at + 2 < s.len() && s[at] == ':' && s[at + 1] == ':' {
            at += 2;
            if s[at] == '{' {
                let mut depth = 0;
                let mut end = at;
                while end < s.len() {
                    match s[end] {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    end += 1;
                }
                let inner: String = s[at + 1..end].iter().collect();
                let members = split_top_level(&inner)
                    .into_iter()
                    .map(|m| {
                        m.split("::")
                            .map(|p| p.trim().trim_start_matches('{').trim().to_string())
                            .take_while(|p| !p.is_empty() && p.chars().all(is_ident))
                            .collect()
                    })
                    .collect();
                return (segments, Some(members), end + 1);
            }
            continue;
        }
        return (segments, None, at);
    }
}

fn split_top_level(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts
}

fn modules() -> BTreeMap<ModPath, Module> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut out: BTreeMap<ModPath, Module> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let lines = text.lines().count();
            (
                module_path(f),
                Module {
                    file: f.clone(),
                    lines,
                    uses: BTreeSet::new(),
                },
            )
        })
        .collect();
    // Files that are test code only (`#[cfg(test)] mod x;`) are no room of
    // the product.
    let mut test_only = Vec::new();
    for (path, module) in &out {
        let text = std::fs::read_to_string(&module.file).unwrap();
        for name in without_tests(&code_only(&text)).1 {
            let mut p = path.clone();
            p.push(name);
            test_only.push(p);
        }
        // A `#[path]` is taken from the folder of the file it is in.
        for file in test_files(&text) {
            test_only.push(module_path(&module.file.with_file_name(file)));
        }
    }
    out.retain(|p, _| !test_only.iter().any(|t| p.starts_with(t)));
    let known: BTreeSet<ModPath> = out.keys().cloned().collect();
    for (path, module) in out.iter_mut() {
        let text = std::fs::read_to_string(&module.file).unwrap();
        let (code, _) = without_tests(&code_only(&text));
        for used in paths_in(&code, path) {
            // The longest prefix that is a module of its own (a file).
            let target = (0..=used.len())
                .rev()
                .map(|n| used[..n].to_vec())
                .find(|p| known.contains(p))
                .unwrap_or_default();
            if &target != path && !target.is_empty() {
                module.uses.insert(target);
            }
        }
    }
    out
}

fn name(p: &ModPath) -> String {
    p.join("::")
}

fn under(p: &ModPath, top: &str) -> bool {
    p.first().is_some_and(|f| f == top)
}

/// Whether any module under `from` uses any module under `to`, and where.
fn uses_between(mods: &BTreeMap<ModPath, Module>, from: &str, to: &str) -> Vec<String> {
    mods.iter()
        .filter(|(p, _)| under(p, from))
        .flat_map(|(p, m)| {
            m.uses
                .iter()
                .filter(|u| under(u, to))
                .map(move |u| format!("{} uses {}", name(p), name(u)))
        })
        .collect()
}

#[test]
fn lower_layers_never_use_higher_ones() {
    let mods = modules();
    // (layer, layers it must not use)
    let rules: &[(&str, &[&str])] = &[
        (
            "domain",
            &[
                "i18n", "present", "store", "session", "cli", "tui", "fixtures",
            ],
        ),
        ("store", &["i18n", "present", "session", "cli", "tui"]),
        // i18n words the store's errors, so it may name their types.
        ("i18n", &["present", "session", "cli"]),
        ("present", &["store", "session", "cli", "tui"]),
        ("session", &["cli", "tui"]),
        ("cli", &["tui"]),
    ];
    let mut wrong = Vec::new();
    for (from, forbidden) in rules {
        assert!(
            mods.keys().any(|p| under(p, from)),
            "no module {from}: update this test with the layout"
        );
        for to in *forbidden {
            wrong.extend(uses_between(&mods, from, to));
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_language_module_uses_only_the_vocabulary_of_the_dashboard() {
    let mods = modules();
    let wrong: Vec<_> = uses_between(&mods, "i18n", "tui")
        .into_iter()
        .filter(|u| !u.ends_with("uses tui::action"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The modules' use graph without the edges between a module and its own
/// ancestors: a parent declares its children, and a child naming its parent's
/// re-exports is not a cycle between two rooms.
fn graph(mods: &BTreeMap<ModPath, Module>) -> BTreeMap<&ModPath, Vec<&ModPath>> {
    mods.iter()
        .map(|(a, m)| {
            let to = m
                .uses
                .iter()
                .filter(|b| !a.starts_with(b) && !b.starts_with(a) && mods.contains_key(*b))
                .collect();
            (a, to)
        })
        .collect()
}

/// Groups of modules that reach each other through their uses (Tarjan).
fn cycles<'a>(g: &BTreeMap<&'a ModPath, Vec<&'a ModPath>>) -> Vec<Vec<&'a ModPath>> {
    struct Walk<'a, 'g> {
        g: &'g BTreeMap<&'a ModPath, Vec<&'a ModPath>>,
        index: BTreeMap<&'a ModPath, usize>,
        low: BTreeMap<&'a ModPath, usize>,
        stack: Vec<&'a ModPath>,
        on_stack: BTreeSet<&'a ModPath>,
        out: Vec<Vec<&'a ModPath>>,
    }
    impl<'a> Walk<'a, '_> {
        fn visit(&mut self, v: &'a ModPath) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for &w in &self.g[v] {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    group.push(w);
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    self.out.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for &v in g.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.out
}

#[test]
fn no_modules_use_each_other_even_through_others() {
    let mods = modules();
    let found: Vec<String> = cycles(&graph(&mods))
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|p| name(p))
                .collect::<Vec<_>>()
                .join(" -> ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "modules in a cycle:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_cycle_check_finds_a_cycle_through_three_modules() {
    let p = |s: &str| -> ModPath { s.split("::").map(String::from).collect() };
    let (a, b, c, d) = (p("tui::a"), p("tui::b"), p("tui::c"), p("tui::d"));
    let g: BTreeMap<&ModPath, Vec<&ModPath>> = BTreeMap::from([
        (&a, vec![&b]),
        (&b, vec![&c]),
        (&c, vec![&a]),
        (&d, vec![&a]),
    ]);
    let found = cycles(&g);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].len(), 3);
}

#[test]
fn no_source_file_is_really_two() {
    let mods = modules();
    let long: Vec<_> = mods
        .iter()
        // String tables are long by nature.
        .filter(|(p, _)| !under(p, "i18n"))
        .filter(|(_, m)| m.lines > 600)
        .map(|(_, m)| format!("{} ({} lines)", m.file.display(), m.lines))
        .collect();
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}

#[test]
fn test_code_is_left_out() {
    let (code, mods) = without_tests(
        "use crate::a;\n#[cfg(test)]\nmod testutil;\n#[cfg(test)]\nmod tests {\n fn f() { crate::seed::x(); }\n}\nfn g() {}",
    );
    assert_eq!(mods, vec!["testutil".to_string()]);
    let text = "#[cfg(test)]\n#[path = \"ops_tests.rs\"]\nmod tests;\n#[cfg(test)]\nmod t {}";
    assert_eq!(test_files(text), vec!["ops_tests.rs"]);
    assert!(!code.contains("seed") && code.contains("crate::a") && code.contains("fn g"));
}

#[test]
fn the_checker_sees_paths_and_groups() {
    let here: ModPath = vec!["tui".into(), "flows".into(), "notes".into()];
    let code = code_only(
        "use super::common::{open_form, leave};\nuse crate::domain::{Case, ops::Ctx};\n\
         // use crate::cli;\nlet s = \"crate::store\"; super::super::app::run();",
    );
    let found: BTreeSet<String> = paths_in(&code, &here).iter().map(name).collect();
    let want: BTreeSet<String> = [
        "tui::flows::common::open_form",
        "tui::flows::common::leave",
        "domain::Case",
        "domain::ops::Ctx",
        "tui::app::run",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(found, want);
}
