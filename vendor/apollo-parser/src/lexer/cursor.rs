use crate::Error;

/// Peekable iterator over a char sequence.
///
/// Patched (see `PATCHES.md` beside `Cargo.toml`): the position of the next
/// character is a byte index, `next`, where upstream kept a `CharIndices`
/// iterator, so that the lexer can skip a run of characters at once
/// (`skip_bytes`). Reading a character is the same as `CharIndices::next`.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    index: usize,
    pub(super) offset: usize,
    pub(super) source: &'a str,
    next: usize,
    pending: Option<char>,
    pub(crate) err: Option<Error>,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(input: &'a str) -> Cursor<'a> {
        Cursor {
            index: 0,
            offset: 0,
            pending: None,
            source: input,
            next: 0,
            err: None,
        }
    }

    /// The next character and its byte index, as `CharIndices::next` gives
    /// them.
    #[inline]
    fn next_char(&mut self) -> Option<(usize, char)> {
        let pos = self.next;
        let bytes = self.source.as_bytes();
        let b = *bytes.get(pos)?;
        let c = if b < 0x80 {
            self.next = pos + 1;
            b as char
        } else {
            // `next` is always on a character boundary.
            let c = self.source[pos..].chars().next()?;
            self.next = pos + c.len_utf8();
            c
        };
        Some((pos, c))
    }

    /// Skips the characters from the next one up to, not including, the
    /// first byte for which `stop` holds (or the end), as if each had been
    /// read by `bump` and matched by a state that stays where it is. Only
    /// called with no character pending; `stop` must hold for every byte
    /// that can begin a character the calling state does not skip, and for
    /// no byte inside a multi-byte character it skips. The `stop`s used here
    /// either hold for every non-ASCII byte (names, whitespace: no
    /// multi-byte character is skipped) or only for ASCII bytes (comments,
    /// strings), which never occur inside a multi-byte character.
    #[inline]
    pub(super) fn skip_bytes(&mut self, stop: impl Fn(u8) -> bool) {
        debug_assert!(self.pending.is_none());
        let bytes = self.source.as_bytes();
        let start = self.next;
        let mut end = start;
        while end < bytes.len() && !stop(bytes[end]) {
            end += 1;
        }
        if end > start {
            // `offset` is where the last character read begins.
            let mut last = end - 1;
            while !self.source.is_char_boundary(last) {
                last -= 1;
            }
            self.offset = last;
            self.next = end;
        }
    }
}

impl<'a> Cursor<'a> {
    /// Current place (index) in the cursor.
    pub(crate) fn index(&self) -> usize {
        self.index
    }

    /// Return true if the current state is pending.
    pub(crate) fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Moves to the next character.
    pub(crate) fn prev_str(&mut self) -> &'a str {
        let slice = &self.source[self.index..self.offset];

        self.index = self.offset;
        self.pending = self
            .source
            .get(self.offset..)
            .and_then(|subslice| subslice.chars().next());

        slice
    }

    /// Moves to the next character.
    pub(crate) fn current_str(&mut self) -> &'a str {
        self.pending = None;

        if let Some((pos, next)) = self.next_char() {
            let current = self.index;

            self.index = pos;
            self.offset = pos;
            self.pending = Some(next);

            self.source.get(current..pos)
        } else {
            let current = self.index;
            self.index = self.source.len() - 1;

            self.source.get(current..)
        }
        .unwrap()
    }

    /// Moves to the next character.
    pub(crate) fn bump(&mut self) -> Option<char> {
        if self.pending.is_some() {
            return self.pending.take();
        }

        if self.offset == self.source.len() {
            return None;
        }

        let (pos, c) = self.next_char()?;
        self.offset = pos;

        Some(c)
    }

    /// Moves to the next character.
    pub(crate) fn eatc(&mut self, c: char) -> bool {
        if self.pending.is_some() {
            panic!("dont call eatc when a character is pending");
        }

        if let Some((pos, c_in)) = self.next_char() {
            self.offset = pos;

            if c_in == c {
                return true;
            }

            self.pending = Some(c_in);
        }

        false
    }

    /// Get current error object in the cursor.
    pub(crate) fn err(&mut self) -> Option<Error> {
        self.err.clone()
    }

    /// Drains the current pending characters.
    pub(crate) fn drain(&mut self) -> &'a str {
        self.pending = None;
        let start = self.index;
        self.index = self.source.len() - 1;

        self.source.get(start..=self.index).unwrap()
    }

    /// Add error object to the cursor.
    pub(crate) fn add_err(&mut self, err: Error) {
        self.err = Some(err)
    }
}
