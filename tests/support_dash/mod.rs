//! Helpers shared by the dashboard tests: small stores, key presses, drawing to a test backend.
#![allow(dead_code)]

pub mod term;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::{Date, date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ror_tui::app::{self, App, Config, Effect, Mode, Msg};
use ror_tui::store::{
    Contact, Direction, Interaction, Kind, Moment, Sentiment, SentimentSource, Store,
};

/// The as-of date every dashboard test uses.
pub const AS_OF: Date = date(2026, 3, 31);

pub fn demo_app() -> App {
    let store = ror_tui::demo::demo_store(AS_OF);
    let mode = Mode {
        demo: true,
        read_only: None,
    };
    App::new(store, "demo", mode, AS_OF, Config::defaults(false))
}

pub fn app_with(store: Store) -> App {
    App::new(
        store,
        "/tmp/team/store.json",
        Mode::default(),
        AS_OF,
        Config::defaults(false),
    )
}

/// Parses a key as the config file spells it (`j`, `enter`, `ctrl-c`, `shift-tab`).
pub fn key(spec: &str) -> Msg {
    let k = ror_tui::app::key::Key::parse(spec).expect("test key");
    let mods = if k.code == KeyCode::BackTab {
        k.mods | KeyModifiers::SHIFT
    } else {
        k.mods
    };
    Msg::Key(KeyEvent::new(k.code, mods))
}

/// Presses keys in order (space separated, as in `c / a d a enter`); returns every effect.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for k in keys.split_whitespace() {
        fx.extend(app::update(app, key(k)));
    }
    fx
}

/// Types text into whatever has the keyboard, one character at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app::update(
            app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| ror_tui::ui::render(app, f)).expect("draw");
    t
}

/// The screen as plain text, one line per row.
pub fn screen_text(app: &App, w: u16, h: u16) -> String {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            // A wide character fills two cells; the second holds nothing of its own.
            let s = buf[(x, y)].symbol();
            out.push_str(s);
            x += unicode_width::UnicodeWidthStr::width(s).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

pub fn contact(store: &mut Store, name: &str, created: Date) -> uuid::Uuid {
    let c = Contact::new(name, created);
    let id = c.id;
    store.contacts.push(c);
    id
}

pub fn interaction(
    store: &mut Store,
    who: uuid::Uuid,
    on: Date,
    channel: &str,
    kind: Kind,
    note: &str,
    score: Option<f64>,
) -> uuid::Uuid {
    let mut x = Interaction::new(who, Moment::day(on), channel, kind);
    x.note = note.into();
    x.direction = Direction::Inbound;
    x.sentiment = score.map(|score| Sentiment {
        score,
        source: SentimentSource::Manual,
    });
    let id = x.id;
    store.interactions.push(x);
    id
}

/// Three contacts and five interactions in March 2026:
/// Ada (forum ×2, one negative), Grace (linkedin call), Linus (email, outbound only).
pub fn small_store() -> Store {
    let mut s = Store::default();
    let ada = contact(&mut s, "Ada Lovelace", date(2026, 1, 5));
    let grace = contact(&mut s, "Grace Hopper", date(2026, 2, 1));
    let linus = contact(&mut s, "Linus Torvalds", date(2026, 2, 10));
    s.contacts[0].handle = Some("ada".into());
    s.contacts[0].tags = vec!["beta".into()];
    s.contacts[1].organisation = Some("Navy".into());
    interaction(
        &mut s,
        ada,
        date(2026, 3, 2),
        "forum",
        Kind::Comment,
        "Love the new release",
        Some(0.6),
    );
    interaction(
        &mut s,
        ada,
        date(2026, 3, 20),
        "forum",
        Kind::Support,
        "The export is broken again",
        Some(-0.5),
    );
    interaction(
        &mut s,
        grace,
        date(2026, 3, 25),
        "linkedin",
        Kind::Call,
        "Talked about the roadmap",
        Some(0.0),
    );
    interaction(
        &mut s,
        grace,
        date(2026, 3, 30),
        "linkedin",
        Kind::Referral,
        "Introduced Linus",
        Some(0.4),
    );
    let id = interaction(
        &mut s,
        linus,
        date(2026, 3, 28),
        "email",
        Kind::EmailSent,
        "Welcome",
        None,
    );
    let x = s.interactions.iter_mut().find(|x| x.id == id).unwrap();
    x.direction = Direction::Outbound;
    s
}
