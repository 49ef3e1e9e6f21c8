//! Proposing a fact for each figure of a sentence: the value as the data
//! format writes it, the metric (from the taxonomies' labels and synonyms),
//! the period the sentence names, stated changes, guidance, axis members,
//! an evidence phrase, and a confidence.

mod added;
mod aside;
mod bases;
mod change;
mod confidence;
mod context;
mod cues;
mod dates;
mod declared;
mod fit;
mod flavour;
mod growth_phrase;
mod guidance;
mod idiom;
mod members;
mod metric;
mod named_period;
mod names;
mod naming;
mod operating;
mod outlook;
mod period;
mod ranged;
mod respectively;
mod segment;
mod to_date;
mod value;
mod words;

use qbrief_model::{parse_value, Dims, Figure, Period};
use rust_decimal::Decimal;

use crate::scan::Mention;
pub(crate) use context::Context;
use cues::{BARE_AFTER, LOSS, QOQ, YOY};
pub(crate) use declared::declares_adjusted;
pub(crate) use flavour::adjusted_sibling;
use members::{dims_near, member_mentions, subject_before};
use metric::{adoptable, choose_metric, metric_mentions, names_metric};
pub(crate) use names::metric_names;
pub(crate) use outlook::outlook;
use period::period_of;
use value::{adopt, is_loss, negate, value_text};
use words::{contains_word, last_words};

/// What the drafter proposes for one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The metric id with an optional `.qoq`/`.yoy`, `None` when no metric
    /// fits (written `?`).
    pub metric: Option<String>,
    /// The period the figure is for.
    pub period: Period,
    /// The value as the data format writes it.
    pub value: String,
    /// The parsed value.
    pub figure: Figure,
    /// The figure as written, when the value reinterprets it ("doubled").
    pub as_written: Option<String>,
    /// Whether the sentence is forward-looking.
    pub guidance: bool,
    /// Axis members named near the figure.
    pub dims: Dims,
    /// For a per-subject metric: the product, customer or project named
    /// nearest before the figure, `?` when none is.
    pub subject: Option<String>,
    /// How sure the drafter is, 0 to 1.
    pub confidence: Decimal,
    /// Why, for the reviewer.
    pub note: Option<String>,
}

