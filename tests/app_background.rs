//! Figures computed in the background, as the dashboard does: a key is answered at once, the
//! edit is on screen before the figures are, and figures come back for what is still wanted.

mod support_dash;

use ror_tui::app::{App, Effect, FiguresJob, Msg, PeriodSpec, update};
use support_dash::*;

fn jobs(fx: Vec<Effect>) -> Vec<FiguresJob> {
    fx.into_iter()
        .filter_map(|e| match e {
            Effect::Compute(job) => Some(*job),
            _ => None,
        })
        .collect()
}

fn background_app() -> App {
    let mut app = app_with(small_store());
    app.background = true;
    app
}

fn active(app: &App) -> Option<f64> {
    app.dashboard()
        .tile("active_contacts")
        .and_then(|t| t.value)
}

#[test]
fn a_period_switch_asks_for_figures_and_keeps_the_old_ones_until_they_come() {
    let mut app = background_app();
    let before = app.computations;
    let shown = active(&app);
    let asked = jobs(press(&mut app, "]"));
    assert_eq!(asked.len(), 1, "one job for the new period");
    assert_eq!(app.period, PeriodSpec::Days(90));
    assert!(app.figures_pending());
    assert_eq!(
        app.computations, before,
        "nothing computed on the UI thread"
    );
    assert_eq!(
        active(&app),
        shown,
        "the figures on screen stay until the new ones come"
    );
    assert!(screen_text(&app, 120, 40).contains("updating…"));
    // Another key while the job runs asks for nothing more.
    assert!(jobs(press(&mut app, "j")).is_empty());

    let fig = asked.into_iter().next().unwrap().run();
    update(&mut app, Msg::Computed(Box::new(fig)));
    assert!(!app.figures_pending());
    assert_eq!(app.computations, before + 1);
    assert_eq!(app.dashboard().period.days(), 90);
    assert!(!screen_text(&app, 120, 40).contains("updating…"));
}

#[test]
fn figures_for_a_period_already_left_are_dropped() {
    let mut app = background_app();
    let first = jobs(press(&mut app, "]")).remove(0);
    let second = jobs(press(&mut app, "]")).remove(0);
    assert_ne!(first.key, second.key);
    // The figures of the period the user passed through come back first: not shown.
    update(&mut app, Msg::Computed(Box::new(first.run())));
    assert!(app.figures_pending());
    assert_eq!(app.dashboard().period.days(), 30);
    update(&mut app, Msg::Computed(Box::new(second.run())));
    assert!(!app.figures_pending());
    assert_eq!(app.dashboard().period.days(), 365);
}

#[test]
fn an_edit_is_in_the_log_before_its_figures_are_computed() {
    let mut app = background_app();
    let n = app.store.interactions.len();
    press(&mut app, "l");
    press(&mut app, ":");
    type_text(&mut app, "@ada call phone \"asked about the roadmap\"");
    let fx = press(&mut app, "enter enter");
    assert_eq!(app.store.interactions.len(), n + 1);
    let asked = jobs(fx);
    assert_eq!(asked.len(), 1, "the figures follow in the background");
    assert!(app.figures_pending());
    assert_eq!(
        app.interactions.rows.len(),
        n + 1,
        "the log already lists it"
    );
    assert!(screen_text(&app, 120, 40).contains("asked about the roadmap"));
    update(
        &mut app,
        Msg::Computed(Box::new(asked.into_iter().next().unwrap().run())),
    );
    assert!(!app.figures_pending());
}

#[test]
fn a_form_opened_after_an_edit_knows_what_the_edit_added() {
    let mut app = app_with(small_store());
    // A quick log before the edit reads the store once...
    press(&mut app, ":");
    press(&mut app, "esc");
    let contacts = app.store.contacts.len();
    press(&mut app, "n");
    type_text(&mut app, "Zora Neale");
    press(&mut app, "ctrl-s");
    assert_eq!(app.store.contacts.len(), contacts + 1);
    // ...and the next one finds the new contact instead of creating her again.
    press(&mut app, ":");
    type_text(&mut app, "@zora call phone \"welcome call\"");
    press(&mut app, "enter");
    assert_eq!(app.store.contacts.len(), contacts + 1, "{:?}", app.status);
    let zora = app
        .store
        .contacts
        .iter()
        .find(|c| c.name == "Zora Neale")
        .unwrap()
        .id;
    assert!(
        app.store
            .interactions
            .iter()
            .any(|x| x.contact == zora && x.note == "welcome call")
    );
}

/// The dashboard opened with the index built while the store was validated (as the binary
/// opens a saved store) is the dashboard opened afresh; a store out of order gets no such index
/// and is sorted and indexed by the dashboard itself.
#[test]
fn an_index_built_beside_the_validation_opens_the_same_dashboard() {
    use ror_tui::app::{Config, Mode};
    let mut store = small_store();
    store.sort_canonical(); // as it is saved
    let index = ror_tui::metrics::Index::of_canonical(&store)
        .expect("a sorted store is in canonical order");
    let mode = Mode {
        demo: false,
        read_only: None,
    };
    let given = App::with_index(
        store.clone(),
        Some(index),
        "s",
        mode.clone(),
        AS_OF,
        Config::defaults(true),
    );
    let afresh = App::new(store.clone(), "s", mode, AS_OF, Config::defaults(true));
    assert_eq!(given.dashboard(), afresh.dashboard());
    assert_eq!(screen_text(&given, 120, 40), screen_text(&afresh, 120, 40));

    let mut shuffled = store;
    let last = shuffled.interactions.len() - 1;
    let late = shuffled.interactions[last].clone();
    shuffled.interactions[0] = late;
    assert!(ror_tui::metrics::Index::of_canonical(&shuffled).is_none());
}
