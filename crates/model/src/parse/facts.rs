//! Reading the `[[fact]]` and `[[ignore]]` tables of a source document's
//! data file: each stated figure with its metric, period, value, speaker,
//! evidence and axis members, checked against the company's vocabulary; and
//! the numbers a document states that are deliberately not facts.

use chrono::NaiveDate;
use toml::de::DeTable;

use super::toml_cx::{Cx, Required};
use super::toml_tree::Table;
use crate::company::CompanyId;
use crate::diagnostic::{Diagnostic, DiagnosticKind as K};
use crate::fact::Dims;
use crate::fact::{word_count, AsOf, Document, Fact, Speaker, MAX_EVIDENCE_WORDS};
use crate::metric::{closest, MetricKey, SignConvention};
use crate::suggest::builtin_home;
use crate::taxonomy::Vocabulary;
use crate::value::parse_value;

const IGNORE_KEYS: &[&str] = &["evidence", "reason"];
const FACT_KEYS: &[&str] = &[
    "metric",
    "period",
    "subject",
    "as_of",
    "value",
    "speaker",
    "evidence",
    "as_written",
    "note",
    "preferred",
    "dims",
    "guidance",
    "draft",
];

impl<'s> Cx<'s> {
    pub(super) fn fact(
        &mut self,
        table: &Table<'_, '_>,
        document: Option<&Document>,
        speakers: &[Speaker],
        (company, fiscal_year_end): (&CompanyId, u32),
        vocabulary: &Vocabulary,
    ) -> Option<Fact> {
        let span = self.table_span(table);
        let location = self.source.location(span.clone());
        self.unknown_keys(table, FACT_KEYS, "[[fact]]");
        let metric = self.string(table, "metric", Required::Yes, span.clone());
        let value = self.string(table, "value", Required::Yes, span.clone());
        let period = self.string(table, "period", Required::No, span.clone());
        let subject = self.string(table, "subject", Required::No, span.clone());
        let as_of = self.string(table, "as_of", Required::No, span.clone());
        let speaker_required = if speakers.is_empty() {
            Required::No
        } else {
            Required::Yes
        };
        let speaker = self.string(table, "speaker", speaker_required, span.clone());
        let guidance = self.boolean(table, "guidance").is_some_and(|(b, _)| b);
        let draft = self.boolean(table, "draft").is_some_and(|(b, _)| b);
        if draft && metric.as_ref().is_some_and(|(m, _)| m == "?") {
            self.push(
                Diagnostic::warning(K::Draft, "draft fact without a metric")
                    .at(self.source, span.clone())
                    .with_hint("choose its metric (`qbrief metrics`), or delete the fact, or move the phrase to an [[ignore]] entry with a reason"),
            );
            return None;
        }
        let dims_written = self.string_map(table, "dims");
        let evidence = self.string(table, "evidence", Required::Yes, span.clone());
        let as_written = self.string(table, "as_written", Required::No, span.clone());
        let note = self.string(table, "note", Required::No, span.clone());
        let preferred = self.boolean(table, "preferred").is_some_and(|(b, _)| b);

        let metric_text = metric.as_ref().map(|(m, _)| m.clone());
        // A draft proposed from a built-in taxonomy the company has not chosen
        // yet is a question for the reviewer, not an error; its value is in
        // that taxonomy's units, so nothing more of it is checked here.
        if let Some(((id, id_span), home)) = metric
            .as_ref()
            .filter(|(id, _)| {
                draft
                    && vocabulary
                        .metric(id.split('.').next().unwrap_or(id))
                        .is_none()
            })
            .and_then(|m| Some((m, builtin_home(vocabulary, &m.0)?)))
        {
            self.push(
                Diagnostic::warning(
                    K::Draft,
                    format!("draft fact's metric \"{id}\" is not in the company's taxonomies"),
                )
                .at(self.source, id_span.clone())
                .with_hint(home.hint()),
            );
            return None;
        }
        let metric = metric.and_then(|(id, id_span)| {
            let found = MetricKey::split(&id).and_then(|(base, change)| match vocabulary.metric(base) {
                Some(m) => Ok(MetricKey { metric: m.clone(), change }),
                None => Err(vocabulary.suggest(base).map(|s| match change {
                    Some(c) => format!("{s}.{}", c.suffix()),
                    None => s,
                })),
            });
            match found {
                Ok(key) => Some(key),
                Err(suggestion) => {
                    let d = Diagnostic::error(K::UnknownMetric, format!("unknown metric \"{id}\"")).at(self.source, id_span);
                    let d = match (builtin_home(vocabulary, &id), suggestion) {
                        (Some(home), _) => d.with_hint(home.hint()),
                        (None, suggestion) => match suggestion {
                        Some(s) => d.with_hint(format!("did you mean \"{s}\"?")),
                        None => d.with_hint(format!(
                            "the company's taxonomies ({}) do not define it: `qbrief metrics` lists their metrics; define new ones in the company's taxonomy.toml",
                            vocabulary.taxonomies.join(", ")
                        )),
                        },
                    };
                    self.push(d);
                    None
                }
            }
        });
        let period = match period {
            Some((p, s)) => self.period(&p, s),
            None => document.map(|d| d.period),
        };
        let about = |d: Diagnostic| d.about(Some(company.as_str()), period, metric_text.clone());

        let dims = self.dims(dims_written, vocabulary)?;
        let subject = match (&metric, subject) {
            (Some(key), None) if key.metric.per_subject => {
                self.push(
                    about(Diagnostic::error(K::MissingKey, format!("metric \"{key}\" is stated per product, customer or project and needs a subject")))
                        .at(self.source, span.clone())
                        .with_hint("add subject = \"...\" naming the model, customer or project, e.g. subject = \"A15 Pro\""),
                );
                return None;
            }
            (_, Some((s, s_span))) if s.trim().is_empty() => {
                self.push(
                    about(Diagnostic::error(K::InvalidField, "subject is empty"))
                        .at(self.source, s_span),
                );
                return None;
            }
            (_, s) => s.map(|(s, _)| s),
        };
        let as_of = match as_of {
            Some((text, _)) if text == "unstated" => Some(AsOf::Unstated),
            Some((text, d_span)) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(date) => {
                    if let Some(p) = period {
                        let (start, end) = p.dates(fiscal_year_end);
                        if date < start || date > end {
                            self.push(
                                about(Diagnostic::error(K::InvalidField, format!("as_of {date} is outside {p} ({start} to {end})")))
                                    .at(self.source, d_span)
                                    .with_hint("a figure measured on a date belongs to the period that contains the date"),
                            );
                            return None;
                        }
                    }
                    Some(AsOf::Date(date))
                }
                Err(_) => {
                    self.push(
                        about(Diagnostic::error(
                            K::InvalidField,
                            format!("invalid as_of \"{text}\""),
                        ))
                        .at(self.source, d_span)
                        .with_hint("write a date as YYYY-MM-DD, for example \"2024-08-15\", or \"unstated\" for a day inside the period that the document does not give"),
                    );
                    return None;
                }
            },
            None => None,
        };

