//! A loaded text file: its path, its text and a line index.
//!
//! Every position that reaches a user is computed here from the file's own
//! text (1-based line, 1-based column counted in characters), never guessed.
//! This module reads files but knows nothing of what they contain.

use std::path::Path;
use std::sync::Arc;

/// Files larger than this are refused before parsing (64 MiB). A contract or a
/// recorded exchange is kilobytes; anything this size is a mistake or hostile.
/// The default of [`Settings`](crate::Settings), which callers pass on as `max_bytes`.
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file's text with a line index.
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it (or a label such as `<embedded>/x.yml`).
    pub path: String,
    /// The whole text.
    pub text: String,
    /// The line index, made the first time a position is asked for: most
    /// files a run reads are only scanned (a pre-commit run reads every
    /// document of the project and reports on one).
    index: std::sync::OnceLock<Index>,
}

/// Where each line of a [`Source`] starts, and character counts.
#[derive(Debug)]
struct Index {
    line_starts: Vec<usize>,
    /// Characters before every [`MARK`]-th byte (at the char boundary at or
    /// below it); empty for ASCII text, where bytes are characters. Columns
    /// are counted from the nearest mark, so a finding on a single-line file
    /// of any length costs O(MARK), not O(line): this was what made checking
    /// a minified HAR quadratic.
    marks: Vec<usize>,
}

impl Index {
    fn new(text: &str) -> Index {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_lines(text));
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let mut chars = 0;
            let mut prev = 0;
            for k in (0..text.len()).step_by(MARK) {
                let mut b = k;
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                chars += text[prev..b].chars().count();
                prev = b;
                marks.push(chars);
            }
        }
        Index { line_starts, marks }
    }
}

/// Bytes between two character-count marks.
const MARK: usize = 4096;

/// What [`Source::read_walked`] asks of a file in its first read: Plain's
/// SDK documents are 700 bytes on average, its largest 9 KB.
const FIRST_READ: usize = 16 * 1024;

/// Offsets just after each line break (memchr's vector search: a byte at a
/// time this was 2 % of a run, when every file read was indexed).
fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
}

/// A 1-based line and column (column in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

/// A file opened by [`Source::open`], with its size and whether it is a
/// regular file, from one `fstat`.
#[derive(Debug)]
pub(crate) struct Opened {
    pub(crate) file: std::fs::File,
    size: u64,
    regular: bool,
}

/// Why a file could not be turned into a [`Source`].
#[derive(Debug)]
pub enum ReadError {
    /// The OS refused (missing file, permission, a directory...).
    Io(std::io::Error),
    /// Larger than the limit given: (size, limit).
    TooLarge(u64, u64),
    /// Not UTF-8: the first bad byte's offset, line and column.
    NotUtf8 { offset: usize, at: LineCol },
}

