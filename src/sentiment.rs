//! Automatic sentiment of a note: VADER's compound score (-1..1), matching the Python reference.
//!
//! The analyzer parses its lexicons once (about 11,000 lines), so it is built on first use and
//! shared for the life of the process.

use std::sync::OnceLock;

use vader_parity::SentimentIntensityAnalyzer;

use crate::store::{Interaction, Sentiment, SentimentSource, Settings};

/// Compound score at or above which a text counts as positive (VADER's own convention).
pub const POSITIVE_AT: f64 = 0.05;
/// Compound score at or below which a text counts as negative.
pub const NEGATIVE_AT: f64 = -0.05;

fn analyzer() -> &'static SentimentIntensityAnalyzer {
    static A: OnceLock<SentimentIntensityAnalyzer> = OnceLock::new();
    A.get_or_init(SentimentIntensityAnalyzer::new)
}

/// VADER compound score of `text`, in -1..1; `None` for text with nothing to score.
pub fn score_text(text: &str) -> Option<f64> {
    // Emoji short codes alone (`:tada:`, an imported reaction's) are no words to judge: VADER
    // would call them neutral and pull every average towards 0.
    if text.trim().is_empty() || crate::language::only_short_codes(text) {
        return None;
    }
    Some(analyzer().polarity_scores(text).compound)
}

/// Sets an interaction's automatic sentiment from its note, unless a person set it by hand or the
/// store's settings turn automatic scoring off. Called whenever a note is written or changed.
///
/// A note confidently in another language than English is not scored (VADER would call it
/// neutral): its `language` says why, and it waits for a person's score.
pub fn rescore(x: &mut Interaction, settings: &Settings) {
    x.language = None;
    if !settings.auto_sentiment {
        if x.sentiment
            .is_some_and(|s| s.source == SentimentSource::Auto)
        {
            x.sentiment = None;
        }
        return;
    }
    x.language = crate::language::foreign(&x.note).map(str::to_string);
    if x.sentiment
        .is_some_and(|s| s.source == SentimentSource::Manual)
    {
        return;
    }
    x.sentiment = match x.language {
        Some(_) => None,
        None => score_text(&x.note).map(|score| Sentiment {
            score,
            source: SentimentSource::Auto,
        }),
    };
}

/// Whether an interaction's note waits for a person's score: it is in another language and
/// nobody has scored it.
pub fn waits_for_score(x: &Interaction) -> bool {
    x.language.is_some() && x.sentiment.is_none()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    Positive,
    Neutral,
    Negative,
}

pub fn polarity(score: f64) -> Polarity {
    if score >= POSITIVE_AT {
        Polarity::Positive
    } else if score <= NEGATIVE_AT {
        Polarity::Negative
    } else {
        Polarity::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Kind, Moment};

    #[test]
    fn scores_match_the_python_reference() {
        // Values from vaderSentiment 3.3.2's own README examples.
        assert_eq!(
            score_text("VADER is smart, handsome, and funny."),
            Some(0.8316)
        );
        assert_eq!(score_text("The book was kind of good."), Some(0.3832));
        assert_eq!(score_text("   "), None);
    }

    #[test]
    fn manual_sentiment_always_wins() {
        let day = Moment::parse("2026-11-20").unwrap();
        let mut x = Interaction::new(crate::store::new_id(), day, "email", Kind::Message);
        x.note = "This is terrible, I want a refund".into();
        rescore(&mut x, &Settings::default());
        assert!(x.sentiment.unwrap().score < NEGATIVE_AT);
        x.sentiment = Some(Sentiment {
            score: 0.5,
            source: SentimentSource::Manual,
        });
        rescore(&mut x, &Settings::default());
        assert_eq!(x.sentiment.unwrap().score, 0.5);
    }

    #[test]
    fn automatic_scoring_can_be_turned_off() {
        let day = Moment::parse("2026-11-20").unwrap();
        let mut x = Interaction::new(crate::store::new_id(), day, "email", Kind::Message);
        x.note = "Love it!".into();
        let off = Settings {
            auto_sentiment: false,
            ..Settings::default()
        };
        rescore(&mut x, &off);
        assert_eq!(x.sentiment, None);
    }

    /// VADER would call the French complaint neutral (0.00); it is left unscored instead, with
    /// its language, until a person scores it, and scored again once its note is English.
    #[test]
    fn a_note_in_another_language_waits_for_a_person() {
        let day = Moment::parse("2026-11-20").unwrap();
        let mut x = Interaction::new(crate::store::new_id(), day, "email", Kind::Message);
        x.note = "C'est nul, je suis très déçu".into();
        assert_eq!(score_text(&x.note), Some(0.0));
        rescore(&mut x, &Settings::default());
        assert_eq!((x.sentiment, x.language.as_deref()), (None, Some("fr")));
        assert!(waits_for_score(&x));

        x.sentiment = Some(Sentiment::manual(-0.8));
        rescore(&mut x, &Settings::default());
        assert_eq!(x.sentiment, Some(Sentiment::manual(-0.8)));
        assert!(!waits_for_score(&x));

        x.sentiment = None;
        x.note = "This is terrible, I want a refund".into();
        rescore(&mut x, &Settings::default());
        assert_eq!(x.language, None);
        assert!(x.sentiment.unwrap().score < NEGATIVE_AT);
    }
}
