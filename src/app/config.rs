//! The dashboard's small config file, `config.json` in the config folder:
//! `{"theme": "dark" | "light" | "mono", "keys": {"context.action": "key" | ["key", ...]}}`.
//!
//! A broken config never stops the dashboard: the problems are shown in the status line and the
//! defaults are used for whatever could not be read.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::keymap::Keymap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "mono" => Some(ThemeName::Mono),
            _ => None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    keys: BTreeMap<String, OneOrMany>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// What the config file asks for, already applied to the default keymap.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub theme: ThemeName,
    pub keymap: Keymap,
    /// Everything that was wrong with the file, one line each.
    pub problems: Vec<String>,
}

impl Config {
    /// Reads the config from its text. `no_color` (the `NO_COLOR` convention) forces mono.
    pub fn from_json(text: &str, no_color: bool) -> Config {
        let mut config = Config::default();
        match serde_json::from_str::<RawConfig>(text) {
            Ok(raw) => {
                if let Some(t) = raw.theme {
                    match ThemeName::parse(&t) {
                        Some(theme) => config.theme = theme,
                        None => config.problems.push(format!(
                            "theme: `{t}` is not a theme (expected dark, light or mono)"
                        )),
                    }
                }
                let keys = raw
                    .keys
                    .into_iter()
                    .map(|(k, v)| {
                        let v = match v {
                            OneOrMany::One(s) => vec![s],
                            OneOrMany::Many(v) => v,
                        };
                        (k, v)
                    })
                    .collect();
                let problems = config.keymap.apply_overrides(&keys);
                config.problems.extend(problems);
            }
            Err(e) => config.problems.push(format!("{e}")),
        }
        if no_color {
            config.theme = ThemeName::Mono;
        }
        config
    }

    /// The defaults, with `NO_COLOR` honoured.
    pub fn defaults(no_color: bool) -> Config {
        let mut c = Config::default();
        if no_color {
            c.theme = ThemeName::Mono;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::Key;
    use crate::app::keymap::{Action, Context};

    #[test]
    fn theme_and_keys_are_read() {
        let c = Config::from_json(
            r#"{"theme": "light", "keys": {"global.quit": ["q", "ctrl-q"]}}"#,
            false,
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(
            c.keymap.lookup(&[Context::Global], Key::ctrl('q')),
            Some((Context::Global, Action::Quit))
        );
    }

    #[test]
    fn no_color_wins_over_the_file() {
        let c = Config::from_json(r#"{"theme": "dark"}"#, true);
        assert_eq!(c.theme, ThemeName::Mono);
    }

    #[test]
    fn a_broken_file_keeps_the_defaults_and_says_why() {
        let c = Config::from_json(r#"{"theme": "neon", "colour": 1}"#, false);
        assert_eq!(c.theme, ThemeName::Dark);
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].contains("colour"), "{:?}", c.problems);
        let c = Config::from_json(r#"{"theme": "neon"}"#, false);
        assert!(c.problems[0].contains("dark, light or mono"));
    }
}
