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

fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// One frame of the overview at 200x60.
#[divan::bench(args = support::sizes(), sample_count = 20)]
fn draw_overview(bencher: Bencher, n: usize) {
    let app = app(n);
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| term.draw(|f| ror_tui::ui::render(&app, f)).unwrap().area);
}

/// A navigation keystroke on the contacts list (`j`, then `k` to stay in range), each followed
/// by the frame that shows it at 200x60: what the user waits for when moving around.
#[divan::bench(args = support::sizes(), sample_count = 20)]
fn navigation_keystroke(bencher: Bencher, n: usize) {
    let mut app = app(n);
    app::update(&mut app, key('c'));
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        app::update(&mut app, key(if down { 'j' } else { 'k' }));
        down = !down;
        term.draw(|f| ror_tui::ui::render(&app, f)).unwrap().area
    });
}

/// An edit reflected on screen: the Enter that saves a quick-logged interaction into the store,
/// and the frame at 200x60 that shows it (typing the line, and undoing it afterwards, are not
/// timed; the save itself runs elsewhere). With `background` (as the dashboard runs), the
/// figures are left to a worker and this is what the user waits for; without, every figure is
/// recomputed first.
#[divan::bench(args = support::sizes(), consts = [true, false], sample_count = 10, sample_size = 1)]
fn edit_to_frame<const BACKGROUND: bool>(bencher: Bencher, n: usize) {
    edit(bencher, n, BACKGROUND, false);
}

/// The same edit made while the save (or figures) worker still holds the store as it was
/// before: the change cannot be made in that version, so the dashboard changes a copy.
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn edit_while_the_last_is_saved(bencher: Bencher, n: usize) {
    edit(bencher, n, true, true);
}

fn edit(bencher: Bencher, n: usize, background: bool, held: bool) {
    let mut app = app(n);
    app.background = background;
    // Log on the interaction log, where the new line shows.
    app::update(&mut app, key('l'));
    let name = app.store.contacts[0].name.clone();
    let line = format!(
        "@{} call phone \"bench\"",
        name.split(' ').next().unwrap_or("a")
    );
    let prepare = |app: &mut App| {
        app::update(app, key(':'));
        for c in line.chars() {
            app::update(app, key(c));
        }
    };
    // The keys do log one interaction, and undo takes it back.
    let before = app.store.interactions.len();
    prepare(&mut app);
    assert_eq!(app.store.interactions.len(), before, "typing saves nothing");
    app::update(&mut app, code(KeyCode::Enter));
    assert_eq!(app.store.interactions.len(), before + 1, "{:?}", app.status);
    app::update(&mut app, key('u'));
    assert_eq!(app.store.interactions.len(), before);
    let app = std::cell::RefCell::new(app);
    let term = std::cell::RefCell::new(Terminal::new(TestBackend::new(200, 60)).unwrap());
    bencher
        .with_inputs(|| {
            let mut a = app.borrow_mut();
            if a.store.interactions.len() > before {
                app::update(&mut a, key('u'));
            }
            prepare(&mut a);
            // What a worker would hold: the version before the edit.
            held.then(|| a.store.clone())
        })
        .bench_local_values(|holding| {
            let mut a = app.borrow_mut();
            app::update(&mut a, code(KeyCode::Enter));
            let area = term
                .borrow_mut()
                .draw(|f| ror_tui::ui::render(&a, f))
                .unwrap()
                .area;
            // Dropped after the timing: the worker lets go of it later.
            (area, holding)
        });
}

/// One frame of the interaction log (only the visible rows are built).
#[divan::bench(args = support::sizes(), sample_count = 20)]
fn draw_interaction_log(bencher: Bencher, n: usize) {
    let mut app = app(n);
    app::update(&mut app, key('l'));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| term.draw(|f| ror_tui::ui::render(&app, f)).unwrap().area);
}

/// `]` then `[`, back and forth: two recomputations of every figure of the period and of the
/// one before it, each with the contacts' scores the other switch left (see the metrics
/// bench `switch_30d_to_90d` for a period not shown before).
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn change_period(bencher: Bencher, n: usize) {
    let mut app = app(n);
    bencher.bench_local(|| {
        app::update(&mut app, key(']'));
        app::update(&mut app, key('['));
    });
}

/// `]` to a period not shown before, from the last 30 days to the last 90: today's scores are
/// at hand from the 30-day figures, the previous period's are worked out. Each sample moves
/// the as-of date a day back, so nothing else is at hand.
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn first_switch_to_a_period(bencher: Bencher, n: usize) {
    let app = std::cell::RefCell::new(app(n));
    let today = app.borrow().as_of;
    let mut back = 0;
    bencher
        .with_inputs(|| {
            back += 1;
            let mut a = app.borrow_mut();
            a.as_of = today.checked_sub(jiff::Span::new().days(back)).unwrap();
            a.period = ror_tui::metrics::PeriodSpec::Days(30);
            app::update(&mut a, Msg::Resize(200, 60));
            assert!(!a.figures_pending());
        })
        .bench_local_values(|()| {
            let mut a = app.borrow_mut();
            app::update(&mut a, key(']'));
            assert_eq!(a.period, ror_tui::metrics::PeriodSpec::Days(90));
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
