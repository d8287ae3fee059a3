//! Two trees' types of one field, compared: the same, better said by the
//! secondary (a fact the primary's dialect cannot state), or in conflict.

use super::matching::{self, Pairing};
use crate::dialect::{Blind, Stated};
use crate::ir::{Ir, ModelKind, TypeRef};

/// What the secondary's type adds to the primary's.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Verdict {
    /// Nothing: they agree, or the secondary's dialect cannot state the difference.
    Same,
    /// The primary's type with facts the secondary states and the primary cannot.
    Better(TypeRef),
    /// Both state it, differently.
    Conflict,
}

impl Verdict {
    /// The verdict on a container of the compared types (`[T]` for `T`).
    fn within(self, wrap: fn(Box<TypeRef>) -> TypeRef) -> Verdict {
        match self {
            Verdict::Better(t) => Verdict::Better(wrap(Box::new(t))),
            other => other,
        }
    }
}

/// The two IRs, their pairs of models, and what each dialect cannot state.
pub(super) struct Types<'a> {
    pub p: &'a Ir,
    pub s: &'a Ir,
    pub pairing: &'a Pairing,
    pub pb: Blind,
    pub sb: Blind,
    /// Secondary models that a paired field holds where the primary writes the
    /// same JSON with no model (a literal `"entry"` for an enum of one value):
    /// not models that only the secondary has.
    pub accounted: Vec<bool>,
}

impl Types<'_> {
    /// Compares the primary's type `a` with the secondary's `b`.
    pub fn compare(&mut self, a: &TypeRef, b: &TypeRef) -> Verdict {
        use TypeRef::*;
        match (a, b) {
            (Nullable(x), Nullable(y)) => self.compare(x, y).within(Nullable),
            (x, Nullable(y)) if self.pb.nullability == Stated::Never => match self.compare(x, y) {
                Verdict::Same => Verdict::Better(Nullable(Box::new(x.clone()))),
                Verdict::Better(t) => Verdict::Better(Nullable(Box::new(t))),
                Verdict::Conflict => Verdict::Conflict,
            },
            (Nullable(x), y) if self.sb.nullability == Stated::Never => self.compare(x, y).within(Nullable),
            (Array(x), Array(y)) => self.compare(x, y).within(Array),
            (Map(x), Map(y)) => self.compare(x, y).within(Map),
            (Number, Integer | Float) => Verdict::Better(b.clone()),
            (Integer | Float, Number) => Verdict::Same,
            (Date, DateTime) | (DateTime, Date) => self.dates(b),
            (String | Any, Binary) if self.pb.binary => Verdict::Better(Binary),
            (Binary, String | Any) if self.sb.binary => Verdict::Same,
            (Model(x), Model(y)) => self.models(x, y),
            (Model(x), y) if single_member(self.p, x).is_some() => match single_member(self.p, x).map(|m| self.compare(m, y)) {
                Some(Verdict::Conflict) => Verdict::Conflict,
                _ => Verdict::Same,
            },
            (x, Model(y)) if single_member(self.s, y).is_some() => match single_member(self.s, y) {
                Some(m) => self.compare(x, m),
                None => Verdict::Conflict,
            },
            (String | Integer | Float | Number | Boolean, Model(y)) if one_value(self.s, y) => {
                if let Some(i) = matching::index(self.s, y) {
                    self.accounted[i] = true;
                }
                Verdict::Same
            }
            (Model(x), String | Integer | Float | Number | Boolean) if one_value(self.p, x) => Verdict::Same,
            (x, y) if x == y => Verdict::Same,
            _ => Verdict::Conflict,
        }
    }

    /// A date against a timestamp: the secondary's where the primary's dialect has
    /// one type for both and the secondary's two.
    fn dates(&self, b: &TypeRef) -> Verdict {
        match (self.pb.dates, self.sb.dates) {
            (true, false) => Verdict::Better(b.clone()),
            (_, true) => Verdict::Same,
            (false, false) => Verdict::Conflict,
        }
    }

    /// Two models agree when they are paired, or have one shape (two names for
    /// one schema that pairing did not find).
    fn models(&mut self, x: &str, y: &str) -> Verdict {
        let (Some(ix), Some(iy)) = (matching::index(self.p, x), matching::index(self.s, y)) else {
            return Verdict::Conflict;
        };
        if self.pairing.secondary[iy] == Some(ix) {
            return Verdict::Same;
        }
        let (mx, my) = (&self.p.models[ix], &self.s.models[iy]);
        // SDKs name inline schemas after their place, and two places may swap
        // names between trees: the same keys (or values) are the same schema.
        let (sx, sy) = (matching::shape(mx), matching::shape(my));
        let same_shape = sx == sy && !sx.1.is_empty();
        if same_shape || matches!(my.kind, ModelKind::Open { .. }) {
            self.accounted[iy] = true;
            return Verdict::Same;
        }
        // A union of one member on either side is that member.
        let x = TypeRef::Model(mx.id.clone());
        if let Some(member) = single_member(self.s, y).cloned() {
            let verdict = self.compare(&x, &member);
            if verdict != Verdict::Conflict {
                self.accounted[iy] = true;
            }
            return verdict;
        }
        match single_member(self.p, &mx.id).cloned().map(|member| self.compare(&member, &TypeRef::Model(my.id.clone()))) {
            Some(Verdict::Conflict) | None => Verdict::Conflict,
            Some(_) => Verdict::Same,
        }
    }

    /// The secondary's type in the primary's terms: each model it names as its
    /// primary twin; `None` where a model has none.
    pub fn translate(&self, ty: &TypeRef) -> Option<TypeRef> {
        use TypeRef::*;
        Some(match ty {
            Nullable(x) => Nullable(Box::new(self.translate(x)?)),
            Array(x) => Array(Box::new(self.translate(x)?)),
            Map(x) => Map(Box::new(self.translate(x)?)),
            Model(id) => {
                let twin = self.pairing.secondary[matching::index(self.s, id)?]?;
                Model(self.p.models[twin].id.clone())
            }
            other => other.clone(),
        })
    }
}

/// The one member of a union of one type: some SDKs keep such a union, others
/// use the member itself, and the JSON is the same.
pub(crate) fn single_member<'a>(ir: &'a Ir, id: &str) -> Option<&'a TypeRef> {
    match &ir.model(id)?.kind {
        ModelKind::Union { variants } if variants.len() == 1 => Some(&variants[0].ty),
        _ => None,
    }
}

/// Whether `id` is an enum of one value: what another SDK writes as a literal
/// type (`*"entry"*`, `Literal["entry"]`), read as the value's type.
fn one_value(ir: &Ir, id: &str) -> bool {
    matches!(&ir.model(id).map(|m| &m.kind), Some(ModelKind::Enum { values, .. }) if values.len() == 1)
}
