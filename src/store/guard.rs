//! The store's guard against a failing disk, kept beside sled's files: the
//! save sequence of the last acknowledged change ([`ACKED`]), and a hash of
//! sled's files for the clean-close marker. See docs/DATA-SAFETY.md, "Damage".

use super::StoreError;
use std::path::{Path, PathBuf};

/// The file beside sled's in which the store keeps the save sequence of the
/// last change it acknowledged, synced with every save: a store that comes
/// back holding an older save (a log cut short, a file restored from
/// elsewhere) has lost acknowledged changes and is refused.
pub(super) const ACKED: &str = "mandaat-acked";

/// The acknowledged save sequence as the file keeps it: the number and its
/// complement, so a torn or foreign file reads as unknown, not as a number.
fn acked_bytes(seq: u64) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&seq.to_be_bytes());
    b[8..].copy_from_slice(&(!seq).to_be_bytes());
    b
}

/// The acknowledged save sequence of the store in `dir`, if it keeps one.
pub(super) fn read_acked(dir: &Path) -> Option<u64> {
    let b = std::fs::read(dir.join(ACKED)).ok()?;
    let seq = u64::from_be_bytes(b.get(..8)?.try_into().ok()?);
    let check = u64::from_be_bytes(b.get(8..16)?.try_into().ok()?);
    (check == !seq).then_some(seq)
}

/// The open file of [`ACKED`], created with the store's current sequence if
/// it is not there yet (a new store, or one made before it existed).
pub(super) fn open_acked(dir: &Path, seq: u64) -> Result<std::fs::File, StoreError> {
    use std::os::unix::fs::OpenOptionsExt;
    let io = |e| StoreError::io(dir, e);
    use std::os::unix::fs::MetadataExt;
    let known = read_acked(dir);
    // The user's alone; in a store shared with a group the group's too, so
    // whichever member opens the store next can keep it.
    let shared = std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2070 == 0o2070);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(if shared { 0o660 } else { 0o600 })
        .open(dir.join(ACKED))
        .map_err(io)?;
    if known.is_none_or(|k| k < seq) {
        write_acked(&file, seq).map_err(io)?;
    }
    Ok(file)
}

/// Record `seq` as acknowledged, durably: one write within the first
/// sector, then a data sync.
pub(super) fn write_acked(file: &std::fs::File, seq: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(&acked_bytes(seq), 0)?;
    file.sync_data()
}

/// Whether a file in the store folder is one of sled's (and so part of what
/// [`sled_hash`] covers and a damage check copies).
fn is_sled_file(name: &str) -> bool {
    name == "db" || name == "conf" || (name.starts_with("snap.") && !name.ends_with(".generating"))
}

/// A hash of sled's files in `dir` (the log, its config, the snapshots and
/// the blobs), read in pieces so it costs no memory: 50–60 ms for the
/// 160 MB log of a region store in the page cache (BENCHMARKS.md).
pub(super) fn sled_hash(dir: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut names: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_sled_file(&name) {
            names.push(PathBuf::from(&name));
        } else if name == "blobs" && entry.file_type()?.is_dir() {
            for blob in std::fs::read_dir(entry.path())? {
                names.push(Path::new("blobs").join(blob?.file_name()));
            }
        }
    }
    names.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    for name in names {
        hasher.update(name.to_string_lossy().as_bytes());
        let mut file = std::fs::File::open(dir.join(&name))?;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        hasher.update(&[0xff]);
    }
    Ok(hasher.digest())
}