        let figure = value.as_ref().and_then(|(text, value_span)| {
            match parse_value(text, &vocabulary.units) {
                Ok(f) => Some(f),
                Err(e) => {
                    // Point at the offending character inside the quoted string.
                    let start =
                        (value_span.start + 1 + e.offset).min(value_span.end.saturating_sub(1));
                    let end = value_span.end.saturating_sub(1).max(start + 1);
                    let mut d = about(Diagnostic::error(
                        K::InvalidValue,
                        format!("invalid value \"{text}\": {}", e.message),
                    ))
                    .at(self.source, start..end);
                    if let Some(h) = e.hint {
                        d = d.with_hint(h);
                    }
                    self.push(d);
                    None
                }
            }
        });
        if let (Some(key), Some(f), Some((text, value_span))) =
            (&metric, figure.as_ref(), value.as_ref())
        {
            let expected = key.unit();
            if f.unit().dimension() != expected.dimension() {
                self.push(
                    about(Diagnostic::error(
                        K::WrongDimension,
                        format!(
                            "value \"{text}\" is {} but metric \"{key}\" takes {} ({})",
                            f.unit().dimension(),
                            expected.dimension(),
                            key.metric.unit_text,
                        ),
                    ))
                    .at(self.source, value_span.clone())
                    .with_hint(format!(
                        "write a value in {}{}",
                        expected.symbol(),
                        if key.change.is_some() {
                            " (a stated change is a percentage, or bps for a percentage metric)"
                        } else {
                            ""
                        }
                    )),
                );
                return None;
            }
            let negative = f.value().is_sign_negative() && !f.value().is_zero()
                || f.range()
                    .is_some_and(|(low, _)| low.is_sign_negative() && !low.is_zero());
            if key.sign() == SignConvention::NonNegative && negative {
                self.push(
                    about(Diagnostic::error(K::NegativeValue, format!("negative value \"{text}\" for \"{key}\", which cannot be negative")))
                        .at(self.source, value_span.clone())
                        .with_hint("counts, holdings, revenue and expenses are stated as positive amounts; a loss is a negative value of an income metric"),
                );
                return None;
            }
        }

