//! Bounded reads: a file or stdin read whole but refused past a size limit,
//! so no input (`/dev/zero`, a huge capture) can exhaust memory.

use std::io::{self, Read};
use std::path::Path;

/// The file at `path`, or stdin when `path` is `-`.
pub fn open_or_stdin(path: &Path) -> io::Result<Box<dyn Read>> {
    if path == Path::new("-") {
        Ok(Box::new(io::stdin().lock()))
    } else {
        Ok(Box::new(std::fs::File::open(path)?))
    }
}

/// Reads `from` to its end; `None` when it holds more than `limit` bytes
/// (at most `limit + 1` bytes are read).
pub fn read_at_most(from: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    from.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_one_byte_past_the_limit() {
        assert_eq!(read_at_most(&b"abc"[..], 3).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_at_most(&b"abcd"[..], 3).unwrap(), None);
        assert_eq!(read_at_most(io::repeat(0), 1 << 10).unwrap(), None);
    }
}