/// Proposes a fact for `mention`, `None` when no value can be written.
pub(crate) fn propose(cx: &Context<'_>, mention: &Mention) -> Option<Proposal> {
    let sentence = &cx.text[cx.sentence.clone()];
    let lower = sentence.to_ascii_lowercase();
    let at = mention.start - cx.sentence.start;
    let end = mention.end - cx.sentence.start;
    let before = &lower[..at];
    let clause_start = before.rfind([';', ':']).map_or(0, |p| p + 1);
    let near_before: String = last_words(before, 4);
    // Forward-looking language before the figure, or in the rest of its
    // own clause ("capex is expected to be $55M"): "we incurred $14.8M and
    // expect savings of $8M" makes only the second figure guidance.
    let own_clause = &lower[end..];
    let own_clause = own_clause
        .find([',', ';'])
        .into_iter()
        .chain(own_clause.find(" and "))
        .chain(own_clause.find(" but "))
        .min()
        .map_or(own_clause, |stop| &own_clause[..stop]);
    // "we beat our guidance by $2M" looks back; "12% to 14%, which is up
    // from our prior guidance" still looks ahead.
    let mut forward = guidance::is_forward(before, own_clause);
    let after_words: String = lower[end..]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let (mut change, mut down) =
        change::stated_change(cx, mention, &lower, at, end, clause_start, &near_before);
    // "growth is 7.2% and 6.1%, respectively": the figures of a list read
    // as the first one does.
    let listed = respectively::place(&lower, cx.figures, at);
    if let Some(place) = listed.filter(|p| p.index > 0 && change.is_none()) {
        let first = cx.figures.iter().find(|f| f.start == place.list_start);
        if let Some(first) = first {
            let near_first = last_words(&lower[..first.start], 4);
            let (c, d) = change::stated_change(
                cx,
                mention,
                &lower,
                first.start,
                first.end,
                clause_start.min(first.start),
                &near_first,
            );
            if c.is_some() {
                (change, down) = (c, d);
            }
        }
    }
    let change_cue = change.is_some()
        && (QOQ.iter().any(|w| lower.contains(w)) || YOY.iter().any(|w| lower.contains(w)));
    let (value, as_written, note) = value_text(cx, mention, &near_before, change.is_some(), down)?;
    let figure = parse_value(&value, &cx.vocabulary.units).ok()?;
    forward = forward || ranged::range_looks_ahead(&figure, &lower);
    // "an increase of 98 bitcoins", "a $6 million decrease": an amount by
    // which a balance moved.
    let moved = change.is_none() && !is_percent_unit(mention) && {
        let after2: Vec<&str> = after_words.split_whitespace().take(2).collect();
        let after_cue = matches!(
            after2.as_slice(),
            ["more" | "fewer" | "less", "than", ..] | ["increase" | "decrease" | "decline", ..]
        );
        let before_cue = [
            "increase of",
            "decrease of",
            "decline of",
            "up",
            "down",
            "added",
        ]
        .iter()
        .any(|w| near_before.ends_with(w));
        after_cue || before_cue
    };
    let (mut period, period_cue) =
        period_of(cx, &lower, at, end, forward, change.is_some() || moved);
    if let Some(place) = listed {
        let periods = period::period_mentions(&lower, cx.period, forward);
        if let Some(p) = respectively::nth_listed(&lower, &periods, place) {
            period = p;
        }
    }
    let loss = is_loss(&lower[clause_start..at.max(clause_start)])
        || LOSS.iter().any(|w| {
            lower[end..]
                .split_whitespace()
                .take(2)
                .any(|x| x.trim_matches(|c: char| !c.is_alphabetic()) == *w)
        });
    let unit_word = mention
        .unit
        .as_deref()
        .filter(|u| u.chars().all(|c| c.is_ascii_alphabetic() || c == ' '))
        .map(str::to_ascii_lowercase);
    let mut metric = choose_metric(cx, &lower, at, end, &figure, change, unit_word.as_deref());
    if let Some(place) = listed {
        let metrics: Vec<_> = metric_mentions(cx, &lower, &figure, change)
            .into_iter()
            .map(|(r, m)| (r, m.id.as_str()))
            .collect();
        if let Some(m) = respectively::nth_listed(&lower, &metrics, place)
            .and_then(|id| cx.vocabulary.metric(id))
        {
            metric = Some((m.as_ref(), 3));
        }
    }
    // A change right after a level figure, with no other metric named in
    // between, is a change of that level's metric.
    if let (Some(_), Some((prev_end, prev_id))) = (change, &cx.previous_figure) {
        let between_start = prev_end.saturating_sub(cx.sentence.start).min(at);
        let named_between = metric.as_ref().is_some_and(|(m, score)| {
            *score == 4 || (*score == 3 && names_metric(&lower[between_start..at], m))
        });
        if !named_between {
            if let Some(m) = cx.vocabulary.metric(prev_id) {
                metric = Some((m.as_ref(), 3));
            }
        }
    }
    // Write the metric's unit after a bare figure it fits only that way.
    // Only a figure said without a scale is read as a price per unit
    // ("$61,000" per bitcoin, not "$2.5 million").
    // A bare number that no word follows ("98 more than the 1,114 at the
    // end of last quarter") counts in the unit of the metric the speaker
    // is talking about, even one carried from the previous sentence.
    let bare = mention.currency.is_none()
        && mention.unit.is_none()
        && mention.scale.is_none()
        && (moved
            || lower[end..].split_whitespace().next().is_none_or(|w| {
                BARE_AFTER.contains(&w.trim_end_matches([',', '.', ';']))
                    || w.starts_with([',', '.', ';'])
            }));
    let adopt_ok = |score: u8| {
        (score >= 2 || (score == 1 && bare))
            && (mention.scale.is_none() || !figure.unit().is_money())
    };
    let (value, figure) = match metric
        .as_ref()
        .filter(|(_, score)| change.is_none() && adopt_ok(*score))
        .and_then(|(m, _)| adoptable(m, &figure).flatten())
    {
        Some(suffix) => {
            let adopted = adopt(&value, &suffix);
            match parse_value(&adopted, &cx.vocabulary.units) {
                Ok(f) => (adopted, f),
                Err(_) => (value, figure),
            }
        }
        None => (value, figure),
    };
    // "we pledged 530 bitcoins": the amount added, `<id>_added` when the
    // taxonomy declares one.
    if change.is_none() && !moved {
        if let Some((m, score)) = &metric {
            if let Some(a) = added::added(cx, m, before) {
                metric = Some((a, *score));
            }
        }
    }
    // The amount a balance moved by is the metric `<id>_change` when the
    // taxonomy declares one.
    let mut moved_down = false;
    if moved {
        if let Some(m) = metric
            .as_ref()
            .and_then(|(m, _)| cx.vocabulary.metric(&format!("{}_change", m.id)))
        {
            moved_down = ["fewer", "less", "decrease", "decline", "down"]
                .iter()
                .any(|w| contains_word(&after_words, w) || near_before.ends_with(w))
                || near_before.ends_with("decrease of")
                || near_before.ends_with("decline of");
            metric = Some((m.as_ref(), 3));
        }
    }
    // A number that is part of a name ("Avalon Nano 3", "BRC-20") is no
    // company figure: it is drafted, so coverage still sees it, on no metric.
    if naming::is_name_part(cx.text, mention, cx.sentence.start) {
        metric = None;
    }
    // A threshold, a market statistic, a point inside the period or an
    // earlier call's guidance is no company figure for the period.
    let mut note = note;
    if let Some(why) = metric
        .as_ref()
        .and_then(|(m, _)| aside::aside(&lower, at, m))
    {
        metric = None;
        note = Some(why.to_string());
    }
    // A comparison, a decade, a span of time, a figure of years ago.
    if let Some(why) = metric.as_ref().and_then(|_| idiom::idiom(&lower, at, end)) {
        metric = None;
        note = Some(why.to_string());
    }
    // "year to date": the fiscal year through the document's quarter.
    if !forward && period == cx.period && metric.is_some() {
        match to_date::to_date(&lower, at, end, cx.period) {
            Some(to_date::ToDate::Period(p)) => period = p,
            Some(to_date::ToDate::NineMonths) => {
                metric = metric.and_then(|(m, score)| {
                    let ytd = cx.vocabulary.metric(&format!("{}_ytd", m.id));
                    ytd.map(|y| (y.as_ref(), score))
                });
                if metric.is_none() {
                    note = Some("nine months to date: no period holds it".to_string());
                }
            }
            None => {}
        }
    }
    let (metric_id, metric_score) = match &metric {
        Some((m, score)) => (Some(m), *score),
        None => (None, 0),
    };
    // A loss stated as a positive amount of a signed metric is negative.
    let (value, figure) = match metric_id {
        Some(m)
            if change.is_none()
                && (loss || moved_down)
                && m.sign == qbrief_model::SignConvention::Signed
                && !figure.value().is_sign_negative() =>
        {
            let negated = negate(&value);
            match parse_value(&negated, &cx.vocabulary.units) {
                Ok(f) => (negated, f),
                Err(_) => (value, figure),
            }
        }
        _ => (value, figure),
    };
    let (metric_id, value, figure) = fit::fit(
        metric_id.map(|m| &**m),
        change,
        value,
        figure,
        &cx.vocabulary.units,
    );
    let mut dims = dims_near(cx.vocabulary, &lower, at);
    // "Europe and Asia were up 78% and 42%, respectively".
    if let Some(place) = respectively::place(&lower, cx.figures, at) {
        for (axis, members) in member_mentions(cx.vocabulary, &lower) {
            if let Some(member) = respectively::nth_listed(&lower, &members, place) {
                dims.insert(axis.to_string(), member.to_string());
            }
        }
    }
    let subject = metric_id
        .filter(|m| m.per_subject)
        .map(|_| subject_before(sentence, at).unwrap_or_else(|| "?".into()));
    let confidence = confidence::confidence(&confidence::Evidence {
        placed: metric_id.is_some(),
        score: metric_score,
        distance: metric_id.and_then(|m| confidence::name_distance(cx, &lower, at, m)),
        guidance: forward,
        change: change.is_some(),
        change_cue,
        period_cue,
        listed: listed.is_some(),
        unit: mention.currency.is_some() || mention.unit.is_some(),
        reinterpreted: as_written.is_some(),
    });
    Some(Proposal {
        metric: metric_id.map(|m| match change {
            Some(c) => format!("{}.{}", m.id, c.suffix()),
            None => m.id.clone(),
        }),
        period,
        value,
        figure,
        as_written,
        guidance: forward,
        dims,
        subject,
        confidence,
        note,
    })
}

/// Whether a mention is written as a percentage or in basis points.
fn is_percent_unit(mention: &Mention) -> bool {
    mention.unit.as_deref().is_some_and(|u| {
        let u = u.to_ascii_lowercase();
        u == "%"
            || u.starts_with("percent")
            || u.starts_with("per cent")
            || u.starts_with("basis")
            || u == "bps"
            || u == "bp"
            || u.contains("point")
    })
}