        let speaker = match speaker {
            None => Some(None),
            Some((name, name_span)) => match speakers.iter().find(|s| s.name == name) {
                Some(s) => Some(Some(s.clone())),
                None => {
                    let names: Vec<&str> = speakers.iter().map(|s| s.name.as_str()).collect();
                    let hint = match closest(&name, &names) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => {
                            "declare the speaker in a [[speaker]] table with name and role".into()
                        }
                    };
                    self.push(
                        about(Diagnostic::error(
                            K::UnknownSpeaker,
                            format!("unknown speaker \"{name}\""),
                        ))
                        .at(self.source, name_span)
                        .with_hint(hint),
                    );
                    None
                }
            },
        };
        let evidence = evidence.and_then(|(text, ev_span)| {
            let words = word_count(&text);
            if words == 0 {
                self.push(about(Diagnostic::error(K::Evidence, "evidence is empty")).at(self.source, ev_span).with_hint(
                    "copy a verbatim phrase of the document, at most 12 words, that contains the figure",
                ));
                None
            } else if words > MAX_EVIDENCE_WORDS {
                self.push(
                    about(Diagnostic::error(K::Evidence, format!("evidence has {words} words; at most {MAX_EVIDENCE_WORDS} are allowed")))
                        .at(self.source, ev_span)
                        .with_hint("shorten it to the words around the figure"),
                );
                None
            } else {
                Some(text)
            }
        });
        if let (Some((written, w_span)), None) = (&as_written, &note) {
            self.push(
                about(Diagnostic::error(
                    K::MissingKey,
                    format!(
                        "as_written \"{written}\" needs a note that explains the reinterpretation"
                    ),
                ))
                .at(self.source, w_span.clone())
                .with_hint("add note = \"...\" saying how the figure as written was read"),
            );
            return None;
        }
        let document = document?;
        if draft {
            // A draft is checked like any fact, then held back from calc and
            // briefs until the author reviews it and removes the flag.
            self.push(
                Diagnostic::warning(K::Draft, format!("draft fact awaiting review: {} \"{}\"", metric.as_ref()?, value.as_ref()?.0))
                    .at(self.source, span)
                    .with_hint("check the metric, period and value against the evidence, then remove `draft = true`"),
            );
            return None;
        }
        Some(Fact {
            company: company.clone(),
            metric: metric?,
            period: period?,
            subject,
            as_of,
            figure: figure?,
            value_text: value?.0,
            source: document.id.clone(),
            speaker: speaker?,
            dims,
            guidance,
            evidence: evidence?,
            as_written: as_written.map(|(w, _)| w),
            note: note.map(|(n, _)| n),
            preferred,
            filed: document.kind == crate::fact::DocumentKind::Filing,
            location,
        })
    }
}

impl Cx<'_> {
    /// The `[[ignore]]` entries of a document file.
    pub(super) fn ignored(&mut self, root: &DeTable<'_>) -> Vec<crate::fact::Ignored> {
        let mut out = Vec::new();
        for table in &self.tables(root, "ignore") {
            let span = self.table_span(table);
            self.unknown_keys(table, IGNORE_KEYS, "[[ignore]]");
            let evidence = self.string(table, "evidence", Required::Yes, span.clone());
            let reason = self.string(table, "reason", Required::Yes, span.clone());
            let (Some((evidence, ev_span)), Some((reason, reason_span))) = (evidence, reason)
            else {
                continue;
            };
            if word_count(&evidence) == 0 || word_count(&evidence) > MAX_EVIDENCE_WORDS {
                self.push(
                    Diagnostic::error(
                        K::Evidence,
                        format!(
                            "ignored phrase has {} words; 1 to {MAX_EVIDENCE_WORDS} are allowed",
                            word_count(&evidence)
                        ),
                    )
                    .at(self.source, ev_span)
                    .with_hint("quote the words around the number"),
                );
                continue;
            }
            if reason.trim().is_empty() {
                self.push(
                    Diagnostic::error(K::InvalidField, "ignore needs a reason")
                        .at(self.source, reason_span)
                        .with_hint("say why the number is not a company figure: reason = \"length of the dividend record, not a result\""),
                );
                continue;
            }
            let location = self.source.location(span);
            out.push(crate::fact::Ignored {
                evidence,
                reason,
                location,
            });
        }
        out
    }

    /// Checks `dims = { axis = "member" }` against the taxonomies' axes.
    fn dims(
        &mut self,
        written: Option<Vec<super::toml_cx::KeyValue>>,
        vocabulary: &Vocabulary,
    ) -> Option<Dims> {
        let mut dims = Dims::new();
        let mut ok = true;
        for (axis, axis_span, member, member_span) in written.unwrap_or_default() {
            let Some(found) = vocabulary.axis(&axis) else {
                let ids: Vec<&str> = vocabulary.axes.iter().map(|a| a.id.as_str()).collect();
                let hint = closest(&axis, &ids)
                    .map(|s| format!("did you mean \"{s}\"?"))
                    .unwrap_or_else(|| "declare the axis in the company's taxonomy.toml: [[axis]] id = \"...\", members = [...]".into());
                self.push(
                    Diagnostic::error(K::UnknownAxis, format!("unknown axis \"{axis}\""))
                        .at(self.source, axis_span)
                        .with_hint(hint),
                );
                ok = false;
                continue;
            };
            if found.member(&member).is_none() {
                let members: Vec<&str> = found.member_ids().collect();
                let hint = closest(&member, &members)
                    .map(|s| format!("did you mean \"{s}\"?"))
                    .unwrap_or_else(|| {
                        format!("the members of \"{axis}\" are: {}", members.join(", "))
                    });
                self.push(
                    Diagnostic::error(
                        K::UnknownAxis,
                        format!("\"{member}\" is not a member of axis \"{axis}\""),
                    )
                    .at(self.source, member_span)
                    .with_hint(hint),
                );
                ok = false;
                continue;
            }
            dims.insert(axis, member);
        }
        ok.then_some(dims)
    }
}
