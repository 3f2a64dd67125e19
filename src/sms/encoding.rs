//! The local estimate of how a body is sent: GSM-7 or UCS-2,
//! its length in units and the number of parts.

use serde::Serialize;

const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED: &str = "|^€{}[]~\\\u{c}";

/// Text encoding of an SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// GSM 03.38 7-bit.
    #[serde(rename = "GSM")]
    Gsm7,
    /// UCS-2 (any character outside GSM-7).
    #[serde(rename = "UCS-2")]
    Ucs2,
}

impl Encoding {
    /// The encoding's name and its unit (singular; `count` adds the plural), for messages.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Encoding::Gsm7 => ("GSM-7", "septet"),
            Encoding::Ucs2 => ("UCS-2", "UTF-16 unit"),
        }
    }
}

/// Encoding, length in units (GSM septets or UTF-16 code units) and parts.
pub fn estimate(body: &str) -> (Encoding, usize, usize) {
    let mut septets = 0;
    let mut gsm = true;
    for c in body.chars() {
        if GSM_BASIC.contains(c) {
            septets += 1;
        } else if GSM_EXTENDED.contains(c) {
            septets += 2;
        } else {
            gsm = false;
            break;
        }
    }
    let (enc, units, single, multi) = if gsm {
        (Encoding::Gsm7, septets, 160, 153)
    } else {
        (Encoding::Ucs2, body.encode_utf16().count(), 70, 67)
    };
    let parts = if units <= single {
        1
    } else {
        units.div_ceil(multi)
    };
    (enc, units, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_and_parts() {
        assert_eq!(estimate("hello"), (Encoding::Gsm7, 5, 1));
        assert_eq!(estimate(&"a".repeat(160)), (Encoding::Gsm7, 160, 1));
        assert_eq!(estimate(&"a".repeat(161)), (Encoding::Gsm7, 161, 2));
        assert_eq!(estimate("€"), (Encoding::Gsm7, 2, 1));
        assert_eq!(estimate("Привет"), (Encoding::Ucs2, 6, 1));
        assert_eq!(estimate(&"ж".repeat(71)), (Encoding::Ucs2, 71, 2));
        assert_eq!(estimate(&"ж".repeat(135)), (Encoding::Ucs2, 135, 3));
        assert_eq!(estimate("👋"), (Encoding::Ucs2, 2, 1));
    }
}
