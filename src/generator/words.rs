//! Names, organisations and message templates for generated communities.
//!
//! Notes read like what customers actually write (praise, complaints, questions), so the
//! automatic sentiment, the negative-feedback queue and the advocate views have something real
//! to show. A few names and notes use non-ASCII text, as real communities do.

pub const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoë", "Amara", "Bruno", "Carmen", "Dmitri", "Esther", "Felix",
    "Gita", "Hamza", "Isla", "José", "Katja", "Leo", "Mei", "Noah", "Oona", "Priya", "Rafael",
    "Sofia", "Tomás", "Ulla", "Vera", "Will", "Yara", "Łukasz", "Søren", "Aiko", "Björn", "Nadia",
];

pub const LAST: &[&str] = &[
    "Lovelace",
    "Okafor",
    "Martin",
    "Patel",
    "Rossi",
    "Haddad",
    "Hopper",
    "Tanaka",
    "García",
    "Schmidt",
    "Adeyemi",
    "Murphy",
    "Cohen",
    "Rao",
    "Ivanova",
    "Moreno",
    "Fischer",
    "Silva",
    "Nguyễn",
    "Khan",
    "Larsen",
    "Dubois",
    "Kowalski",
    "Mensah",
    "Andersson",
    "Suzuki",
    "O'Brien",
    "Novak",
    "Costa",
    "Yilmaz",
    "Berg",
    "Lindqvist",
    "Mwangi",
    "Chen",
    "Alvarez",
    "Walsh",
];

pub const ORGS: &[&str] = &[
    "Northwind",
    "Acme Labs",
    "Bluebird Health",
    "Kestrel Analytics",
    "Orbital Foods",
    "Pine & Co",
    "Quartz Legal",
    "Riverbank School",
    "Solace Studio",
    "Tidewater Logistics",
    "Umbra Games",
    "Vantage Retail",
    "Willow Bank",
    "Zenith Robotics",
    "Helio Energy",
    "Maple Mutual",
    "Cobalt Cloud",
    "Fernwood Press",
    "株式会社ミライ",
    "Brightside NGO",
];

pub const TAGS: &[&str] = &[
    "customer",
    "partner",
    "beta",
    "developer",
    "enterprise",
    "startup",
    "speaker",
    "mentor",
    "ambassador",
    "newsletter",
    "meetup-berlin",
    "meetup-lagos",
    "edu",
];

pub const TEAM: &[(&str, &str)] = &[
    ("Robin Ahmed", "robin"),
    ("Kai Morgan", "kai"),
    ("Alex Ferreira", "alexf"),
    ("Jordan Lee", "jordan"),
];

/// Praise, for contacts who are happy.
pub const POSITIVE: &[&str] = &[
    "Loved the webinar, the live demo was brilliant",
    "Thanks so much for the quick help, you saved my week!",
    "The new dashboard is fantastic, our whole team is excited",
    "Great meetup yesterday, really inspiring talks",
    "Just recommended you to two friends, keep up the great work",
    "Really happy with the upgrade, everything feels faster",
    "Your support team is amazing, problem solved in minutes",
    "Wonderful community, I learn something useful every week",
    "Awesome release notes, the export feature is exactly what we needed",
    "Merci ! The workshop was super clear and fun",
    "Happy to be a beta tester again, count me in",
    "Best onboarding experience I have had with any tool 🙌",
];

/// Complaints, for contacts who are struggling.
pub const NEGATIVE: &[&str] = &[
    "The sync failed again and I lost an hour of work, very frustrating",
    "Still waiting on a reply to my ticket, this is disappointing",
    "The price increase is a bad surprise, we may have to cancel",
    "Checkout is broken on mobile, I could not buy the add-on",
    "Terrible experience with the last update, nothing works",
    "I am annoyed that the invoice was wrong twice",
    "The event was cancelled with no notice, not great",
    "Honestly confused and unhappy with the new pricing page",
    "Export crashes on large files, this is a serious problem",
    "Support closed my issue without fixing it, awful",
];

