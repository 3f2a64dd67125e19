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

/// The one message for a value outside its flag's range, with the bounds as
/// a person writes them: `"0s" is out of range; use 100ms to 10m`.
pub fn out_of_range(text: &str, min: &str, max: &str) -> String {
    format!("{text:?} is out of range; use {min} to {max}")
}

/// Parses a duration and checks `min <= d <= max`.
pub fn parse_duration_in(text: &str, min: Duration, max: Duration) -> Result<Duration, String> {
    let d = parse_duration(text)?;
    if d < min || d > max {
        return Err(out_of_range(text, &show_duration(min), &show_duration(max)));
    }
    Ok(d)
}

/// Parses a size and checks `min <= n <= max`.
pub fn parse_size_in(text: &str, min: usize, max: usize) -> Result<usize, String> {
    let n = parse_size(text)?;
    if n < min || n > max {
        return Err(out_of_range(text, &show_size(min), &show_size(max)));
    }
    Ok(n)
}

/// A parser for a whole number from `min` to `max` (inclusive) of type `T`,
/// for clap's `value_parser`: `int_in::<u16>(1, 65_535)`.
pub fn int_in<T: TryFrom<i128>>(
    min: i128,
    max: i128,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let n: i128 = text
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not a whole number; write e.g. {min}"))?;
        if n < min || n > max {
            return Err(out_of_range(text, &min.to_string(), &max.to_string()));
        }
        T::try_from(n).map_err(|_| out_of_range(text, &min.to_string(), &max.to_string()))
    }
}

/// Parses a finite number and checks `min <= x <= max` (NaN and infinities are out of range).
pub fn parse_f64_in(text: &str, min: f64, max: f64) -> Result<f64, String> {
    let x: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number; write e.g. 0.5 or 10"))?;
    if !(min..=max).contains(&x) {
        return Err(out_of_range(text, &min.to_string(), &max.to_string()));
    }
    Ok(x)
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

/// A size as a person writes it: `1B`, `512KiB`, `64MiB` (bytes when not a whole KiB).
pub fn show_size(n: usize) -> String {
    match n {
        n if n >= 1 << 20 && n.is_multiple_of(1 << 20) => format!("{}MiB", n >> 20),
        n if n >= 1 << 10 && n.is_multiple_of(1 << 10) => format!("{}KiB", n >> 10),
        n => format!("{n}B"),
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
        assert_eq!(
            parse_size_in("65MiB", 1, 64 << 20).unwrap_err(),
            "\"65MiB\" is out of range; use 1B to 64MiB"
        );
        assert_eq!(parse_size_in("2KiB", 1, 64 << 20), Ok(2048));
        for bad in ["inf", "NaN", "-1", "1e308", "0.001"] {
            assert_eq!(
                parse_f64_in(bad, 0.01, 10_000.0).unwrap_err(),
                format!("{bad:?} is out of range; use 0.01 to 10000")
            );
        }
        assert!(
            parse_f64_in("fast", 0.01, 1.0)
                .unwrap_err()
                .contains("not a number")
        );
        assert_eq!(parse_f64_in("0.5", 0.0, 100.0), Ok(0.5));
        let port = int_in::<u16>(0, 65_535);
        assert_eq!(port("8080"), Ok(8080));
        assert_eq!(
            port("99999").unwrap_err(),
            "\"99999\" is out of range; use 0 to 65535"
        );
        assert!(
            port("99999999999999999999999999999999999999999")
                .unwrap_err()
                .contains("whole number")
        );
        assert_eq!(int_in::<i64>(-5, 5)("-1"), Ok(-1));
    }
}
