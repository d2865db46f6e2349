//! The reader behind [`parse`](super::parse): one pass over the text's
//! bytes, numbers kept as written, nesting past [`MAX_DEPTH`] and elements
//! past [`MAX_ARRAY`] checked without recursion and dropped.

use super::{JsonError, Value, MAX_ARRAY, MAX_DEPTH};

/// The whole text as one value, with nothing but white space around it.
pub(super) fn document(text: &str) -> Result<Value, JsonError> {
    let mut reader = Reader { text, at: 0 };
    reader.space();
    let value = reader.value(0)?;
    reader.space();
    if reader.at < text.len() {
        return Err(reader.error("the end of the text"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    /// Byte offset of the next unread byte.
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The bytes from `from` to the reader, as text. Read through `get`
    /// (never `[..]`, whose panic path would link string formatting into
    /// the wasm); the reader moves only along character boundaries.
    fn since(&self, from: usize) -> &str {
        self.text.get(from..self.at).unwrap_or_default()
    }

    fn rest(&self) -> &[u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    fn error(&self, expected: &'static str) -> JsonError {
        let before = self.text.as_bytes().get(..self.at).unwrap_or_default();
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        // Characters, not bytes: count all but UTF-8 continuation bytes.
        let column = before.get(line_start..).unwrap_or_default().iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        JsonError { line, column, expected }
    }

    fn eat(&mut self, byte: u8, expected: &'static str) -> Result<(), JsonError> {
        if self.peek() != Some(byte) {
            return Err(self.error(expected));
        }
        self.at += 1;
        Ok(())
    }

    /// One value at `depth`; the reader stands on its first byte.
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            self.skip()?;
            return Ok(Value::Null);
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            _ => self.scalar(),
        }
    }

    /// `true`, `false`, `null` or a number.
    fn scalar(&mut self) -> Result<Value, JsonError> {
        for (word, value) in [("true", Value::Bool(true)), ("false", Value::Bool(false)), ("null", Value::Null)] {
            if self.rest().starts_with(word.as_bytes()) {
                self.at += word.len();
                return Ok(value);
            }
        }
        self.number().map(Value::Number)
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, as its own text.
    fn number(&mut self) -> Result<String, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("a value")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Ok(self.since(start).to_owned())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), JsonError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error("a digit"));
        }
        self.digits();
        Ok(())
    }

    /// A string; the reader stands on its opening quote. A lone surrogate
    /// escape (`\ud800`), which no Rust string can hold, becomes U+FFFD.
    fn string(&mut self) -> Result<String, JsonError> {
        self.eat(b'"', "a string")?;
        let mut out = String::new();
        loop {
            let start = self.at;
            let bytes = self.text.as_bytes();
            while let Some(&b) = bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(self.since(start));
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.escape()?;
                    out.push(escaped);
                }
                _ => return Err(self.error("the end of the string (a quote)")),
            }
        }
    }

    /// The character an escape stands for; the reader stands after the backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.error("an escape"));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if !(0xD800..0xDC00).contains(&high) {
                    return Ok(char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                // A high surrogate counts only with a low one right after it.
                if self.rest().starts_with(b"\\u") {
                    let mark = self.at;
                    self.at += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        return Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                    }
                    self.at = mark;
                }
                char::REPLACEMENT_CHARACTER
            }
            _ => {
                self.at -= 1;
                return Err(self.error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit =
                self.peek().and_then(|b| char::from(b).to_digit(16)).ok_or_else(|| self.error("a hex digit"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// After `[` or `{`: whether the container is empty (its `close` comes
    /// first, and is read).
    fn opens_empty(&mut self, close: u8) -> bool {
        self.at += 1;
        self.space();
        let empty = self.peek() == Some(close);
        if empty {
            self.at += 1;
        }
        empty
    }

    /// After an element or a member: `true` at the container's `close`,
    /// `false` after a comma (the next element follows).
    fn closes(&mut self, close: u8) -> Result<bool, JsonError> {
        self.space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.space();
                Ok(false)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(true)
            }
            _ => Err(self.error(if close == b']' { "a comma or ]" } else { "a comma or }" })),
        }
    }

    /// An array; past [`MAX_ARRAY`] elements are checked and counted as `Null`.
    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        let mut items = Vec::new();
        if self.opens_empty(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            if items.len() < MAX_ARRAY {
                items.push(self.value(depth + 1)?);
            } else {
                self.skip()?;
                items.push(Value::Null);
            }
            if self.closes(b']')? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        let mut members = Vec::new();
        if self.opens_empty(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            let key = self.string()?;
            self.space();
            self.eat(b':', "a colon")?;
            self.space();
            members.push((key, self.value(depth + 1)?));
            if self.closes(b'}')? {
                return Ok(Value::Object(members));
            }
        }
    }

    /// Checks one value and keeps nothing of it, with a stack of the open
    /// brackets instead of recursion.
    fn skip(&mut self) -> Result<(), JsonError> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value, or the close of an empty container.
            match self.peek() {
                Some(b'[') => {
                    if !self.opens_empty(b']') {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'{') => {
                    if !self.opens_empty(b'}') {
                        open.push(b'}');
                        self.member_key()?;
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                _ => {
                    self.scalar()?;
                }
            }
            // After a value: a separator or closing brackets.
            while let Some(&close) = open.last() {
                if !self.closes(close)? {
                    if close == b'}' {
                        self.member_key()?;
                    }
                    break;
                }
                open.pop();
            }
            if open.is_empty() {
                return Ok(());
            }
        }
    }

    /// `"key" :` in an object being skipped, leaving the reader on the value.
    fn member_key(&mut self) -> Result<(), JsonError> {
        self.string()?;
        self.space();
        self.eat(b':', "a colon")?;
        self.space();
        Ok(())
    }
}
