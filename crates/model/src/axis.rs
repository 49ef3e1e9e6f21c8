//! Axes and their members, as the `[[axis]]` tables of a taxonomy file give them:
//! members are ids (`"engine"`) or tables that also give the label briefs
//! show (`{ id = "middle-east", label = "Middle East" }`).
//!
//! Ids are what data files, formulas and exports use; labels are
//! presentation only, so a member without one is shown by a label made
//! from its id ([`default_member_label`]). Reading the tables is
//! `parse/axis_decl.rs`.

/// An axis (an XBRL dimension): segment, region, product...
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Axis {
    /// Its id.
    pub id: String,
    /// Its label, when the taxonomy gives one.
    pub label: Option<String>,
    /// Its members, in declaration order.
    pub members: Vec<Member>,
    /// Whether the members are disjoint and together make the company
    /// total (`partition = true`), so that their sum is reconciled with it.
    pub partition: bool,
}

/// A member of an axis: the id facts name it by and the label briefs show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    /// Its id, a lowercase slug (`middle-east`): what data files, formulas
    /// and exports use.
    pub id: String,
    /// Its label (`Middle East`): the one the taxonomy gives, else
    /// [`default_member_label`] of the id.
    pub label: String,
}

impl Axis {
    /// A member by id.
    ///
    /// ```
    /// use qbrief_model::{Axis, Member};
    /// let axis = Axis {
    ///     id: "region".into(),
    ///     label: None,
    ///     members: vec![Member { id: "middle-east".into(), label: "Middle East".into() }],
    ///     partition: false,
    /// };
    /// assert_eq!(axis.member("middle-east").unwrap().label, "Middle East");
    /// assert!(axis.member("asia").is_none());
    /// ```
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The member ids, in declaration order.
    pub fn member_ids(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| m.id.as_str())
    }
}

/// The label of a member whose taxonomy gives none: its id with hyphens and
/// underscores as spaces and the first letter capitalised, the way metric
/// labels are written ("Gross margin").
///
/// ```
/// use qbrief_model::default_member_label;
/// assert_eq!(default_member_label("middle-east"), "Middle east");
/// assert_eq!(default_member_label("a15-series"), "A15 series");
/// ```
pub fn default_member_label(id: &str) -> String {
    let mut chars = id
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c });
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
