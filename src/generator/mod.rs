//! Deterministic generator of believable community stores: the bundled demo and the large stores
//! the benchmarks measure.
//!
//! Contacts get a persona (advocate, regular, casual, at risk, churned) that shapes how often
//! they interact, what they do, how they feel and when they went quiet, so every pane of the
//! dashboard has a story to tell. The same spec and seed always give the same bytes.

mod rng;
mod words;

use jiff::civil::{Date, DateTime, Time};
use jiff::{Span, ToSpan};
use uuid::Uuid;

use crate::sentiment;
use crate::store::{
    Contact, Direction, Interaction, Investment, InvestmentKind, Kind, Moment, Money, Sentiment,
    SentimentSource, Settings, Source, Store,
};
pub use rng::Rng;
use words::*;

/// What to generate.
#[derive(Clone, Debug)]
pub struct GenSpec {
    pub contacts: usize,
    pub interactions: usize,
    /// The last day of the generated history.
    pub end: Date,
    /// How many months of history end on `end`.
    pub months: i32,
    pub seed: u64,
}

/// The demo store's history ends on this day; `demo::demo_store` shifts it to end today.
pub const DEMO_END: Date = jiff::civil::date(2026, 11, 15);

impl GenSpec {
    /// The bundled demo community: ~300 contacts, ~6,000 interactions over 18 months.
    pub fn demo() -> GenSpec {
        GenSpec {
            contacts: 300,
            interactions: 6000,
            end: DEMO_END,
            months: 18,
            seed: 20261115,
        }
    }

