//! The sentiment field: shows the automatic score of the note as it is typed, and takes a manual
//! override either as a number in -1..1 or as one of five steps (`--`, `-`, `0`, `+`, `++`).

use crossterm::event::{KeyCode, KeyEvent};

use super::line_input::{Edit, LineInput};
use crate::sentiment::{Polarity, polarity};

/// The five-step picker's values, most negative first.
pub const STEPS: [f64; 5] = [-1.0, -0.5, 0.0, 0.5, 1.0];

/// Parses a manual sentiment: empty or `auto` means none (score the note automatically).
pub fn parse_sentiment(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    let v = match t.to_ascii_lowercase().as_str() {
        "" | "auto" => return Ok(None),
        "++" => 1.0,
        "+" => 0.5,
        "0" => 0.0,
        "-" => -0.5,
        "--" => -1.0,
        _ => match t.strip_prefix('+').unwrap_or(t).parse::<f64>() {
            Ok(v) if v.is_finite() && (-1.0..=1.0).contains(&v) => v,
            Ok(v) if v.is_finite() => {
                return Err(format!(
                    "{t} is outside -1..1 (-1 very negative, +1 very positive)"
                ));
            }
            _ => {
                return Err(format!(
                    "`{t}` is not a sentiment (expected auto, --, -, 0, +, ++ or a number from -1 to 1)"
                ));
            }
        },
    };
    Ok(Some(v))
}

/// A word for a score, so meaning is never carried by colour alone.
pub fn describe_score(score: f64) -> String {
    let word = match polarity(score) {
        Polarity::Positive if score >= 0.75 => "very positive",
        Polarity::Positive => "positive",
        Polarity::Negative if score <= -0.75 => "very negative",
        Polarity::Negative => "negative",
        Polarity::Neutral => "neutral",
    };
    format!("{score:+.2} {word}")
}

#[derive(Clone, Debug, PartialEq)]
pub struct SentimentInput {
    pub input: LineInput,
    /// The note's automatic score, kept current by the form as the note changes.
    pub auto: Option<f64>,
    /// The note's language when it is not English (and so not scored automatically).
    pub language: Option<&'static str>,
    /// Whether automatic scoring is on in the store's settings.
    pub auto_enabled: bool,
}

impl SentimentInput {
    pub fn new(auto_enabled: bool) -> SentimentInput {
        SentimentInput {
            input: LineInput::default(),
            auto: None,
            language: None,
            auto_enabled,
        }
    }

    pub fn manual(&self) -> Result<Option<f64>, String> {
        parse_sentiment(self.input.text())
    }

    /// What the field says next to the input: the live automatic score, or how the manual one
    /// compares with it.
    pub fn summary(&self) -> String {
        let auto = match (self.auto_enabled, self.auto) {
            (false, _) => "automatic scoring is off".to_string(),
            (true, _) if let Some(code) = self.language => format!(
                "not scored: {code}, {} (only English is scored automatically; score it here)",
                crate::language::name(code)
            ),
            (true, None) => "auto: no note to score".to_string(),
            (true, Some(s)) => format!("auto {}", describe_score(s)),
        };
        match self.manual() {
            Ok(Some(v)) => format!("manual {} · {auto}", describe_score(v)),
            _ => auto,
        }
    }

    /// Up/Down step to the next of the five values above or below the current one (the manual
    /// value, else the automatic score, else neutral); other keys edit the text.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        let up = match key.code {
            KeyCode::Up => true,
            KeyCode::Down => false,
            _ => return self.input.handle_key(key),
        };
        let current = self.manual().ok().flatten().or(self.auto).unwrap_or(0.0);
        let next = if up {
            STEPS.iter().copied().find(|s| *s > current + 1e-9)
        } else {
            STEPS.iter().rev().copied().find(|s| *s < current - 1e-9)
        };
        let Some(next) = next else {
            return Edit::Moved;
        };
        let text = match next {
            0.0 => "0".to_string(),
            v => format!("{v:+}"),
        };
        if text == self.input.text() {
            return Edit::Moved;
        }
        self.input.set(&text);
        Edit::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    #[test]
    fn manual_values_in_words_steps_and_numbers() {
        let table = [
            ("", Ok(None)),
            ("auto", Ok(None)),
            ("++", Ok(Some(1.0))),
            ("+", Ok(Some(0.5))),
            ("0", Ok(Some(0.0))),
            ("-", Ok(Some(-0.5))),
            ("--", Ok(Some(-1.0))),
            ("+1", Ok(Some(1.0))),
            ("-0.3", Ok(Some(-0.3))),
            (".25", Ok(Some(0.25))),
        ];
        for (text, want) in table {
            assert_eq!(parse_sentiment(text), want, "{text:?}");
        }
        assert!(parse_sentiment("2").unwrap_err().contains("outside -1..1"));
        assert!(
            parse_sentiment("nice")
                .unwrap_err()
                .contains("expected auto")
        );
        assert!(parse_sentiment("NaN").is_err());
    }

    #[test]
    fn arrows_step_from_the_automatic_score() {
        let mut s = SentimentInput::new(true);
        s.auto = Some(0.64);
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        // From auto +0.64 the next step up is +1, the next down +0.5.
        s.handle_key(&up);
        assert_eq!(s.input.text(), "+1");
        assert_eq!(s.handle_key(&up), Edit::Moved, "+1 is the top");
        s.handle_key(&down);
        s.handle_key(&down);
        s.handle_key(&down);
        assert_eq!(s.input.text(), "-0.5");
        assert_eq!(s.manual(), Ok(Some(-0.5)));
    }

    #[test]
    fn summary_shows_auto_and_manual_in_words() {
        let mut s = SentimentInput::new(true);
        s.auto = Some(0.6249);
        assert_eq!(s.summary(), "auto +0.62 positive");
        s.input.set("--");
        assert_eq!(
            s.summary(),
            "manual -1.00 very negative · auto +0.62 positive"
        );
        let off = SentimentInput::new(false);
        assert_eq!(off.summary(), "automatic scoring is off");
    }
}
