//! The Value and Channels screens' view models, picked from the metrics engine's figures.

use super::super::dashboard::{
    ChannelLine, ChannelsPane, LedgerLine, OrbitPane, Tile, Unit, ValuePane,
};
use crate::metrics::{self, PeriodMetrics};
use crate::store::Money;

/// A tile of a money figure (cents as the value, as the overview's revenue tile).
fn money(m: Option<Money>) -> Option<f64> {
    m.map(|m| m.cents() as f64)
}

pub(super) fn value(
    m: &metrics::Dashboard,
    cur: &PeriodMetrics,
    prev: Option<&PeriodMetrics>,
    invested_by_kind: Vec<(String, Money)>,
) -> ValuePane {
    type Pick = dyn Fn(&metrics::ValueFigures) -> Option<f64>;
    let tile = |key, label, unit, better, f: &Pick| Tile {
        key,
        label,
        value: f(&cur.figures.value),
        previous: prev.and_then(|p| f(&p.figures.value)),
        unit,
        higher_is_better: better,
    };
    let tiles = vec![
        tile("revenue", "Revenue", Unit::Money, true, &|v| {
            money(Some(v.revenue))
        }),
        tile("aov", "AOV", Unit::Money, true, &|v| money(v.aov)),
        tile(
            "purchase_frequency",
            "Orders/customer",
            Unit::Decimal,
            true,
            &|v| v.purchase_frequency.value(),
        ),
        tile("repeat_rate", "Repeat rate", Unit::Percent, true, &|v| {
            v.repeat_rate.value()
        }),
        tile("clv", "CLV", Unit::Money, true, &|v| money(v.clv)),
        tile("cac", "CAC", Unit::Money, false, &|v| money(v.cac)),
        tile("clv_cac", "CLV:CAC", Unit::Ratio, true, &|v| {
            v.clv_cac.value()
        }),
        tile(
            "cost_per_new_contact",
            "Cost per new",
            Unit::Money,
            false,
            &|v| money(v.cost_per_new_contact),
        ),
        tile(
            "revenue_per_invested",
            "Rev./invested",
            Unit::Ratio,
            true,
            &|v| v.revenue_per_invested.value(),
        ),
        tile("investment", "Invested", Unit::Money, false, &|v| {
            money(Some(v.investment))
        }),
    ];
    let mut pane = ValuePane {
        tiles,
        ..ValuePane::default()
    };
    if let Some(h) = &m.lists.highlights {
        pane.ledger = h
            .ledger
            .by_net()
            .into_iter()
            .map(|r| LedgerLine {
                contact: Some(r.contact),
                name: r.name.clone(),
                revenue: r.revenue,
                referrals: r.referrals,
                invested: r.invested,
                net: r.net,
                return_per_invested: r.return_per_invested.value(),
            })
            .collect();
        pane.ledger
            .sort_by(|a, b| b.net.cmp(&a.net).then(a.name.cmp(&b.name)));
        pane.by_tag = h
            .ledger
            .tags
            .iter()
            .map(|r| LedgerLine {
                contact: None,
                name: r.tag.clone().unwrap_or_else(|| "(no tag)".into()),
                revenue: r.revenue,
                referrals: r.referrals,
                invested: r.invested,
                net: r.net,
                return_per_invested: r.return_per_invested.value(),
            })
            .collect();
        pane.by_tag
            .sort_by(|a, b| b.net.cmp(&a.net).then(a.name.cmp(&b.name)));
        pane.unattributed = h.ledger.unattributed;
        let g = &h.gift_impact;
        pane.gifts = g.gifts.clone();
        pane.gift_before = g.before;
        pane.gift_after = g.after;
        pane.gift_lift = g.lift.value();
    }
    pane.invested_by_kind = invested_by_kind;
    pane
}

pub(super) fn channels(
    m: &metrics::Dashboard,
    cur: &PeriodMetrics,
    ix: &metrics::Index,
    label: &dyn Fn(&metrics::Bucket) -> String,
) -> ChannelsPane {
    let d = &cur.details.engagement;
    let rows = metrics::channel_rows(&cur.figures.engagement, d, &cur.details.sentiment)
        .into_iter()
        .map(|r| ChannelLine {
            name: r.channel,
            interactions: r.interactions,
            active: r.active,
            return_rate: r.return_rate.value(),
            sentiment: r.sentiment.value(),
            share: r.share,
        })
        .collect();
    let s = &m.series;
    let ends: Vec<jiff::civil::Date> = s.buckets.iter().map(|b| b.to).collect();
    let members = metrics::members_on(ix, &ends);
    let growth = s
        .buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            // A bucket the period cuts short is marked, so its smaller counts do not read as a
            // fall.
            let mark = if b.partial { "*" } else { "" };
            (
                format!("{}{mark}", label(b)),
                s.new_contacts.get(i).copied().unwrap_or(0),
                s.churned.get(i).copied().unwrap_or(0),
                s.net_growth.get(i).copied().unwrap_or(0),
                members.get(i).copied().unwrap_or(0) as i64,
            )
        })
        .collect();
    ChannelsPane {
        rows,
        email_sent: d.email.sent,
        open_rate: d.email.open_rate.value(),
        click_rate: d.email.click_rate.value(),
        visits: d.website.visits,
        visitors: d.website.visitors,
        returning_visitors: d.website.returning_visitors,
        organic_sharing: d.sharing_per_active.value(),
        shares_and_mentions: d.shares_and_mentions,
        connected: cur.figures.contacts.connected,
        connection_growth: cur.figures.contacts.connection_growth.value(),
        growth,
    }
}

pub(super) fn orbit(m: &metrics::Dashboard, cur: &PeriodMetrics) -> OrbitPane {
    let o = &cur.details.orbit;
    let mut pane = OrbitPane {
        levels: [o.level_1, o.level_2, o.level_3, o.level_4],
        ..OrbitPane::default()
    };
    if let Some(h) = &m.lists.highlights {
        pane.movers = h.movers.clone();
        // Up (to a closer level) first, biggest moves first, then by name.
        pane.movers.sort_by(|a, b| {
            let d = |r: &metrics::Mover| i16::from(r.to_level) - i16::from(r.from_level);
            d(a).cmp(&d(b)).then(a.name.cmp(&b.name))
        });
        pane.referrals = h.referral_tree.clone();
    }
    pane
}
