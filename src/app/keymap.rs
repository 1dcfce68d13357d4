//! The keymap as data: one table of (context, keys, action, description) drives key dispatch, the
//! `?` help overlay, the hint bar and `docs/KEYS.md`, so the three can never disagree.
//!
//! Contexts are layered: the top overlay first, then the screen's own contexts, then `global`.
//! The first context with a binding for the key wins.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::key::Key;

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($var),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn name(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }
            pub fn from_name(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.name() == s)
            }
        }
    };
}

named_enum!(
    /// Where a binding applies.
    Context {
        Global = "global",
        Overview = "overview",
        Pane = "pane",
        List = "list",
        Contacts = "contacts",
        Contact = "contact",
        Interactions = "interactions",
        FollowUps = "followups",
        Cohorts = "cohorts",
        Standup = "standup",
        Search = "search",
        Help = "help",
        Confirm = "confirm",
        Segment = "segment",
        Duplicates = "duplicates",
        Value = "value",
        Advocates = "advocates",
        Merge = "merge",
        Investments = "investments",
        Detail = "interaction",
        Form = "form",
    }
);

impl Context {
    /// The heading shown in the help overlay and the docs.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Overview => "Overview",
            Context::Pane => "Full-screen pane",
            Context::List => "Lists",
            Context::Contacts => "Contacts",
            Context::Contact => "Contact page",
            Context::Interactions => "Interactions",
            Context::FollowUps => "Follow-ups",
            Context::Cohorts => "Cohorts",
            Context::Standup => "Standup mode",
            Context::Search => "Search box",
            Context::Help => "Help",
            Context::Confirm => "Confirm",
            Context::Segment => "Segment picker",
            Context::Duplicates => "Duplicates",
            Context::Value => "Value",
            Context::Advocates => "Advocates (full screen)",
            Context::Merge => "Merge contacts",
            Context::Investments => "Investments",
            Context::Detail => "Interaction (Enter on a log or timeline row)",
            Context::Form => "Forms (log, quick log, contact, investment)",
        }
    }
}

named_enum!(
    /// Everything a key can do.
    Action {
        Quit = "quit",
        ForceQuit = "force_quit",
        Save = "save",
        Reload = "reload",
        Help = "help",
        PeriodPrev = "period_prev",
        PeriodNext = "period_next",
        Standup = "standup",
        GoOverview = "go_overview",
        GoContacts = "go_contacts",
        GoInteractions = "go_interactions",
        GoFollowUps = "go_followups",
        GoCohorts = "go_cohorts",
        GoDuplicates = "go_duplicates",
        GoValue = "go_value",
        GoChannels = "go_channels",
        ByTag = "by_tag",
        FocusTree = "focus_tree",
        Fold = "fold",
        GoInvestments = "go_investments",
        Back = "back",
        FocusNext = "focus_next",
        FocusPrev = "focus_prev",
        Focus1 = "focus_1",
        Focus2 = "focus_2",
        Focus3 = "focus_3",
        Focus4 = "focus_4",
        Open = "open",
        Up = "up",
        Down = "down",
        Top = "top",
        Bottom = "bottom",
        PageUp = "page_up",
        PageDown = "page_down",
        Search = "search",
        ClearSearch = "clear_search",
        SortNext = "sort_next",
        SortReverse = "sort_reverse",
        SentimentFilter = "sentiment_filter",
        SlidePrev = "slide_prev",
        SlideNext = "slide_next",
        LeaveStandup = "leave_standup",
        Commit = "commit",
        Intent = "intent",
        Close = "close",
        Accept = "accept",
        Yes = "yes",
        No = "no",
        LogInteraction = "log_interaction",
        QuickLog = "quick_log",
        NewContact = "new_contact",
        NewInvestment = "new_investment",
        Edit = "edit",
        Delete = "delete",
        Undo = "undo",
        Redo = "redo",
        Resolve = "resolve",
        ScorePositive = "score_positive",
        ScoreNeutral = "score_neutral",
        ScoreNegative = "score_negative",
        Mark = "mark",
        Tag = "tag",
        PickSegment = "pick_segment",
        Suspend = "suspend",
        Merge = "merge",
        ValuePrev = "value_prev",
        ValueNext = "value_next",
        OpenContact = "open_contact",
    }
);

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: &'static str,
    /// Shown in the one-line hint bar under this short label; `None` keeps it to the help.
    pub hint: Option<&'static str>,
}

