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
    if text.trim().is_empty() {
        return None;
    }
    Some(analyzer().polarity_scores(text).compound)
}

/// Sets an interaction's automatic sentiment from its note, unless a person set it by hand or the
/// store's settings turn automatic scoring off. Called whenever a note is written or changed.
pub fn rescore(x: &mut Interaction, settings: &Settings) {
    if matches!(
        x.sentiment,
        Some(Sentiment {
            source: SentimentSource::Manual,
            ..
        })
    ) {
        return;
    }
    x.sentiment = if settings.auto_sentiment {
        score_text(&x.note).map(|score| Sentiment {
            score,
            source: SentimentSource::Auto,
        })
    } else {
        None
    };
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
}
