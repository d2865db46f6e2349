//! The builder's files on disk: documents replaced atomically (a reader,
//! or the CDN's origin fetch, sees the old file or the new one, never half
//! of one), left untouched when the bytes are the same (so `Last-Modified`
//! holds too), the state the builder keeps between runs, and the last
//! answer of each address it fetches.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fetch::Validators;
use super::history::{Kept, Pending};
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
    /// A level beyond the bound waiting for confirmation: its rate, the
    /// last date it was published and on how many days in a row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<PendingRecord>,
    /// The last level accepted by hand (`news-ticker-feed accept`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    accepted: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PendingRecord {
    rate: String,
    date: String,
    days: u32,
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
            pending: kept.pending.as_ref().map(|p| PendingRecord {
                rate: p.rate.to_string(),
                date: p.date.iso(),
                days: p.days,
            }),
            accepted: kept.accepted.clone(),
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
                news_ticker_rules::decimal::parse_decimal(t)
                    .ok_or_else(|| format!("{}: {t:?} is not a decimal", r.pair))
            };
            let rate = decimal(&r.rate)?;
            let previous = r.previous.as_deref().map(decimal).transpose()?;
            let pending = match &r.pending {
                None => None,
                Some(p) => Some(Pending {
                    rate: decimal(&p.rate)?,
                    date: Day::parse(&p.date)
                        .ok_or_else(|| format!("{}: pending date {:?} is not a date", r.pair, p.date))?,
                    days: p.days,
                }),
            };
            Ok((pair, Kept { date, rate, previous, pending, accepted: r.accepted }))
        })
        .collect()
}

/// The last readable answer of each address, kept in a folder beside the
/// state file (`state.json` -> `state.json.cache/`): its validators are
/// sent with the next request, and a 304 is read from its body. The body
/// is written before its validators, so a run stopped between the two
/// asks with the older ones and gets the new answer whole.
pub struct Cache {
    folder: PathBuf,
}

/// A cached answer's validators, with the address they belong to.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    etag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
}

impl Cache {
    /// The cache of the builder whose state file is `state`.
    pub fn beside(state: &Path) -> Cache {
        let mut folder = state.as_os_str().to_owned();
        folder.push(".cache");
        Cache { folder: folder.into() }
    }

    /// A file name for `url`: its FNV-1a hash, so any address is a safe name.
    fn file(&self, url: &str, extension: &str) -> PathBuf {
        let hash = news_ticker_rules::item::fnv1a(url.as_bytes());
        self.folder.join(format!("{hash:016x}.{extension}"))
    }

    /// The validators to send for `url`: none unless its body is kept too.
    pub fn validators(&self, url: &str) -> Validators {
        let head = fs::read_to_string(self.file(url, "json")).ok().and_then(|t| serde_json::from_str::<Head>(&t).ok());
        match head {
            Some(head) if head.url == url && self.file(url, "body").exists() => {
                Validators { etag: head.etag, last_modified: head.last_modified }
            }
            _ => Validators::default(),
        }
    }

    /// The body last kept for `url`.
    pub fn body(&self, url: &str) -> Option<Vec<u8>> {
        fs::read(self.file(url, "body")).ok()
    }

    /// Keeps `body` as `url`'s last readable answer; an answer without
    /// validators cannot be asked for conditionally and is not kept.
    pub fn keep(&self, url: &str, validators: &Validators, body: &[u8]) -> io::Result<()> {
        let head = self.file(url, "json");
        if validators == &Validators::default() {
            return match fs::remove_file(head) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        replace(&self.file(url, "body"), body)?;
        let head_text = serde_json::to_string(&Head {
            url: url.to_owned(),
            etag: validators.etag.clone(),
            last_modified: validators.last_modified.clone(),
        })
        .expect("plain strings");
        replace(&head, head_text.as_bytes()).map(drop)
    }

    /// The folder, for messages.
    pub fn folder(&self) -> &Path {
        &self.folder
    }
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
                    pending: Some(Pending {
                        date: Day::parse("25.05.2026").unwrap(),
                        rate: "0.01300".parse().unwrap(),
                        days: 1,
                    }),
                    accepted: Some("0.01100 of 2026-05-01 at 2026-05-01T08:00:00Z".into()),
                },
            ),
            (Pair::parse("TMT/USD").unwrap(), Kept::new(Day::parse("20.05.2026").unwrap(), "0.28571".parse().unwrap())),
        ];
        let text = state_text(&state);
        assert!(text.contains("\"rate\": \"0.01144\""), "{text}");
        assert_eq!(read_state(&text).unwrap(), state);
        assert!(read_state("{\"rates\": [{\"pair\": \"KGS/USD\", \"date\": \"24.05.2026\", \"rate\": \"x\"}]}")
            .unwrap_err()
            .contains("\"x\" is not a decimal"));
        assert!(read_state("").unwrap_err().starts_with("not a state file"));
    }

    #[test]
    fn the_cache_sends_validators_only_with_a_body_for_the_same_address() {
        let dir = scratch("cache");
        let cache = Cache::beside(&dir.join("state.json"));
        let url = "https://www.nbkr.kg/XML/daily.xml";
        let etag =
            Validators { etag: Some("\"a1\"".into()), last_modified: Some("Sun, 24 May 2026 09:00:00 GMT".into()) };
        assert_eq!(cache.validators(url), Validators::default(), "nothing kept yet");
        cache.keep(url, &etag, b"<CurrencyRates/>").unwrap();
        assert_eq!(cache.validators(url), etag);
        assert_eq!(cache.body(url).as_deref(), Some(&b"<CurrencyRates/>"[..]));
        assert_eq!(cache.validators("https://www.nbkr.kg/XML/weekly.xml"), Validators::default());
        assert!(dir.join("state.json.cache").is_dir());
        // Without its body, the validators would get a 304 nothing can be read from.
        fs::remove_file(cache.file(url, "body")).unwrap();
        assert_eq!(cache.validators(url), Validators::default());
        // An answer without validators takes the old ones back.
        cache.keep(url, &etag, b"x").unwrap();
        cache.keep(url, &Validators::default(), b"y").unwrap();
        assert_eq!(cache.validators(url), Validators::default());
        fs::remove_dir_all(dir).unwrap();
    }
}