/// One row of the built-in table: (context, keys, action, description, hint).
type Row = (
    Context,
    &'static [&'static str],
    Action,
    &'static str,
    Option<&'static str>,
);

/// The built-in table.
#[rustfmt::skip]
const DEFAULTS: &[Row] = {
    use Action as A;
    use Context as C;
    &[
        (C::Global, &["q"], A::Quit, "Quit (asks first if a form holds unsaved input)", Some("quit")),
        (C::Global, &["a"], A::LogInteraction, "Log an interaction (for the contact selected or open)", Some("log")),
        (C::Global, &["ctrl-c"], A::ForceQuit, "Quit at once, from anywhere", None),
        (C::Global, &["ctrl-z"], A::Suspend, "Suspend to the shell, from anywhere (fg comes back, with an open form as it was)", None),
        (C::Global, &["ctrl-s"], A::Save, "Save the store now (retries a save that failed)", None),
        (C::Global, &["f5"], A::Reload, "Look for other programs' changes to the store now", None),
        (C::Global, &["?"], A::Help, "Show the keys of this screen", Some("help")),
        (C::Global, &["["], A::PeriodPrev, "Shorter period (all, 365d, 90d, 30d, 7d)", Some("period")),
        (C::Global, &["]"], A::PeriodNext, "Longer period (7d, 30d, 90d, 365d, all)", None),
        (C::Global, &["s"], A::Standup, "Standup mode: full-screen slides of the headline figures", Some("standup")),
        (C::Global, &["o"], A::GoOverview, "Go to the overview", None),
        (C::Global, &["c"], A::GoContacts, "Go to contacts", None),
        (C::Global, &["l"], A::GoInteractions, "Go to the interaction log", None),
        (C::Global, &["f"], A::GoFollowUps, "Go to follow-ups", None),
        (C::Global, &["C"], A::GoCohorts, "Go to cohorts (retention by first-touch month)", None),
        (C::Global, &["v"], A::GoValue, "Go to value: revenue, CLV, CAC, the ROR ledger, gift impact", None),
        (C::Global, &["h"], A::GoChannels, "Go to channels: per channel, email and web reach, growth", None),
        (C::Global, &["I"], A::GoInvestments, "Go to investments (gifts, events, ads: review, edit, delete)", None),
        (C::Global, &["D"], A::GoDuplicates, "Go to likely duplicate contacts, to merge them", None),
        (C::Global, &["esc", "backspace"], A::Back, "Back to the previous screen", None),
        (C::Global, &[":"], A::QuickLog, "Quick log one line: @ada call linkedin \"loved the webinar\" +1", None),
        (C::Global, &["n"], A::NewContact, "Add a contact", None),
        (C::Global, &["i"], A::NewInvestment, "Record an investment (gift, event, ads, ...)", None),
        (C::Global, &["F"], A::PickSegment, "Figures for a segment: a tag, source, organisation or channel (or everyone)", Some("segment")),
        (C::Global, &["u"], A::Undo, "Undo the last change made here (saved again)", None),
        (C::Global, &["ctrl-r"], A::Redo, "Redo the change last undone", None),

        (C::Overview, &["tab"], A::FocusNext, "Focus the next pane", Some("pane")),
        (C::Overview, &["shift-tab"], A::FocusPrev, "Focus the previous pane", None),
        (C::Overview, &["1"], A::Focus1, "Focus Engagement", None),
        (C::Overview, &["2"], A::Focus2, "Focus Sentiment", None),
        (C::Overview, &["3"], A::Focus3, "Focus Churn", None),
        (C::Overview, &["4"], A::Focus4, "Focus Advocates", None),
        (C::Overview, &["enter"], A::Open, "Open the focused pane full-screen", Some("open")),
        (C::Overview, &["v"], A::GoValue, "Value: returns against investments", Some("value")),
        (C::Overview, &["h"], A::GoChannels, "Channels: where the community talks and how it grows", Some("channels")),

        (C::Pane, &["tab"], A::FocusNext, "Next pane", Some("pane")),
        (C::Pane, &["shift-tab"], A::FocusPrev, "Previous pane", None),

        (C::List, &["j", "down"], A::Down, "Move down", Some("move")),
        (C::List, &["k", "up"], A::Up, "Move up", None),
        (C::List, &["g", "home"], A::Top, "First row", None),
        (C::List, &["G", "end"], A::Bottom, "Last row", None),
        (C::List, &["ctrl-d", "pagedown"], A::PageDown, "Page down", None),
        (C::List, &["ctrl-u", "pageup"], A::PageUp, "Page up", None),
        (C::List, &["enter"], A::Open, "Open the selected contact", Some("open")),

        (C::Contacts, &["/"], A::Search, "Filter by name, handle, tag or organisation", Some("filter")),
        (C::Contacts, &["x"], A::ClearSearch, "Clear the filter", None),
        (C::Contacts, &["S"], A::SortNext, "Sort by the next column (last touch, engagement, advocacy, value, name)", Some("sort")),
        (C::Contacts, &["R"], A::SortReverse, "Reverse the sort order", None),
        (C::Contacts, &["e"], A::Edit, "Edit the selected contact", Some("edit")),
        (C::Contacts, &["space"], A::Mark, "Select or unselect the contact, for tagging several at once", None),
        (C::Contacts, &["t"], A::Tag, "Add or remove a tag on the selected contacts (or the current one)", None),
        (C::Contacts, &["d"], A::Delete, "Delete the selected contact and their interactions (asks first)", None),
        (C::Contacts, &["M"], A::Merge, "Merge the selected contacts into one (the one under the cursor survives)", Some("merge")),

        (C::Contact, &["j", "down"], A::Down, "Next interaction in the timeline", Some("scroll")),
        (C::Contact, &["k", "up"], A::Up, "Previous interaction in the timeline", None),
        (C::Contact, &["g", "home"], A::Top, "Newest interaction", None),
        (C::Contact, &["G", "end"], A::Bottom, "Oldest interaction", None),
        (C::Contact, &["enter"], A::Open, "Open the selected interaction: every field, the whole note", Some("open")),
        (C::Contact, &["e"], A::Edit, "Edit this contact", Some("edit")),

        (C::Interactions, &["/"], A::Search, "Filter: words, @contact, ch:channel, kind:call, tag:, org:, source:, +, -, =", Some("filter")),
        (C::Interactions, &["x"], A::ClearSearch, "Clear the filter", None),
        (C::Interactions, &["S"], A::SentimentFilter, "Cycle sentiment: all, positive, neutral, negative", Some("sentiment")),
        (C::Interactions, &["enter"], A::Open, "Open the selected interaction: every field, the whole note", Some("open")),
        (C::Interactions, &["e"], A::Edit, "Edit the selected interaction", None),
        (C::Interactions, &["d"], A::Delete, "Delete the selected interaction (asks first)", None),

        (C::FollowUps, &["tab"], A::FocusNext, "Next list: stay in touch, negative feedback, not scored, commitments", Some("switch")),
        (C::FollowUps, &["shift-tab"], A::FocusPrev, "Previous list", None),
        (C::FollowUps, &["r"], A::Resolve, "Resolve the selected negative feedback, then offer to log the reply", Some("resolve")),
        (C::FollowUps, &["+"], A::ScorePositive, "Score the selected note positive (+0.5)", Some("score")),
        (C::FollowUps, &["=", "0"], A::ScoreNeutral, "Score the selected note neutral (0)", None),
        (C::FollowUps, &["-"], A::ScoreNegative, "Score the selected note negative (-0.5): it joins negative feedback", None),
        (C::FollowUps, &["e"], A::Edit, "Edit the selected note's interaction (any score from -1 to 1)", None),

        (C::Cohorts, &["j", "down"], A::Down, "Scroll down", Some("scroll")),
        (C::Cohorts, &["k", "up"], A::Up, "Scroll up", None),

        (C::Standup, &["right", "l", "space"], A::SlideNext, "Next slide", None),
        (C::Standup, &["left", "h"], A::SlidePrev, "Previous slide", Some("slides")),
        (C::Standup, &["esc", "s"], A::LeaveStandup, "Leave standup mode", Some("leave")),
        (C::Standup, &["c", "enter"], A::Commit, "Commitments: pick the selected person to act on, or drop them (from another slide: go to Commitments)", Some("commit")),
        (C::Standup, &["i"], A::Intent, "Write what you mean to do for the selected person (picks them)", Some("intent")),
        (C::Standup, &["j", "down"], A::Down, "Next person on the Commitments slide", None),
        (C::Standup, &["k", "up"], A::Up, "Previous person on the Commitments slide", None),

        (C::Search, &["enter"], A::Accept, "Keep the filter and return to the list", Some("keep")),
        (C::Search, &["esc"], A::Close, "Clear the filter and return to the list", Some("clear")),

        (C::Segment, &["enter", "tab"], A::Accept, "Show the figures for the selected segment", Some("apply")),
        (C::Segment, &["esc"], A::Close, "Keep the segment in force", Some("cancel")),
        (C::Segment, &["down", "ctrl-n"], A::Down, "Next segment", Some("move")),
        (C::Segment, &["up", "ctrl-p"], A::Up, "Previous segment", None),

        (C::Advocates, &["r"], A::FocusTree, "Move between the advocates and the referral tree", Some("tree")),
        (C::Advocates, &["space"], A::Fold, "In the referral tree: fold or unfold who the selected contact brought", Some("fold")),
        (C::Value, &["S"], A::SortNext, "Order the ledger by the next figure (net, revenue, referrals, invested)", Some("sort")),
        (C::Value, &["R"], A::SortReverse, "Reverse the order: worst first", Some("worst")),
        (C::Value, &["t"], A::ByTag, "The ledger by tag, or by contact again", Some("by tag")),
        (C::Duplicates, &["enter", "M"], A::Merge, "Merge the selected pair (the older contact survives; choose each field first)", Some("merge")),
        (C::Investments, &["/"], A::Search, "Filter: words, @contact, kind:gift, acq (acquisition only)", Some("filter")),
        (C::Investments, &["x"], A::ClearSearch, "Clear the filter", None),
        (C::Investments, &["e"], A::Edit, "Edit the selected investment", Some("edit")),
        (C::Investments, &["d"], A::Delete, "Delete the selected investment (asks first)", None),
        (C::Merge, &["down", "j"], A::Down, "Next field", Some("field")),
        (C::Merge, &["up", "k"], A::Up, "Previous field", None),
        (C::Merge, &["right", "l", "tab"], A::ValueNext, "Take the next value for this field", Some("value")),
        (C::Merge, &["left", "h", "shift-tab"], A::ValuePrev, "Take the previous value for this field", None),
        (C::Merge, &["enter", "ctrl-s"], A::Accept, "Merge (one change: u undoes it)", Some("merge")),
        (C::Merge, &["esc", "q"], A::Close, "Cancel: nothing changes", Some("cancel")),
        (C::Detail, &["esc", "q", "backspace"], A::Close, "Close", Some("close")),
        (C::Detail, &["j", "down"], A::Down, "Scroll down", Some("scroll")),
        (C::Detail, &["k", "up"], A::Up, "Scroll up", None),
        (C::Detail, &["e"], A::Edit, "Edit this interaction", Some("edit")),
        (C::Detail, &["d"], A::Delete, "Delete this interaction (asks first)", Some("delete")),
        (C::Detail, &["r"], A::Resolve, "Mark negative feedback answered, then offer to log the reply", Some("resolve")),
        (C::Detail, &["enter"], A::OpenContact, "Open the contact", Some("contact")),
        (C::Help, &["esc", "?", "q"], A::Close, "Close the help", Some("close")),
        (C::Help, &["j", "down"], A::Down, "Scroll down", Some("scroll")),
        (C::Help, &["k", "up"], A::Up, "Scroll up", None),

        (C::Confirm, &["y", "enter"], A::Yes, "Yes", Some("yes")),
        (C::Confirm, &["n", "esc"], A::No, "No", Some("no")),

        (C::Form, &["tab"], A::FocusNext, "Next field (checks the one left)", Some("next")),
        (C::Form, &["shift-tab"], A::FocusPrev, "Previous field", None),
        (C::Form, &["ctrl-s"], A::Save, "Save the record (Enter on the last field too)", Some("save")),
        (C::Form, &["esc"], A::Close, "Cancel (asks first when something was typed)", Some("cancel")),
        (C::Form, &["f1"], A::Help, "Show the keys of forms", Some("help")),
        (C::Form, &["ctrl-q"], A::Quit, "Quit (asks first when the form holds input)", None),
    ]
};

