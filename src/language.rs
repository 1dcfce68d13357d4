//! Which notes automatic sentiment can score: VADER reads English only, and gives a note in any
//! other language a score near 0 ("C'est nul, je suis très déçu" scores 0.00). Calling such a
//! note neutral would hide it from every figure and from the negative-feedback queue, so a note
//! confidently in another language is left unscored until a person scores it.
//!
//! Detection is offline (lingua, its models built into the binary) and limited to the languages
//! a community manager is likely to meet beside English; the models load on first use.

use std::sync::OnceLock;

use lingua::Language::{self, Dutch, English, French, German, Italian, Portuguese, Spanish};
use lingua::{LanguageDetector, LanguageDetectorBuilder};

/// The languages told apart, each with the code a store keeps (ISO 639-1).
const LANGUAGES: [(Language, &str); 7] = [
    (English, "en"),
    (French, "fr"),
    (German, "de"),
    (Spanish, "es"),
    (Portuguese, "pt"),
    (Italian, "it"),
    (Dutch, "nl"),
];

/// The codes a store may hold in an interaction's `language`: the languages told apart, and
/// `und` (ISO 639-2 "undetermined") for a note written mostly in another script (Japanese,
/// Arabic, Cyrillic, ...), which is certainly not English.
pub const CODES: [&str; 7] = ["fr", "de", "es", "pt", "it", "nl", "und"];

/// Latin letters end here (Latin Extended-B); Latin Extended Additional is checked apart.
const LAST_LATIN: char = '\u{024F}';

/// How sure the detector must be of the other language, and how unlikely English must be: a
/// short English note ("Meh", "Bad audio") must never go unscored, so the rule errs towards
/// English. On 61 short English notes and 30 foreign ones, it left every English note scored
/// and caught two thirds of the foreign ones (docs/METRICS.md).
const MIN_CONFIDENCE: f64 = 0.75;
const MAX_ENGLISH: f64 = 0.05;

fn detector() -> &'static LanguageDetector {
    static D: OnceLock<LanguageDetector> = OnceLock::new();
    D.get_or_init(|| {
        let languages: Vec<Language> = LANGUAGES.iter().map(|(l, _)| *l).collect();
        LanguageDetectorBuilder::from_languages(&languages).build()
    })
}

/// Words common in English and in none of the other languages told apart (so not `will`, a
/// German verb, nor `been` or `was`, Dutch words): a note holding two different ones is English
/// without asking the detector. The detector is the slowest part of writing a note (tens of
/// microseconds each), which a 100k-message import pays for every message.
const ENGLISH_ONLY: [&str; 34] = [
    "the", "and", "you", "your", "with", "this", "that", "have", "for", "are", "not", "but",
    "from", "thanks", "thank", "please", "what", "just", "our", "they", "there", "their", "about",
    "were", "which", "when", "where", "would", "could", "should", "great", "love", "good", "how",
];

/// Whether a note holds two different [`ENGLISH_ONLY`] words.
fn plainly_english(note: &str) -> bool {
    let mut first: Option<&str> = None;
    for word in note.split(|c: char| !c.is_alphabetic()).take(200) {
        if word.len() < 3 || word.len() > 7 {
            continue;
        }
        let lower = word.to_ascii_lowercase();
        if let Some(w) = ENGLISH_ONLY.iter().find(|w| **w == lower) {
            match first {
                Some(f) if f != *w => return true,
                _ => first = Some(w),
            }
        }
    }
    false
}

/// Whether a note is only emoji short codes (`:tada: :+1:`), as a reaction's is: no words.
pub(crate) fn only_short_codes(note: &str) -> bool {
    let mut any = false;
    for t in note.split_whitespace() {
        let inner = t.strip_prefix(':').and_then(|t| t.strip_suffix(':'));
        match inner {
            Some(i) if !i.is_empty() && !i.contains(':') => any = true,
            _ => return false,
        }
    }
    any
}