impl Source {
    /// Wraps text already in memory.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Source {
            path: path.into(),
            text: text.into(),
            index: std::sync::OnceLock::new(),
        })
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(&self.text))
    }

    /// Reads a file, refusing ones over `max_bytes` and non-UTF-8 ones
    /// without reading them whole more than once.
    pub fn read(path: &Path, max_bytes: u64) -> Result<Arc<Self>, ReadError> {
        // Open, then ask the open file its size: one path lookup per file
        // (a project's documents are read by the hundred).
        let opened = Self::open(path)?;
        Self::read_rest(path, opened, Vec::new(), max_bytes)
    }

    /// [`Source::read`] of a file a folder walk found to be a regular file,
    /// without `fstat`: a first read of up to [`FIRST_READ`] bytes into a
    /// buffer on the stack, then reads to the end (one more `read`, which
    /// finds it, for most files). A read shorter than asked for is not
    /// taken for the end: a FUSE or network file system may return one
    /// mid-file. A project's documents are read by the hundred on every
    /// pre-commit run, and those system calls are most of its cost beyond
    /// the schema. A file over `max_bytes` is refused as `TooLarge` with the
    /// bytes read (at most one past the limit), not the file's size: the
    /// read-ahead, its one caller, drops the error and leaves the file to
    /// the run, which reports it.
    pub(crate) fn read_walked(path: &Path, max_bytes: u64) -> Result<Arc<Self>, ReadError> {
        use std::io::Read;
        let mut file = std::fs::File::open(path).map_err(ReadError::Io)?;
        let mut first = [0u8; FIRST_READ];
        let want = usize::try_from(max_bytes.saturating_add(1)).unwrap_or(usize::MAX).min(FIRST_READ);
        let n = loop {
            match file.read(&mut first[..want]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ReadError::Io(e)),
            }
        };
        let mut bytes = first[..n].to_vec();
        if n > 0 {
            // To the end (a read of 0 bytes), at most a byte past the limit.
            let left = max_bytes.saturating_add(1).saturating_sub(n as u64);
            file.take(left).read_to_end(&mut bytes).map_err(ReadError::Io)?;
        }
        Self::from_bytes(path.display().to_string(), bytes, max_bytes)
    }

    /// Opens a file to read (a folder refused), with what `fstat` says of
    /// it (asked once: [`Source::read_rest`] takes the size from here).
    pub(crate) fn open(path: &Path) -> Result<Opened, ReadError> {
        let file = std::fs::File::open(path).map_err(ReadError::Io)?;
        let meta = file.metadata().map_err(ReadError::Io)?;
        if meta.is_dir() {
            return Err(ReadError::Io(std::io::Error::other("is a directory")));
        }
        Ok(Opened {
            file,
            size: meta.len(),
            regular: meta.is_file(),
        })
    }

    /// [`Source::read`] of a file opened by [`Source::open`] whose first
    /// bytes, `head`, were read already (to tell its content).
    pub(crate) fn read_rest(path: &Path, opened: Opened, head: Vec<u8>, max_bytes: u64) -> Result<Arc<Self>, ReadError> {
        use std::io::Read;
        let Opened { mut file, size, regular } = opened;
        if size > max_bytes {
            return Err(ReadError::TooLarge(size, max_bytes));
        }
        let mut bytes = head;
        let want = usize::try_from(size).unwrap_or(0);
        // A regular file is read to the size `fstat` gave (the file as it
        // stood when opened): the read past its end is then `Take`'s, not a
        // syscall's (one per file, and files are read by the hundred). Pipes,
        // process substitutions and files the OS sizes at 0 (/proc) are read
        // to their end; either way at most one byte past the limit.
        let (limit, room) = if regular && want > 0 {
            let rest = want.saturating_sub(bytes.len());
            (rest as u64, rest)
        } else {
            let left = max_bytes.saturating_add(1).saturating_sub(bytes.len() as u64);
            (left, want.saturating_sub(bytes.len()).saturating_add(1))
        };
        bytes.reserve(room);
        file.by_ref().take(limit).read_to_end(&mut bytes).map_err(ReadError::Io)?;
        Self::from_bytes(path.display().to_string(), bytes, max_bytes)
    }

    /// Decodes bytes as UTF-8 (a leading byte-order mark is dropped),
    /// refusing more than `max_bytes`.
    pub fn from_bytes(path: String, bytes: Vec<u8>, max_bytes: u64) -> Result<Arc<Self>, ReadError> {
        if bytes.len() as u64 > max_bytes {
            return Err(ReadError::TooLarge(bytes.len() as u64, max_bytes));
        }
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                Ok(Self::new(path, text))
            }
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                // The prefix up to the bad byte is valid UTF-8 by construction.
                let prefix = String::from_utf8_lossy(&bytes[..offset]);
                let line = prefix.matches('\n').count() + 1;
                let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                Err(ReadError::NotUtf8 {
                    offset,
                    at: LineCol { line, column: col },
                })
            }
        }
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line_starts = &self.index().line_starts;
        let line_idx = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = line_starts.get(line_idx).copied().unwrap_or(0);
        let mut end = offset;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.chars_before(end) - self.chars_before(start) + 1;
        LineCol {
            line: line_idx + 1,
            column,
        }
    }

    /// Characters before byte `at` (a char boundary), from the nearest mark.
    fn chars_before(&self, at: usize) -> usize {
        let marks = &self.index().marks;
        if marks.is_empty() {
            return at;
        }
        let k = (at / MARK).min(marks.len() - 1);
        let mut b = k * MARK;
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        marks[k] + self.text.get(b..at).map_or(0, |s| s.chars().count())
    }

    /// The byte offset of a 1-based line and column (clamped to the text).
    pub fn offset_of(&self, at: LineCol) -> usize {
        let Some(&start) = self.index().line_starts.get(at.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = self.text.get(start..).unwrap_or("");
        let line = rest.split('\n').next().unwrap_or("");
        start + line.char_indices().nth(at.column.saturating_sub(1)).map_or(line.len(), |(i, _)| i)
    }

    /// The 1-based line holding byte `offset`, and where that line starts.
    pub(crate) fn line_at(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = &self.index().line_starts;
        let idx = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        (idx + 1, line_starts.get(idx).copied().unwrap_or(0))
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.index().line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let rest = self.text.get(start..).unwrap_or("");
        rest.split('\n').next().unwrap_or("").trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_read_to_their_size_and_files_sized_zero_to_their_end() {
        let dir = std::env::temp_dir().join(format!("pc-source-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let f = dir.join("a.graphql");
        std::fs::write(&f, "query { a }\n").expect("written");
        assert_eq!(Source::read(&f, 1 << 20).expect("read").text, "query { a }\n");
        std::fs::write(&f, "").expect("written");
        assert_eq!(Source::read(&f, 1 << 20).expect("read").text, "");
        assert!(matches!(Source::read(&dir, 1 << 20), Err(ReadError::Io(_))));
        std::fs::write(&f, "x".repeat(10)).expect("written");
        assert!(matches!(Source::read(&f, 9), Err(ReadError::TooLarge(10, 9))));
        // The OS says 0 bytes and has more: read to the end.
        let proc_status = Path::new("/proc/self/status");
        if proc_status.exists() {
            assert!(Source::read(proc_status, 1 << 20).expect("read").text.contains("Name:"));
            assert!(matches!(Source::read(proc_status, 8), Err(ReadError::TooLarge(9, 8))));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A walked file is read as any file is, whatever its size around the
    /// first read's and the limit: the same text, or the same refusal.
    #[test]
    fn walked_files_read_as_any_file() {
        let dir = std::env::temp_dir().join(format!("pc-source-walked-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let f = dir.join("a.graphql");
        let kind = |r: &Result<Arc<Source>, ReadError>| match r {
            Ok(s) => format!("ok {:?}", s.text),
            Err(ReadError::TooLarge(..)) => "too large".into(),
            Err(ReadError::NotUtf8 { offset, at }) => format!("not UTF-8 at {offset} {at:?}"),
            Err(ReadError::Io(e)) => format!("io {:?}", e.kind()),
        };
        let mut compared = 0;
        for len in [0, 1, 700, FIRST_READ - 1, FIRST_READ, FIRST_READ + 1, 3 * FIRST_READ + 5] {
            for body in [
                "x".repeat(len),
                format!("\u{feff}{}", "y".repeat(len)),
                format!("{}\u{ff}z", "q".repeat(len)),
            ] {
                let mut bytes = body.into_bytes();
                if len % 2 == 1 {
                    // A byte that is not UTF-8 near the end.
                    if let Some(b) = bytes.last_mut() {
                        *b = 0xFF;
                    }
                }
                std::fs::write(&f, &bytes).expect("written");
                for max in [0, 1, len as u64, len as u64 + 3, FIRST_READ as u64, 1 << 20] {
                    let (a, b) = (Source::read(&f, max), Source::read_walked(&f, max));
                    assert_eq!(kind(&a), kind(&b), "{} bytes, limit {max}", bytes.len());
                    compared += 1;
                }
            }
        }
        assert_eq!(kind(&Source::read_walked(&dir, 1 << 20)), "io IsADirectory");
        assert!(compared > 100);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn line_col_round_trip() {
        let s = Source::new("t", "ab\nçd\n\nx");
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(3), LineCol { line: 2, column: 1 });
        // 'd' is after a two-byte character: byte 5, column 2.
        assert_eq!(s.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(s.offset_of(LineCol { line: 2, column: 2 }), 5);
        assert_eq!(s.line_col(8), LineCol { line: 4, column: 1 });
        assert_eq!(s.line_text(2), "çd");
    }

    /// Columns counted from the marks agree with counting from the line's
    /// start, on a long single line of mixed one- to four-byte characters.
    #[test]
    fn columns_on_a_long_non_ascii_line() {
        let text: String = (0..20_000)
            .map(|i| ['a', 'é', '€', '𝄞', '\n'][if i == 15_000 { 4 } else { i % 4 }])
            .collect();
        let s = Source::new("t", text.clone());
        for off in (0..text.len()).step_by(997).filter(|o| text.is_char_boundary(*o)) {
            let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
            let want = text[line_start..off].chars().count() + 1;
            assert_eq!(s.line_col(off).column, want, "offset {off}");
        }
    }

    #[test]
    fn non_utf8_is_located() {
        let err = Source::from_bytes("f".into(), b"ok\nab\xff".to_vec(), MAX_FILE_BYTES).unwrap_err();
        match err {
            ReadError::NotUtf8 { offset, at } => {
                assert_eq!(offset, 5);
                assert_eq!(at, LineCol { line: 2, column: 3 });
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
