//! The builder's files on disk: documents replaced atomically (a reader,
//! or the CDN's origin fetch, sees the old file or the new one, never half
//! of one), left untouched when the bytes are the same (so `Last-Modified`
//! holds too), and the state the builder keeps between runs.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::history::Kept;
use super::pairs::Pair;
use super::publication::Day;

/// Writes `bytes` to `path` by a temporary file in the same folder and a
/// rename; `Ok(false)` when the file already holds exactly these bytes and
/// was left alone.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let name =
        path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a path without a file name"))?;
    let temporary = folder.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written.map(|()| true)
}

/// One pair's record as the state file writes it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    pair: String,
    date: String,
    rate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    rates: Vec<Record>,
}

/// Every pair's record, in the order given.
pub type State = Vec<(Pair, Kept)>;

/// The state file's text: stable order, one record a pair.
pub fn state_text(state: &State) -> String {
    let rates = state
        .iter()
        .map(|(pair, kept)| Record {
            pair: format!("{}/{}", pair.base, pair.quote),
            date: kept.date.iso(),
            rate: kept.rate.to_string(),
            previous: kept.previous.map(|p| p.to_string()),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&StateFile { rates }).expect("records are plain strings");
    text.push('\n');
    text
}

/// Reads a state file's text; what is wrong with it otherwise (a state
/// that cannot be read must not be taken for an empty one: every change
/// would be lost).
pub fn read_state(text: &str) -> Result<State, String> {
    let file: StateFile = serde_json::from_str(text).map_err(|e| format!("not a state file: {e}"))?;
    file.rates
        .into_iter()
        .map(|r| {
            let pair = Pair::parse(&r.pair).ok_or_else(|| format!("pair {:?} is not a pair", r.pair))?;
            let date = Day::parse(&r.date).ok_or_else(|| format!("{}: date {:?} is not a date", r.pair, r.date))?;
            let decimal = |t: &str| {
                crate::rules::decimal::parse_decimal(t).ok_or_else(|| format!("{}: {t:?} is not a decimal", r.pair))
            };
            let rate = decimal(&r.rate)?;
            let previous = r.previous.as_deref().map(decimal).transpose()?;
            Ok((pair, Kept { date, rate, previous }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("nt-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn replaces_whole_and_leaves_the_same_bytes_alone() {
        let dir = scratch("replace");
        let path = dir.join("public/feed.json");
        assert!(replace(&path, b"one").unwrap(), "a new file, in a folder made for it");
        let written = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!replace(&path, b"one").unwrap(), "the same bytes are not written again");
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), written);
        assert!(replace(&path, b"two").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let left: Vec<_> = fs::read_dir(dir.join("public")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["feed.json"], "no temporary file stays");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_reader_during_100_replacements_sees_only_whole_files() {
        let dir = scratch("readers");
        let path = dir.join("feed.json");
        let versions: [Vec<u8>; 2] = [vec![b'a'; 300_000], vec![b'b'; 100_000]];
        replace(&path, &versions[0]).unwrap();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let (path, done, versions) = (path.clone(), done.clone(), versions.clone());
            std::thread::spawn(move || {
                let mut reads = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let seen = fs::read(&path).unwrap();
                    assert!(versions.contains(&seen), "a read of {} bytes that is neither version", seen.len());
                    reads += 1;
                }
                reads
            })
        };
        for i in 1..=100 {
            replace(&path, &versions[i % 2]).unwrap();
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_state_reads_back_as_written() {
        let state: State = vec![
            (
                Pair::parse("KGS/USD").unwrap(),
                Kept {
                    date: Day::parse("24.05.2026").unwrap(),
                    rate: "0.01144".parse().unwrap(),
                    previous: Some("0.01140".parse().unwrap()),
                },
            ),
            (
                Pair::parse("TMT/USD").unwrap(),
                Kept { date: Day::parse("20.05.2026").unwrap(), rate: "0.28571".parse().unwrap(), previous: None },
            ),
        ];
        let text = state_text(&state);
        assert!(text.contains("\"rate\": \"0.01144\""), "{text}");
        assert_eq!(read_state(&text).unwrap(), state);
        assert!(read_state("{\"rates\": [{\"pair\": \"KGS/USD\", \"date\": \"24.05.2026\", \"rate\": \"x\"}]}")
            .unwrap_err()
            .contains("\"x\" is not a decimal"));
        assert!(read_state("").unwrap_err().starts_with("not a state file"));
    }
}