/// The language of `note` (its ISO 639-1 code) when it is confidently not English; `None` for
/// English, for text too short or mixed to tell, and for text with no letters.
pub fn foreign(note: &str) -> Option<&'static str> {
    if only_short_codes(note) {
        return None;
    }
    let (mut letters, mut latin) = (0usize, 0usize);
    for c in note.chars().take(1_000).filter(|c| c.is_alphabetic()) {
        letters += 1;
        latin += usize::from(c <= LAST_LATIN || ('\u{1E00}'..='\u{1EFF}').contains(&c));
    }
    if letters == 0 {
        return None;
    }
    if latin * 2 < letters {
        return Some("und");
    }
    if plainly_english(note) {
        return None;
    }
    // The start of a note tells its language; a long one is not read whole at each keystroke.
    let note = match note.char_indices().nth(1_000) {
        Some((cut, _)) => &note[..cut],
        None => note,
    };
    let values = detector().compute_language_confidence_values(note);
    let english = values
        .iter()
        .find(|(l, _)| *l == English)
        .map_or(0.0, |(_, c)| *c);
    let (top, confidence) = *values.first()?;
    if top == English || confidence < MIN_CONFIDENCE || english > MAX_ENGLISH {
        return None;
    }
    LANGUAGES.iter().find(|(l, _)| *l == top).map(|(_, c)| *c)
}

/// The name of a language code, for help and reports.
pub fn name(code: &str) -> &str {
    match code {
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "it" => "Italian",
        "nl" => "Dutch",
        "en" => "English",
        "und" => "another language",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two different English-only words settle it without the detector; one is not enough,
    /// and a French note quoting an English word stays French.
    #[test]
    fn plainly_english_notes_skip_the_detector() {
        assert!(plainly_english(
            "Thanks for the release, message 12 works great"
        ));
        assert!(plainly_english("THE export AND the import"));
        assert!(!plainly_english("the the the"));
        assert!(!plainly_english(
            "C'est nul, je suis très déçu par the update"
        ));
        assert_eq!(
            foreign("C'est nul, je suis très déçu par the update"),
            Some("fr")
        );
        assert!(!plainly_english("Ich will das nicht, das war schlecht"));
        assert_eq!(foreign(":tada: :+1:"), None);
        assert!(!only_short_codes("a :tada:"));
        assert!(!only_short_codes(""));
    }

    #[test]
    fn a_french_complaint_is_french() {
        assert_eq!(foreign("C'est nul, je suis très déçu"), Some("fr"));
    }

    #[test]
    fn notes_in_the_other_languages_are_found() {
        for (note, code) in [
            (
                "Das war wirklich enttäuschend, ich bin sehr unzufrieden",
                "de",
            ),
            ("Me encantó el taller, muchas gracias por todo", "es"),
            ("Adorei o evento, obrigado pela ajuda com a conta", "pt"),
            ("Il servizio è stato pessimo, non tornerò più", "it"),
            ("Het was een geweldige dag, bedankt voor de hulp", "nl"),
        ] {
            assert_eq!(foreign(note), Some(code), "{note}");
        }
    }

    /// Short English notes, the kind people log in a hurry, stay English: an English note left
    /// unscored would vanish from the sentiment figures.
    #[test]
    fn short_english_notes_are_never_foreign() {
        for note in [
            "Loved the webinar",
            "Bad audio",
            "Meh",
            "Excellent",
            "thanks!",
            "great call, will follow up",
            "Refund please",
            "The new release broke my build",
            "Referred a friend from Acme",
            "ok",
            "Super helpful, merci",
            "Bug in export",
            "Not happy with the pricing change",
            "Asked about the roadmap",
        ] {
            assert_eq!(foreign(note), None, "{note}");
        }
    }

    /// Scripts the detector does not tell apart are still not English.
    #[test]
    fn a_note_in_another_script_is_undetermined_but_not_english() {
        assert_eq!(foreign("東京のミートアップはいつですか？"), Some("und"));
        assert_eq!(foreign("Спасибо за помощь"), Some("und"));
        assert_eq!(foreign("Thanks for the 東京 meetup photos!"), None);
    }

    #[test]
    fn text_without_letters_is_not_judged() {
        assert_eq!(foreign(""), None);
        assert_eq!(foreign("👍 10/10 !!!"), None);
    }

    #[test]
    fn every_code_has_a_name() {
        for code in CODES {
            assert_ne!(name(code), code);
        }
    }
}
