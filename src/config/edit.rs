//! Edits of one key in one profile of the config file text (`config set` /
//! `config unset`), keeping every comment, the layout and the other keys.

use anyhow::{Result, anyhow};
use toml_edit::{DocumentMut, Item, Table, TableLike};

use super::keys::SettingKey;

fn document(text: &str) -> Result<DocumentMut> {
    // The caller has already parsed the file with `config::parse`, whose
    // error hides secrets; this only fails on text that parse refused.
    text.parse::<DocumentMut>().map_err(|_| {
        anyhow!("the config file is not valid TOML; run `sinchctl config show` for details")
    })
}

fn profile_table<'d>(doc: &'d mut DocumentMut, profile: &str) -> Result<&'d mut dyn TableLike> {
    let profiles = doc.entry("profiles").or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(true);
        Item::Table(t)
    });
    let profiles = profiles
        .as_table_like_mut()
        .ok_or_else(|| anyhow!("`profiles` in the config file is not a table"))?;
    let table = profiles.entry(profile).or_insert(Item::Table(Table::new()));
    table
        .as_table_like_mut()
        .ok_or_else(|| anyhow!("`profiles.{profile}` in the config file is not a table"))
}

/// `text` with `key = value` set in `[profiles.PROFILE]` (created if missing).
pub fn set(text: &str, profile: &str, key: SettingKey, value: &str) -> Result<String> {
    let mut doc = document(text)?;
    let table = profile_table(&mut doc, profile)?;
    match table.get_mut(key.name()).and_then(Item::as_value_mut) {
        // Replace the value in place so the key's comments and the line's tail stay.
        Some(old) => {
            let decor = old.decor().clone();
            *old = toml_edit::Value::from(value);
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key.name(), toml_edit::value(value));
        }
    }
    Ok(doc.to_string())
}

/// `text` without `key` in `[profiles.PROFILE]`, and whether it was there.
pub fn unset(text: &str, profile: &str, key: SettingKey) -> Result<(String, bool)> {
    let mut doc = document(text)?;
    let present = doc
        .get("profiles")
        .and_then(|p| p.get(profile))
        .and_then(|p| p.get(key.name()))
        .is_some();
    if present {
        profile_table(&mut doc, profile)?.remove(key.name());
    }
    Ok((doc.to_string(), present))
}

/// `text` with `[profiles.PROFILE]` holding exactly `values` (replacing any
/// table of that name in place); with `make_default`, `default_profile` names
/// it. Otherwise `default_profile` is left alone (absent, `default` is used).
pub fn put_profile(
    text: &str,
    profile: &str,
    values: &[(SettingKey, String)],
    make_default: bool,
) -> Result<String> {
    let mut doc = document(text)?;
    if make_default {
        doc.insert("default_profile", toml_edit::value(profile));
    }
    let table = profile_table(&mut doc, profile)?;
    table.clear();
    for spec in &super::keys::KEYS {
        if let Some((_, v)) = values.iter().find(|(k, _)| *k == spec.key) {
            table.insert(spec.name, toml_edit::value(v.as_str()));
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_unset_keep_comments_and_other_keys() {
        let text = "# mine\ndefault_profile = \"a\"\n\n[profiles.a]\n# the region\nregion = \"eu\" # inline\nfrom = \"+1\"\n";
        let out = set(text, "a", SettingKey::Region, "us").unwrap();
        assert!(
            out.contains("# mine") && out.contains("# the region") && out.contains("from = \"+1\""),
            "{out}"
        );
        assert!(out.contains("region = \"us\""), "{out}");
        let out = set(&out, "b", SettingKey::From, "+2").unwrap();
        assert!(
            out.contains("[profiles.b]") && !out.contains("[profiles]\n"),
            "{out}"
        );
        let (out, was) = unset(&out, "a", SettingKey::From).unwrap();
        assert!(
            was && !out.contains("+1") && out.contains("# mine"),
            "{out}"
        );
        assert!(!unset(&out, "a", SettingKey::From).unwrap().1);
        let out = set("", "default", SettingKey::ApiToken, "t").unwrap();
        assert!(crate::config::parse(&out).is_ok(), "{out}");
        let out = put_profile(
            "# top\n[profiles.x]\nfrom = \"+1\"\n",
            "x",
            &[(SettingKey::Region, "eu".into())],
            false,
        )
        .unwrap();
        let f = crate::config::parse(&out).unwrap();
        assert!(out.starts_with("# top"), "{out}");
        assert_eq!(f.default_profile, None);
        assert_eq!(f.profiles["x"].get(SettingKey::From), None);
        assert_eq!(f.profiles["x"].get(SettingKey::Region), Some("eu"));
        let out = put_profile("", "y", &[(SettingKey::Region, "eu".into())], true).unwrap();
        let f = crate::config::parse(&out).unwrap();
        assert_eq!(f.default_profile.as_deref(), Some("y"));
    }
}