/// Logging "Ada replied on LinkedIn, positive" (Ada's last channel being linkedin), key by key,
/// in the form and on the quick-log line: docs/KEYS.md counts them, and a test presses them
/// and checks what was saved.
pub const KEYSTROKES: &[(&str, &[&str])] = &[
    (
        "log form: contact, then Tab past kind (message), channel (her last: linkedin), date \
         (now), direction (inbound) and note to the sentiment",
        &[
            "a", "a", "d", "a", "enter", "tab", "tab", "tab", "tab", "tab", "+", "ctrl-s",
        ],
    ),
    (
        "quick log: `dm` for message, the channel left to her last one",
        &[
            ":", "@", "a", "d", "a", "space", "d", "m", "space", "+", "enter",
        ],
    ),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(context, keys, action, description, hint)| Binding {
                context: *context,
                keys: keys
                    .iter()
                    .map(|k| Key::parse(k).expect("built-in keys parse"))
                    .collect(),
                action: *action,
                description,
                hint: *hint,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action bound to `key` in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], key: Key) -> Option<(Context, Action)> {
        contexts.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == *ctx && b.keys.contains(&key))
                .map(|b| (*ctx, b.action))
        })
    }

    /// The bindings of one context, in table order.
    pub fn of(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// The first key bound to an action in a context, for messages such as "press S to sort".
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.of(context)
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// Applies overrides `"context.action": "key"` or `["key", ...]` (an empty list unbinds).
    /// Every bad entry is reported; the good ones still apply.
    pub fn apply_overrides(&mut self, overrides: &BTreeMap<String, Vec<String>>) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, keys) in overrides {
            let Some((ctx, action)) = name
                .split_once('.')
                .and_then(|(c, a)| Some((Context::from_name(c)?, Action::from_name(a)?)))
            else {
                problems.push(format!(
                    "keys: `{name}` is not a binding (expected context.action, e.g. contacts.sort_next; see docs/KEYS.md)"
                ));
                continue;
            };
            let parsed: Result<Vec<Key>, String> = keys.iter().map(|k| Key::parse(k)).collect();
            let parsed = match parsed {
                Ok(p) => p,
                Err(e) => {
                    problems.push(format!("keys: {name}: {e}"));
                    continue;
                }
            };
            match self
                .bindings
                .iter_mut()
                .find(|b| b.context == ctx && b.action == action)
            {
                Some(b) => b.keys = parsed,
                None => problems.push(format!(
                    "keys: `{name}`: the {} context has no {} action",
                    ctx.name(),
                    action.name()
                )),
            }
        }
        problems
    }

    /// The hint bar: (keys, short label) for the bindings with a hint, most specific context
    /// first. Pairs of opposite actions share one entry (`j/k move`, `[/] period`).
    pub fn hints(&self, contexts: &[Context]) -> Vec<(String, &'static str)> {
        const PAIRS: &[(Action, Action)] = &[
            (Action::Down, Action::Up),
            (Action::PeriodPrev, Action::PeriodNext),
            (Action::SlidePrev, Action::SlideNext),
            (Action::ValueNext, Action::ValuePrev),
        ];
        let mut out = Vec::new();
        let mut shown: Vec<Key> = Vec::new();
        for ctx in contexts {
            for b in self.of(*ctx) {
                let (Some(hint), Some(first)) = (b.hint, b.keys.first()) else {
                    continue;
                };
                // A key a more specific context already shows does something else here.
                if shown.contains(first) {
                    continue;
                }
                shown.push(*first);
                let mut keys = first.label();
                if let Some((_, other)) = PAIRS.iter().find(|(a, _)| *a == b.action)
                    && let Some(k) = self.key_for(*ctx, *other)
                {
                    keys = format!("{keys}/{}", k.label());
                }
                out.push((keys, hint));
            }
        }
        out
    }

    /// The Markdown reference in `docs/KEYS.md`.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "# Keys\n\n\
             Generated from the keymap table in `src/app/keymap.rs` (a test fails when this file is \
             stale; regenerate with `UPDATE_KEYS_DOC=1 cargo test --test keys_doc`).\n\n\
             Keys are looked up in the top overlay first, then the screen's own contexts, then \
             *Everywhere*. Any binding can be changed in `config.json` in the config folder \
             (`~/.config/ror-tui/` on Linux), for example:\n\n\
             ```json\n{\n  \"theme\": \"dark\",\n  \"keys\": { \"contacts.sort_next\": \"o\", \"global.quit\": [\"q\", \"ctrl-q\"] }\n}\n```\n\n\
             Themes: `dark`, `light`, `mono`. `NO_COLOR` set to anything forces `mono`.\n",
        );
        for ctx in Context::ALL {
            let rows: Vec<&Binding> = self.of(*ctx).collect();
            if rows.is_empty() {
                continue;
            }
            let _ = write!(
                out,
                "\n## {} (`{}`)\n\n| keys | action | what it does |\n|---|---|---|\n",
                ctx.title(),
                ctx.name()
            );
            for b in rows {
                let keys: Vec<String> = b.keys.iter().map(|k| format!("`{k}`")).collect();
                let _ = writeln!(
                    out,
                    "| {} | `{}.{}` | {} |",
                    keys.join(" "),
                    ctx.name(),
                    b.action.name(),
                    b.description
                );
            }
        }
        out.push_str(
            "\n## How many keys it takes\n\n\
             Logging \"Ada replied on LinkedIn, positive\", for a contact whose last channel was \
             linkedin (a test presses exactly these keys and checks the record saved):\n\n\
             | way | keys | count |\n|---|---|---|\n",
        );
        for (what, keys) in KEYSTROKES {
            let shown: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            let _ = writeln!(out, "| {what} | {} | {} |", shown.join(" "), keys.len());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_contexts_win() {
        let km = Keymap::default();
        let enter = Key::parse("enter").unwrap();
        assert_eq!(
            km.lookup(&[Context::Overview, Context::Global], enter),
            Some((Context::Overview, Action::Open))
        );
        assert_eq!(
            km.lookup(&[Context::Confirm, Context::Global], enter),
            Some((Context::Confirm, Action::Yes))
        );
        assert_eq!(km.lookup(&[Context::Global], Key::char('z')), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let km = Keymap::default();
        for ctx in Context::ALL {
            let mut seen = std::collections::HashSet::new();
            for b in km.of(*ctx) {
                for k in &b.keys {
                    assert!(seen.insert(*k), "{k} bound twice in {}", ctx.name());
                }
            }
        }
    }

    #[test]
    fn overrides_replace_keys_and_report_mistakes() {
        let mut km = Keymap::default();
        let mut o = BTreeMap::new();
        o.insert("contacts.sort_next".to_string(), vec!["O".to_string()]);
        o.insert("contacts.fly".to_string(), vec!["z".to_string()]);
        o.insert("global.quit".to_string(), vec!["hyper-q".to_string()]);
        let problems = km.apply_overrides(&o);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("contacts.fly")));
        assert!(problems.iter().any(|p| p.contains("hyper-q")));
        assert_eq!(
            km.lookup(&[Context::Contacts], Key::char('O')),
            Some((Context::Contacts, Action::SortNext))
        );
        assert_eq!(km.lookup(&[Context::Contacts], Key::char('S')), None);
        // The bad override of quit left the default in place.
        assert_eq!(
            km.lookup(&[Context::Global], Key::char('q')),
            Some((Context::Global, Action::Quit))
        );
    }
}
