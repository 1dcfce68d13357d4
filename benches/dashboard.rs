//! Dashboard benchmarks: what a key press costs. Drawing a frame must stay cheap whatever the
//! store's size (figures are cached); changing the period recomputes; typing a filter only
//! filters.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ror_tui::app::{self, App, Config, Mode, Msg};

fn main() {
    divan::main();
}

fn app(n: usize) -> App {
    let store = support::load(n);
    let as_of = store
        .interactions
        .iter()
        .map(|x| x.at.date)
        .max()
        .unwrap_or(Date::constant(2026, 3, 31));
    App::new(store, "bench", Mode::default(), as_of, Config::default())
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// One frame of the overview at 120x40.
#[divan::bench(args = support::sizes(), sample_count = 20)]
fn draw_overview(bencher: Bencher, n: usize) {
    let app = app(n);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| term.draw(|f| ror_tui::ui::render(&app, f)).unwrap().area);
}

/// One frame of the interaction log (only the visible rows are built).
#[divan::bench(args = support::sizes(), sample_count = 20)]
fn draw_interaction_log(bencher: Bencher, n: usize) {
    let mut app = app(n);
    app::update(&mut app, key('l'));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| term.draw(|f| ror_tui::ui::render(&app, f)).unwrap().area);
}

/// `]` then `[`: two full recomputations of every figure.
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn change_period(bencher: Bencher, n: usize) {
    let mut app = app(n);
    bencher.bench_local(|| {
        app::update(&mut app, key(']'));
        app::update(&mut app, key('['));
    });
}

/// One character typed into the interaction log's filter.
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn filter_keystroke(bencher: Bencher, n: usize) {
    let mut app = app(n);
    app::update(&mut app, key('l'));
    app::update(&mut app, key('/'));
    bencher.bench_local(|| {
        app::update(&mut app, key('a'));
        app::update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
    });
}