/// Questions and plain updates, mostly neutral.
pub const NEUTRAL: &[&str] = &[
    "How do I invite my colleagues to the workspace?",
    "Is there an API endpoint for exporting contacts?",
    "Can you send the slides from Tuesday's session",
    "We are evaluating the enterprise plan next quarter",
    "When is the next meetup in Berlin?",
    "Updated our billing address, see attached",
    "Question about the data retention policy",
    "Following up on the integration call",
    "Which plan includes single sign-on?",
    "Moving our team to the new workspace next month",
    "Is there a meetup in Tokyo this year?",
];

/// What we send out: replies, check-ins, newsletters.
pub const OUTBOUND: &[&str] = &[
    "Replied with a fix and a workaround",
    "Checked in after the onboarding call",
    "Sent the slides and recording",
    "Apologised and offered a credit",
    "Shared the roadmap and asked for feedback",
    "Monthly newsletter",
    "Invited to the customer advisory board",
    "Thank-you note for the referral",
];

/// Words that pad generated notes to realistic lengths without changing their tone much.
pub const FILLER: &[&str] = &[
    "by the way",
    "for context",
    "our team of five",
    "since last spring",
    "on the Pro plan",
    "after the migration",
    "in the Slack channel",
    "during the trial",
    "from the Lisbon office",
    "as discussed",
    "this quarter",
    "with the new API",
];

/// Notes of the members who write in their own language: (praise, complaints, questions) in
/// French, Spanish, German and Japanese. Automatic sentiment leaves these to a person.
pub const FOREIGN: &[(&str, [&[&str]; 3])] = &[
    (
        "fr",
        [
            &[
                "Merci beaucoup pour l'atelier, c'était vraiment génial",
                "Super rencontre hier soir, j'ai appris plein de choses",
                "L'équipe du support a été formidable, problème réglé",
            ],
            &[
                "C'est nul, je suis très déçu de la dernière mise à jour",
                "Toujours pas de réponse à mon ticket, c'est décevant",
                "La synchronisation ne marche plus depuis lundi",
            ],
            &[
                "Quand aura lieu la prochaine rencontre à Paris ?",
                "Comment puis-je inviter mes collègues dans l'espace de travail ?",
            ],
        ],
    ),
    (
        "es",
        [
            &[
                "Me encantó el taller, muchas gracias por todo",
                "El nuevo panel es fantástico, todo el equipo está contento",
                "Gracias por la ayuda tan rápida con la cuenta",
            ],
            &[
                "La exportación falla con archivos grandes, es un problema serio",
                "Sigo esperando una respuesta, estoy muy decepcionado",
                "El precio subió demasiado, quizás cancelemos",
            ],
            &[
                "¿Cuándo es el próximo encuentro en Madrid?",
                "¿Qué plan incluye el inicio de sesión único?",
            ],
        ],
    ),
    (
        "de",
        [
            &[
                "Vielen Dank für den tollen Workshop, sehr hilfreich",
                "Das neue Dashboard ist großartig, das ganze Team freut sich",
                "Der Kundendienst war sehr schnell, das Problem ist gelöst",
            ],
            &[
                "Das Update hat alles kaputt gemacht, sehr ärgerlich",
                "Ich warte immer noch auf eine Antwort, wirklich enttäuschend",
                "Die Rechnung war schon wieder falsch",
            ],
            &[
                "Wann ist das nächste Treffen in Berlin?",
                "Gibt es eine Schnittstelle für den Export der Kontakte?",
            ],
        ],
    ),
    (
        "und",
        [
            &["ワークショップはとても良かったです、ありがとう"],
            &["アップデートの後、同期が動きません"],
            &["東京のミートアップはいつですか？"],
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo's members who write in their own language must show what the dashboard does
    /// with such notes: each of them is found not to be English, and no English note is.
    #[test]
    fn foreign_notes_are_found_and_english_ones_are_not() {
        for (code, set) in FOREIGN {
            for note in set.iter().flat_map(|notes| notes.iter()) {
                assert_eq!(crate::language::foreign(note), Some(*code), "{note}");
            }
        }
        for note in POSITIVE
            .iter()
            .chain(NEGATIVE)
            .chain(NEUTRAL)
            .chain(OUTBOUND)
        {
            assert_eq!(crate::language::foreign(note), None, "{note}");
        }
    }
}
