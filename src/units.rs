//! Durations and sizes as people write them (`30s`, `1h30m`, `512KiB`), and
//! range checks for them: plain functions shared by the flag parsers and the
//! core (e.g. `send --send-at +10m`).

use std::time::Duration;

/// Parses a duration: `30s`, `5m`, `1h30m`, `250ms`, or plain seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    if let Ok(secs) = t.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let d: jiff::SignedDuration = t
        .parse()
        .map_err(|_| format!("{text:?} is not a duration; write e.g. 30s, 5m, 1h30m or 250ms"))?;
    Duration::try_from(d).map_err(|_| format!("{text:?} is negative; durations must be positive"))
}

/// Parses a duration and checks `min <= d <= max`.
pub fn parse_duration_in(text: &str, min: Duration, max: Duration) -> Result<Duration, String> {
    let d = parse_duration(text)?;
    if d < min || d > max {
        return Err(format!(
            "{text:?} is out of range; use {} to {}",
            show_duration(min),
            show_duration(max)
        ));
    }
    Ok(d)
}

/// A duration as a person writes it: `250ms`, `30s`, `2m`, `1h`, `1h30m`.
pub fn show_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if !ms.is_multiple_of(1000) {
        return format!("{ms}ms");
    }
    let s = d.as_secs();
    match (s / 3600, s % 3600 / 60, s % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (h, 0, 0) => format!("{h}h"),
        (h, m, 0) => format!("{h}h{m}m"),
        _ => format!("{s}s"),
    }
}

/// Parses a size: bytes, or with a unit: `512KiB`, `1MiB`, `2MB`, `64k`.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: usize = num
        .parse()
        .map_err(|_| format!("{text:?} is not a size; write e.g. 65536, 512KiB or 1MiB"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        _ => {
            return Err(format!(
                "{text:?}: unknown unit {unit:?}; use B, KB, KiB, MB or MiB"
            ));
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("1 parsec").is_err());
    }

    #[test]
    fn ranges() {
        let (lo, hi) = (Duration::from_millis(10), Duration::from_secs(3600));
        assert!(parse_duration_in("18446744073709551615", lo, hi).is_err());
        assert!(
            parse_duration_in("0", lo, hi)
                .unwrap_err()
                .contains("10ms to 1h")
        );
        assert_eq!(parse_duration_in("2s", lo, hi), Ok(Duration::from_secs(2)));
        assert_eq!(show_duration(Duration::from_secs(5400)), "1h30m");
    }
}