    /// A benchmark store of the given size, with the same shape as the demo.
    pub fn scale(contacts: usize, interactions: usize) -> GenSpec {
        GenSpec {
            contacts,
            interactions,
            end: DEMO_END,
            months: 24,
            seed: 42,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Persona {
    Advocate,
    Regular,
    Casual,
    AtRisk,
    Churned,
    Team,
}

struct Member {
    contact: Contact,
    persona: Persona,
    /// Days (from the start of history) in which the member is active.
    first: i32,
    last: i32,
    weight: f64,
    referrals: Vec<i32>,
}

/// Generates a store from a spec. Interactions come out sorted by time.
pub fn generate(spec: &GenSpec) -> Store {
    let mut rng = Rng::new(spec.seed);
    let start = spec
        .end
        .checked_sub(Span::new().months(spec.months))
        .unwrap_or(spec.end);
    let span_days = start
        .until(spec.end)
        .map(|s| s.get_days())
        .unwrap_or(0)
        .max(1);
    let day = |d: i32| start.checked_add(d.days()).unwrap_or(spec.end);

    let mut members = make_members(spec, &mut rng, span_days, &day);
    let counts = allocate(&members, spec.interactions, &mut rng);

    let mut interactions = Vec::with_capacity(spec.interactions + members.len());
    for (i, m) in members.iter().enumerate() {
        emit_member(m, counts[i], &mut rng, &day, &mut interactions);
    }
    interactions.sort_by_key(|x: &Interaction| (x.at, x.id));
    if interactions.len() > spec.interactions {
        // Forced first touches and referrals may overshoot: drop the surplus evenly.
        let surplus = interactions.len() - spec.interactions;
        let step = interactions.len() as f64 / surplus as f64;
        let mut drop = vec![false; interactions.len()];
        for k in 0..surplus {
            drop[((k as f64 + 0.5) * step) as usize] = true;
        }
        let mut k = 0;
        interactions.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }
    let investments = make_investments(&members, &mut rng, span_days, &day);
    let mut store = Store {
        settings: Settings::default(),
        contacts: members.drain(..).map(|m| m.contact).collect(),
        interactions: interactions.into(),
        investments,
        ..Store::default()
    };
    store.sort_canonical();
    store
}

fn id_at(rng: &mut Rng, date: Date, time: Time) -> Uuid {
    let secs = date
        .to_datetime(time)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(secs.max(0) as u64, &rng.bytes::<10>()).into_uuid()
}

fn make_members(
    spec: &GenSpec,
    rng: &mut Rng,
    span: i32,
    day: &dyn Fn(i32) -> Date,
) -> Vec<Member> {
    let mut members: Vec<Member> = Vec::with_capacity(spec.contacts);
    let mut handles = std::collections::HashSet::with_capacity(spec.contacts);
    let team = TEAM
        .len()
        .min(spec.contacts / 50)
        .max(usize::from(spec.contacts >= 20));
    for i in 0..spec.contacts {
        let is_team = i < team;
        // Growth: more people join later in the history than early on.
        let first = if is_team {
            0
        } else {
            ((span as f64) * rng.unit().powf(0.8)) as i32
        };
        let created = day(first);
        let persona = if is_team {
            Persona::Team
        } else {
            *rng.weighted(&[
                (Persona::Advocate, 4),
                (Persona::Regular, 26),
                (Persona::Casual, 40),
                (Persona::AtRisk, 10),
                (Persona::Churned, 20),
            ])
        };
        let (persona, last) = match persona {
            Persona::Churned if span - first > 140 => {
                (persona, (span - rng.range(100, 400) as i32).max(first + 10))
            }
            Persona::AtRisk if span - first > 90 => (persona, span - rng.range(32, 80) as i32),
            Persona::Churned | Persona::AtRisk => (Persona::Casual, span),
            p => (p, span),
        };
        let (name, handle) = if is_team {
            TEAM.get(i)
                .map(|(n, h)| (n.to_string(), h.to_string()))
                .unwrap_or_default()
        } else {
            let (f, l) = (*rng.pick(FIRST), *rng.pick(LAST));
            (
                format!("{f} {l}"),
                format!("{}{}", ascii_handle(f), ascii_handle(l)),
            )
        };
        // Handles identify people in the CLI and quick log, so they are unique.
        let mut handle = handle;
        if !handles.insert(handle.clone()) {
            let base = handle.clone();
            let mut n = 2;
            while !handles.insert(format!("{base}{n}")) {
                n += 1;
            }
            handle = format!("{base}{n}");
        }
        let mut c = Contact::new(name, created);
        c.id = id_at(rng, created, Time::constant(9, 0, 0, 0));
        c.email = Some(format!(
            "{handle}@{}",
            if is_team {
                "ror.example"
            } else {
                "mail.example"
            }
        ));
        c.handle = Some(handle);
        c.is_team = is_team;
        if !is_team && rng.chance(0.7) {
            c.organisation = Some(rng.pick(ORGS).to_string());
        }
        if !is_team {
            let n = rng.below(3);
            for _ in 0..n {
                let t = rng.pick(TAGS).to_string();
                if !c.tags.contains(&t) {
                    c.tags.push(t);
                }
            }
            if persona == Persona::Advocate && !c.tags.iter().any(|t| t == "ambassador") {
                c.tags.push("ambassador".into());
            }
            c.tags.sort();
        }
        c.source = if is_team {
            Source::Other
        } else {
            *rng.weighted(&[
                (Source::Organic, 45),
                (Source::Referral, 20),
                (Source::Paid, 15),
                (Source::Event, 15),
                (Source::Other, 5),
            ])
        };
        if c.source == Source::Referral {
            // Referrers are earlier members, advocates far more often than anyone else.
            let candidates: Vec<usize> = (0..members.len())
                .filter(|&j| members[j].persona != Persona::Team && members[j].first < first)
                .collect();
            if candidates.is_empty() {
                c.source = Source::Organic;
            } else {
                let mut pick = *rng.pick(&candidates);
                for _ in 0..6 {
                    let alt = *rng.pick(&candidates);
                    if members[alt].persona == Persona::Advocate {
                        pick = alt;
                        break;
                    }
                }
                c.referred_by = Some(members[pick].contact.id);
                members[pick].referrals.push(first);
            }
        }
        if !is_team && rng.chance(0.15) {
            c.cadence_days = Some(*rng.pick(&[30, 45, 60, 90]));
        }
        let base = match persona {
            Persona::Advocate => 12.0,
            Persona::Regular => 4.0,
            Persona::Casual => 1.0,
            Persona::AtRisk => 6.0,
            Persona::Churned => 2.0,
            Persona::Team => 0.3,
        };
        // A heavy tail: a few members are far more active than their persona's typical level.
        let tail = (1.0 / (rng.unit() + 0.08)).min(6.0);
        let weight = base * tail * f64::from((last - first).max(1)) / f64::from(span);
        members.push(Member {
            contact: c,
            persona,
            first,
            last,
            weight,
            referrals: Vec::new(),
        });
    }
    members
}

fn ascii_handle(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'é' | 'è' => Some('e'),
            'ë' => Some('e'),
            'á' => Some('a'),
            'ø' => Some('o'),
            'Ł' | 'ł' => Some('l'),
            'ễ' => Some('e'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Splits `total` interactions among members in proportion to their weight (largest remainder),
/// with at least the first touch and one log per referral for everyone.
fn allocate(members: &[Member], total: usize, rng: &mut Rng) -> Vec<usize> {
    let sum: f64 = members
        .iter()
        .map(|m| m.weight)
        .sum::<f64>()
        .max(f64::MIN_POSITIVE);
    let mut counts: Vec<usize> = Vec::with_capacity(members.len());
    let mut rema: Vec<(f64, usize)> = Vec::with_capacity(members.len());
    for (i, m) in members.iter().enumerate() {
        let exact = total as f64 * m.weight / sum;
        counts.push(exact.floor() as usize);
        rema.push((exact - exact.floor() + rng.unit() * 1e-9, i));
    }
    let given: usize = counts.iter().sum();
    rema.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, i) in rema.iter().take(total.saturating_sub(given)) {
        counts[*i] += 1;
    }
    for (c, m) in counts.iter_mut().zip(members) {
        *c = (*c).max(1 + m.referrals.len());
    }
    counts
}

fn make(
    rng: &mut Rng,
    cid: Uuid,
    date: Date,
    kind: Kind,
    dir: Direction,
    note: String,
) -> Interaction {
    let time = Time::constant(rng.range(8, 19) as i8, rng.range(0, 59) as i8, 0, 0);
    let mut x = Interaction::new(
        cid,
        Moment::at(DateTime::from_parts(date, time)),
        channel(rng, kind),
        kind,
    );
    x.id = id_at(rng, date, time);
    x.direction = dir;
    x.note = note;
    x
}

fn emit_member(
    m: &Member,
    count: usize,
    rng: &mut Rng,
    day: &dyn Fn(i32) -> Date,
    out: &mut Vec<Interaction>,
) {
    let cid = m.contact.id;
    // First touch on the day they joined; a connection (a follow, a star) is one of them so
    // connection growth has events behind it, as an imported history would.
    let first_kind = *rng.pick(&[
        Kind::Visit,
        Kind::Message,
        Kind::Event,
        Kind::Comment,
        Kind::Connect,
    ]);
    let note = note_for(rng, m.persona, first_kind, false);
    let mut x = make(rng, cid, day(m.first), first_kind, Direction::Inbound, note);
    finish(rng, m.persona, &mut x);
    in_own_language(m, &mut x);
    out.push(x);
    for &d in &m.referrals {
        let note = "Introduced a friend to the community".to_string();
        let mut x = make(
            rng,
            cid,
            day(d.max(m.first)),
            Kind::Referral,
            Direction::Inbound,
            note,
        );
        finish(rng, m.persona, &mut x);
        out.push(x);
    }
    let mut left = count.saturating_sub(1 + m.referrals.len());
    while left > 0 {
        let d = rng.range(i64::from(m.first), i64::from(m.last)) as i32;
        let kind = pick_kind(rng, m.persona);
        let dir = match kind {
            Kind::EmailSent | Kind::Gift => Direction::Outbound,
            Kind::Call | Kind::Meeting if rng.chance(0.5) => Direction::Outbound,
            _ => Direction::Inbound,
        };
        let note = note_for(rng, m.persona, kind, dir == Direction::Outbound);
        let mut x = make(rng, cid, day(d), kind, dir, note);
        finish(rng, m.persona, &mut x);
        let negative = x
            .sentiment
            .is_some_and(|s| s.score <= sentiment::NEGATIVE_AT);
        in_own_language(m, &mut x);
        out.push(x);
        left -= 1;
        // Most complaints get a reply within a week; the rest wait in the follow-up queue.
        if negative && dir == Direction::Inbound && left > 0 && rng.chance(0.7) {
            let reply = (d + rng.range(0, 6) as i32).min(m.last.max(d));
            let note = rng.pick(OUTBOUND).to_string();
            out.push(make(
                rng,
                cid,
                day(reply),
                Kind::Message,
                Direction::Outbound,
                note,
            ));
            left -= 1;
        }
    }
}

fn pick_kind(rng: &mut Rng, p: Persona) -> Kind {
    use Kind::*;
    let table: &[(Kind, u32)] = match p {
        Persona::Advocate => &[
            (Message, 10),
            (Comment, 12),
            (Mention, 10),
            (Share, 14),
            (Purchase, 7),
            (Review, 3),
            (Event, 6),
            (Meeting, 3),
            (Call, 2),
            (Survey, 2),
            (EmailSent, 10),
            (EmailOpen, 7),
            (EmailClick, 4),
            (Visit, 10),
            (Support, 2),
            (Gift, 1),
            (Reaction, 8),
        ],
        Persona::Regular | Persona::Team => &[
            (Message, 12),
            (Comment, 9),
            (Mention, 3),
            (Share, 3),
            (Purchase, 6),
            (Review, 2),
            (Support, 8),
            (Event, 3),
            (Meeting, 2),
            (Call, 3),
            (Survey, 3),
            (EmailSent, 16),
            (EmailOpen, 8),
            (EmailClick, 3),
            (Visit, 16),
            (Reaction, 5),
        ],
        Persona::Casual => &[
            (Message, 6),
            (Comment, 5),
            (Visit, 26),
            (EmailSent, 30),
            (EmailOpen, 12),
            (EmailClick, 4),
            (Purchase, 4),
            (Support, 5),
            (Survey, 3),
            (Event, 2),
            (Review, 2),
            (Reaction, 2),
        ],
        Persona::AtRisk | Persona::Churned => &[
            (Message, 10),
            (Comment, 6),
            (Support, 14),
            (Purchase, 5),
            (Review, 3),
            (Survey, 3),
            (Call, 3),
            (EmailSent, 18),
            (EmailOpen, 6),
            (EmailClick, 2),
            (Visit, 12),
            (Event, 2),
        ],
    };
    *rng.weighted(table)
}

// The derefs guide type inference to `&str` items; they are not redundant.
#[allow(clippy::explicit_auto_deref)]
fn channel(rng: &mut Rng, kind: Kind) -> &'static str {
    use Kind::*;
    match kind {
        Message => *rng.weighted(&[
            ("email", 3),
            ("linkedin", 3),
            ("slack", 3),
            ("discord", 2),
            ("twitter", 1),
        ]),
        Comment => *rng.weighted(&[
            ("forum", 3),
            ("linkedin", 2),
            ("discord", 2),
            ("twitter", 1),
        ]),
        Mention | Share => *rng.weighted(&[("linkedin", 4), ("twitter", 3), ("forum", 1)]),
        Referral => *rng.weighted(&[("email", 2), ("linkedin", 2), ("event", 1)]),
        Support => *rng.weighted(&[("email", 3), ("slack", 2), ("phone", 1)]),
        Review => *rng.weighted(&[("web", 3), ("forum", 1)]),
        Meeting => *rng.weighted(&[("phone", 1), ("event", 1)]),
        Survey => *rng.weighted(&[("email", 2), ("web", 1)]),
        Purchase | Visit => "web",
        Event => "event",
        Call => "phone",
        EmailSent | EmailOpen | EmailClick => "email",
        Gift => "post",
        Connect => "linkedin",
        Reaction => "slack",
        Other => "other",
    }
}

fn note_for(rng: &mut Rng, p: Persona, kind: Kind, outbound: bool) -> String {
    use Kind::*;
    if outbound {
        return match kind {
            EmailSent => String::new(),
            Gift => rng
                .pick(&[
                    "Sent a thank-you hoodie",
                    "Sent conference tickets",
                    "Sent a book and a card",
                ])
                .to_string(),
            _ => rng.pick(OUTBOUND).to_string(),
        };
    }
    match kind {
        EmailOpen | EmailClick | Visit | EmailSent | Connect | Reaction => return String::new(),
        Purchase => {
            return rng
                .pick(&[
                    "Upgraded to Pro",
                    "Bought the annual plan",
                    "Added 5 seats",
                    "Bought workshop tickets",
                ])
                .to_string();
        }
        _ => {}
    }
    let (pos, neg) = match p {
        Persona::Advocate => (70, 5),
        Persona::Regular | Persona::Team => (45, 15),
        Persona::Casual => (30, 15),
        Persona::AtRisk => (20, 40),
        Persona::Churned => (25, 35),
    };
    let r = rng.below(100) as u32;
    let base = if r < pos {
        rng.pick(POSITIVE)
    } else if r < pos + neg {
        rng.pick(NEGATIVE)
    } else {
        rng.pick(NEUTRAL)
    };
    // Some notes carry a little more context, as real messages do.
    if rng.chance(0.35) {
        format!("{base}, {}", rng.pick(FILLER))
    } else {
        base.to_string()
    }
}

/// One member in sixty writes in French, Spanish or German: their inbound notes are replaced by
/// ones of the same tone in that language (chosen without the random generator, so everything
/// else generated stays as it was).
fn in_own_language(m: &Member, x: &mut Interaction) {
    let id = m.contact.id.as_u128();
    if m.persona == Persona::Team
        || !id.is_multiple_of(60)
        || x.direction != Direction::Inbound
        || x.note.is_empty()
        || x.kind == Kind::Purchase
    {
        return;
    }
    let (code, [praise, complaints, questions]) =
        FOREIGN[((id >> 8) % FOREIGN.len() as u128) as usize];
    let notes = match x.sentiment.map(|s| sentiment::polarity(s.score)) {
        Some(sentiment::Polarity::Positive) => praise,
        Some(sentiment::Polarity::Negative) => complaints,
        _ => questions,
    };
    x.note = notes[x.note.len() % notes.len()].to_string();
    // What `sentiment::rescore` finds for these notes (a test in `words` holds it), without
    // running the detector over every generated note.
    x.language = Some(code.to_string());
    x.sentiment = None;
}

/// Fills in what depends on the kind and persona: values, scores, sentiment.
fn finish(rng: &mut Rng, p: Persona, x: &mut Interaction) {
    match x.kind {
        Kind::Purchase => {
            let cents = *rng.pick(&[2900, 4900, 9900, 14950, 19900, 49900, 120000, 1299, 7990]);
            x.value = Some(Money::from_cents(cents));
        }
        Kind::Survey => {
            let (lo, hi) = match p {
                Persona::Advocate => (9, 10),
                Persona::Regular | Persona::Team => (6, 10),
                Persona::Casual => (5, 9),
                Persona::AtRisk => (2, 8),
                Persona::Churned => (0, 6),
            };
            x.nps = Some(rng.range(lo, hi) as u8);
        }
        Kind::Review => {
            let (lo, hi) = match p {
                Persona::Advocate => (5, 5),
                Persona::Regular | Persona::Team => (4, 5),
                Persona::Casual => (3, 5),
                Persona::AtRisk => (1, 3),
                Persona::Churned => (1, 4),
            };
            x.rating = Some(rng.range(lo, hi) as u8);
        }
        _ => {}
    }
    // The generator's own notes are English (a test in `words` holds it): scored as
    // `sentiment::rescore` would, without the language detector, which would make generating a
    // million interactions a minute slower.
    x.sentiment = sentiment::score_text(&x.note).map(|score| Sentiment {
        score,
        source: SentimentSource::Auto,
    });
}

fn make_investments(
    members: &[Member],
    rng: &mut Rng,
    span: i32,
    day: &dyn Fn(i32) -> Date,
) -> Vec<Investment> {
    let mut out = Vec::new();
    let mut add = |rng: &mut Rng,
                   d: i32,
                   kind: InvestmentKind,
                   cents: i64,
                   acq: bool,
                   contact: Option<Uuid>,
                   note: &str| {
        let date = day(d.clamp(0, span));
        out.push(Investment {
            id: id_at(rng, date, Time::constant(12, 0, 0, 0)),
            date,
            contact,
            kind,
            amount: Money::from_cents(cents),
            acquisition: acq,
            note: note.to_string(),
            updated: None,
        });
    };
    let scale = (members.len() as i64 / 300).max(1);
    let mut month = 0;
    while month * 30 < span {
        let d = month * 30;
        add(
            rng,
            d + 1,
            InvestmentKind::Tooling,
            19900 * scale.min(20),
            false,
            None,
            "Community platform subscription",
        );
        let ads = rng.range(300, 1200) * 100 * scale;
        add(
            rng,
            d + 3,
            InvestmentKind::Ads,
            ads,
            true,
            None,
            "Paid social campaign",
        );
        let content = rng.range(150, 400) * 100;
        add(
            rng,
            d + 10,
            InvestmentKind::Content,
            content,
            false,
            None,
            "Tutorial video and blog post",
        );
        if month % 2 == 1 {
            let (cost, acq) = (rng.range(800, 3000) * 100, rng.chance(0.5));
            add(
                rng,
                d + 15,
                InvestmentKind::Event,
                cost,
                acq,
                None,
                "Community meetup",
            );
        }
        add(
            rng,
            d + 20,
            InvestmentKind::Time,
            40 * 4500,
            false,
            None,
            "Community manager hours (40 h)",
        );
        month += 1;
    }
    for m in members
        .iter()
        .filter(|m| matches!(m.persona, Persona::Advocate | Persona::AtRisk))
    {
        if rng.chance(0.6) {
            let d = rng.range(i64::from(m.first), i64::from(m.last)) as i32;
            let cost = rng.range(25, 120) * 100;
            add(
                rng,
                d,
                InvestmentKind::Gift,
                cost,
                false,
                Some(m.contact.id),
                "Thank-you gift",
            );
        }
    }
    out
}
