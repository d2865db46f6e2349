//! Fetching a source the way a good citizen of someone else's server
//! does: an honest `User-Agent`, a timeout, conditional requests with the
//! validators of the last answer, and a bounded retry with backoff for
//! what may pass (a network error, a 5xx), none for what will not (a 4xx).

use std::fmt;
use std::time::Duration;

/// The validators of a stored answer, sent back as `If-None-Match` and
/// `If-Modified-Since`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    /// The answer's `ETag`.
    pub etag: Option<String>,
    /// The answer's `Last-Modified`.
    pub last_modified: Option<String>,
}

/// What a fetch brought.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// A body, with the validators to send next time.
    Fresh {
        /// The body's bytes.
        body: Vec<u8>,
        /// Its `ETag` and `Last-Modified`.
        validators: Validators,
    },
    /// 304: the stored answer still holds.
    Unchanged,
}

/// Why a fetch failed, after its tries.
#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered with an error status.
    Status {
        /// The last answer's status.
        status: u16,
        /// How many requests were made.
        tries: u32,
    },
    /// No answer: DNS, connection, TLS or timeout.
    Network {
        /// The client's reason for the last try.
        reason: String,
        /// How many requests were made.
        tries: u32,
    },
    /// The body is larger than a publication may be.
    TooLarge {
        /// The bound, in bytes.
        limit: u64,
    },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tries = |n: u32| if n == 1 { String::new() } else { format!(" ({n} tries)") };
        match self {
            FetchError::Status { status, tries: n } => write!(f, "HTTP {status}{}", tries(*n)),
            FetchError::Network { reason, tries: n } => write!(f, "{reason}{}", tries(*n)),
            FetchError::TooLarge { limit } => write!(f, "the answer is larger than {} MB", limit / 1_000_000),
        }
    }
}

/// The largest body read from a source.
const LIMIT: u64 = 10_000_000;

/// An HTTP client with the builder's manners.
pub struct Client {
    agent: ureq::Agent,
    tries: u32,
    pause: Duration,
}

impl Client {
    /// A client that names itself `user_agent`, gives up on an answer
    /// after `timeout`, and tries `tries` times with `pause`, doubled each
    /// time, in between.
    pub fn new(user_agent: &str, timeout: Duration, tries: u32, pause: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(user_agent)
            .build();
        Client { agent: config.into(), tries: tries.max(1), pause }
    }

    /// GETs `url`, conditionally when `validators` has any.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Answer, FetchError> {
        let mut pause = self.pause;
        for tried in 1..=self.tries {
            let last = tried == self.tries;
            match self.once(url, validators) {
                Ok(answer) => return Ok(answer),
                Err(Failure::Final(error)) => return Err(error.with_tries(tried)),
                Err(Failure::Passing(error)) if last => return Err(error.with_tries(tried)),
                Err(Failure::Passing(_)) => {
                    std::thread::sleep(pause);
                    pause *= 2;
                }
            }
        }
        unreachable!("the last try returns")
    }

    fn once(&self, url: &str, validators: &Validators) -> Result<Answer, Failure> {
        let mut request = self.agent.get(url);
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response =
            request.call().map_err(|e| Failure::Passing(FetchError::Network { reason: network(&e, url), tries: 1 }))?;
        let status = response.status().as_u16();
        match status {
            304 => Ok(Answer::Unchanged),
            200 => {
                let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
                let body = response.body_mut().with_config().limit(LIMIT).read_to_vec().map_err(|e| match e {
                    ureq::Error::BodyExceedsLimit(_) => Failure::Final(FetchError::TooLarge { limit: LIMIT }),
                    other => Failure::Passing(FetchError::Network { reason: network(&other, url), tries: 1 }),
                })?;
                Ok(Answer::Fresh { body, validators })
            }
            500..=599 | 429 => Err(Failure::Passing(FetchError::Status { status, tries: 1 })),
            _ => Err(Failure::Final(FetchError::Status { status, tries: 1 })),
        }
    }
}

/// A failure that another try may not repeat, or one it will.
enum Failure {
    Passing(FetchError),
    Final(FetchError),
}

impl FetchError {
    fn with_tries(self, n: u32) -> FetchError {
        match self {
            FetchError::Status { status, .. } => FetchError::Status { status, tries: n },
            FetchError::Network { reason, .. } => FetchError::Network { reason, tries: n },
            too_large => too_large,
        }
    }
}

/// A network error in plain words, saying what to check where it can.
fn network(error: &ureq::Error, url: &str) -> String {
    use std::io::ErrorKind;
    let host = url.split("://").nth(1).and_then(|rest| rest.split(['/', '?', '#']).next()).unwrap_or(url);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let no_host = || format!("no such host: {host} does not resolve (check the address, or this machine's DNS)");
    match error {
        ureq::Error::Timeout(_) => "no answer in time".to_owned(),
        ureq::Error::HostNotFound => no_host(),
        ureq::Error::Io(e) => {
            let text = e.to_string();
            match e.kind() {
                _ if text.contains("lookup address") || text.contains("resolve") => no_host(),
                ErrorKind::ConnectionRefused => {
                    format!("the connection to {host} was refused (no server listens there)")
                }
                ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => {
                    format!("the connection to {host} was closed before an answer")
                }
                ErrorKind::TimedOut => "no answer in time".to_owned(),
                ErrorKind::InvalidData if url.starts_with("https://") => format!(
                    "the TLS handshake with {host} failed: what answered is not https (is the address http://?)"
                ),
                _ => format!("network error: {text}"),
            }
        }
        ureq::Error::Rustls(e) => format!("the TLS handshake with {host} failed: {e}"),
        ureq::Error::Tls(e) => format!("the TLS handshake with {host} failed: {e}"),
        ureq::Error::Protocol(e) => format!("{host} did not answer in HTTP: {e}"),
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        ureq::Error::ConnectionFailed => format!("the connection to {host} failed"),
        other => format!("network error: {other}"),
    }
}
