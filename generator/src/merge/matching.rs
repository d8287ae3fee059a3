//! Which model of one tree is which model of another. SDKs of one API name the
//! same schema their own way (an inline schema after the place it sits in,
//! acronyms in their own case: `VerificationSAML`, `VerificationSaml`), so
//! models are paired by title, then by Rust name without case, then through
//! the fields and members of models already paired, then by shape (the keys of
//! a struct, the values of an enum) where one model of each tree has it.
//! `cargo xtask agree` compares trees through the same pairs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::dialect::Blind;
use crate::ir::{Field, Ir, Model, ModelKind, TypeRef};

/// How a pair of models was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum By {
    /// The same title, or the same Rust name but for case.
    Title,
    /// The types of two paired fields (or members of paired unions).
    Field,
    /// The same keys or values, found in one model of each tree only.
    Shape,
}

/// The pairs of models of a primary and a secondary IR, by position in each.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    /// For each primary model: its secondary twin and how it was found.
    pub primary: Vec<Option<(usize, By)>>,
    /// For each secondary model: its primary twin.
    pub secondary: Vec<Option<usize>>,
}

impl Pairing {
    /// How many pairs were found `by`.
    pub fn count(&self, by: By) -> usize {
        self.primary.iter().flatten().filter(|(_, b)| *b == by).count()
    }

    fn link(&mut self, p: usize, s: usize, by: By) {
        self.primary[p] = Some((s, by));
        self.secondary[s] = Some(p);
    }

    fn free(&self, p: usize, s: usize) -> bool {
        self.primary[p].is_none() && self.secondary[s].is_none()
    }
}

/// Pairs the models of `p` and `s`.
pub fn pair(p: &Ir, s: &Ir) -> Pairing {
    let mut pairing = Pairing { primary: vec![None; p.models.len()], secondary: vec![None; s.models.len()] };
    let sides = Sides { p, s, pb: crate::dialect::blind(&p.dialect), sb: crate::dialect::blind(&s.dialect) };
    by_key(&sides, &mut pairing, |m| m.title.clone());
    by_key(&sides, &mut pairing, |m| m.rust_name.to_lowercase());
    let mut queue: Vec<(usize, usize)> = pairing.primary.iter().enumerate().filter_map(|(i, t)| Some((i, t.as_ref()?.0))).collect();
    loop {
        through_fields(&sides, &mut pairing, queue);
        queue = by_shape(&sides, &mut pairing);
        if queue.is_empty() {
            return pairing;
        }
    }
}

/// The two IRs and what each one's dialect cannot state.
struct Sides<'a> {
    p: &'a Ir,
    s: &'a Ir,
    pb: Blind,
    sb: Blind,
}

/// Pairs the unpaired models that share a key: one with one, or module by module
/// where a key repeats (`shared::User`, `operations::User`).
fn by_key(sides: &Sides<'_>, pairing: &mut Pairing, key: impl Fn(&Model) -> String) {
    let group = |ir: &Ir, free: &dyn Fn(usize) -> bool| {
        let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        ir.models.iter().enumerate().filter(|(i, _)| free(*i)).for_each(|(i, m)| map.entry(key(m)).or_default().push(i));
        map
    };
    let ps = group(sides.p, &|i| pairing.primary[i].is_none());
    let ss = group(sides.s, &|i| pairing.secondary[i].is_none());
    let alike = |a: usize, b: usize| alike(&sides.p.models[a], &sides.s.models[b]);
    for (k, pm) in &ps {
        let Some(sm) = ss.get(k) else { continue };
        for &a in pm {
            let same_module = sm.iter().copied().find(|&b| pairing.free(a, b) && alike(a, b) && sides.s.models[b].module == sides.p.models[a].module);
            if let Some(b) = same_module {
                pairing.link(a, b, By::Title);
            }
        }
        let left_p: Vec<usize> = pm.iter().copied().filter(|&a| pairing.primary[a].is_none()).collect();
        let left_s: Vec<usize> = sm.iter().copied().filter(|&b| pairing.secondary[b].is_none()).collect();
        if let ([a], [b]) = (&left_p[..], &left_s[..]) {
            if alike(*a, *b) {
                pairing.link(*a, *b, By::Title);
            }
        }
    }
}

/// Whether two models of one name (or in one place) may be one schema. Two
/// structs with no key in common are not (SDK versions differ in what a request
/// model wraps), nor two enums neither of whose values holds the other's (a
/// name as plain as `Type` or `QueryParamStatus` is given to several enums; a
/// newer version of one enum only adds values): those are left to the other
/// ways of pairing.
fn alike(a: &Model, b: &Model) -> bool {
    let (x, y) = (shape(a), shape(b));
    if x.0 != y.0 || x.1.is_empty() || y.1.is_empty() {
        return true;
    }
    match x.0 {
        "struct" => !x.1.is_disjoint(&y.1),
        "enum" => x.1.is_subset(&y.1) || y.1.is_subset(&x.1),
        _ => true,
    }
}

/// Pairs the models that the fields (and union members) of paired models hold,
/// from each new pair on, until no new pair is found.
fn through_fields(sides: &Sides<'_>, pairing: &mut Pairing, mut queue: Vec<(usize, usize)>) {
    while let Some((a, b)) = queue.pop() {
        let (ma, mb) = (&sides.p.models[a], &sides.s.models[b]);
        let found: Vec<(usize, usize)> = match (&ma.kind, &mb.kind) {
            (ModelKind::Struct { fields: fa, .. }, ModelKind::Struct { fields: fb, .. }) => {
                let twins = pair_fields(fa, sides.pb, fb, sides.sb);
                twins.iter().enumerate().filter_map(|(i, j)| held(sides, &fa[i].ty, &fb[(*j)?].ty)).collect()
            }
            (ModelKind::Union { variants: va }, ModelKind::Union { variants: vb }) => {
                let ta: Vec<&TypeRef> = va.iter().map(|v| &v.ty).collect();
                let tb: Vec<&TypeRef> = vb.iter().map(|v| &v.ty).collect();
                members(sides, pairing, &ta, &tb)
            }
            _ => Vec::new(),
        };
        for (x, y) in found {
            let (mx, my) = (&sides.p.models[x], &sides.s.models[y]);
            if pairing.free(x, y) && compatible(&mx.kind, &my.kind) && alike(mx, my) {
                pairing.link(x, y, By::Field);
                queue.push((x, y));
            }
        }
    }
}

/// The models two types hold in the same place (through the same arrays and
/// maps; `null` aside, which dialects state differently).
fn held(sides: &Sides<'_>, a: &TypeRef, b: &TypeRef) -> Option<(usize, usize)> {
    let (pa, ia) = core(a);
    let (pb, ib) = core(b);
    if pa != pb {
        return None;
    }
    Some((index(sides.p, ia?)?, index(sides.s, ib?)?))
}

/// The unpaired models two unions hold as members: the one left on each side,
/// or those whose shapes match one to one.
fn members(sides: &Sides<'_>, pairing: &Pairing, a: &[&TypeRef], b: &[&TypeRef]) -> Vec<(usize, usize)> {
    let free = |ir: &Ir, types: &[&TypeRef], paired: &dyn Fn(usize) -> bool| -> Vec<usize> {
        types.iter().filter_map(|t| index(ir, core(t).1?)).filter(|&i| !paired(i)).collect()
    };
    let fa = free(sides.p, a, &|i| pairing.primary[i].is_some());
    let fb = free(sides.s, b, &|i| pairing.secondary[i].is_some());
    if let ([x], [y]) = (&fa[..], &fb[..]) {
        return vec![(*x, *y)];
    }
    // Ordered maps: the pairs found must not depend on a hash's seed.
    let shapes = |ir: &Ir, list: &[usize]| -> BTreeMap<Shape, Vec<usize>> {
        let mut map: BTreeMap<Shape, Vec<usize>> = BTreeMap::new();
        list.iter().for_each(|&i| map.entry(shape(&ir.models[i])).or_default().push(i));
        map
    };
    let (sa, sb) = (shapes(sides.p, &fa), shapes(sides.s, &fb));
    sa.iter().filter_map(|(k, x)| match (&x[..], sb.get(k).map(Vec::as_slice)) {
        ([x], Some([y])) => Some((*x, *y)),
        _ => None,
    }).collect()
}

/// Pairs unpaired structs and enums whose shape one model of each tree has;
/// the new pairs.
fn by_shape(sides: &Sides<'_>, pairing: &mut Pairing) -> Vec<(usize, usize)> {
    let shapes = |ir: &Ir, free: &dyn Fn(usize) -> bool| {
        let mut map: BTreeMap<Shape, Vec<usize>> = BTreeMap::new();
        for (i, m) in ir.models.iter().enumerate().filter(|(i, _)| free(*i)) {
            let s = shape(m);
            if !s.1.is_empty() && matches!(s.0, "struct" | "enum") {
                map.entry(s).or_default().push(i);
            }
        }
        map
    };
    let sa = shapes(sides.p, &|i| pairing.primary[i].is_none());
    let sb = shapes(sides.s, &|i| pairing.secondary[i].is_none());
    let mut found = Vec::new();
    for (k, x) in &sa {
        if let ([x], Some([y])) = (&x[..], sb.get(k).map(Vec::as_slice)) {
            pairing.link(*x, *y, By::Shape);
            found.push((*x, *y));
        }
    }
    found
}

/// Whether two models may be one: of one kind, or one says nothing (a doc with no
/// fields or members: Java documents unions so).
fn compatible(a: &ModelKind, b: &ModelKind) -> bool {
    kind_name(a) == kind_name(b) || matches!(a, ModelKind::Open { .. }) || matches!(b, ModelKind::Open { .. })
}

/// A model's kind and its keys (squashed, see [`squash`]) or values.
pub type Shape = (&'static str, BTreeSet<String>);

/// A model's kind and its field keys (squashed: dialects that print converted
/// names infer keys in another case) or enum values; unions and open models
/// have no shape of their own.
pub fn shape(m: &Model) -> Shape {
    let facts = match &m.kind {
        ModelKind::Struct { fields, .. } => fields.iter().map(|f| squash(&f.wire_name)).collect(),
        ModelKind::Enum { values, .. } => values.iter().map(|v| v.wire.clone()).collect(),
        ModelKind::Union { .. } | ModelKind::Open { .. } => BTreeSet::new(),
    };
    (kind_name(&m.kind), facts)
}

pub fn kind_name(kind: &ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct { .. } => "struct",
        ModelKind::Enum { .. } => "enum",
        ModelKind::Union { .. } => "union",
        ModelKind::Open { .. } => "open",
    }
}

/// A key without case or separators: `user_id`, `userId` and `UserID` are one,
/// and so are `_links` and `links`.
pub fn squash(key: &str) -> String {
    key.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The arrays and maps around the model at the core of `ty` (`null` aside),
/// and that model's id.
fn core(ty: &TypeRef) -> (String, Option<&str>) {
    let mut path = String::new();
    let mut ty = ty;
    loop {
        ty = match ty {
            TypeRef::Array(inner) => {
                path.push('[');
                inner
            }
            TypeRef::Map(inner) => {
                path.push('{');
                inner
            }
            TypeRef::Nullable(inner) => inner,
            TypeRef::Model(id) => return (path, Some(id)),
            _ => return (path, None),
        };
    }
}

/// The position of the model `id` in `ir` (models are sorted by id).
pub fn index(ir: &Ir, id: &str) -> Option<usize> {
    ir.models.binary_search_by(|m| (*m.id).cmp(id)).ok()
}

/// For each field of `a`, its twin in `b`: the field with the same key, else the
/// one whose key is the same but for case and separators, where one side's key
/// is inferred from a converted name (`links` for `_links`) and no other field
/// of either side squashes alike.
pub fn pair_fields(a: &[Field], ab: Blind, b: &[Field], bb: Blind) -> Vec<Option<usize>> {
    let exact: HashMap<&str, usize> = b.iter().enumerate().rev().map(|(j, f)| (f.wire_name.as_str(), j)).collect();
    let mut twins: Vec<Option<usize>> = a.iter().map(|f| exact.get(f.wire_name.as_str()).copied()).collect();
    let taken: BTreeSet<usize> = twins.iter().flatten().copied().collect();
    let squashed = |fields: &[Field], free: &dyn Fn(usize) -> bool| {
        let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        fields.iter().enumerate().filter(|(i, _)| free(*i)).for_each(|(i, f)| map.entry(squash(&f.wire_name)).or_default().push(i));
        map
    };
    let sa = squashed(a, &|i| twins[i].is_none());
    let sb = squashed(b, &|j| !taken.contains(&j));
    for (k, xs) in &sa {
        if let ([i], Some([j])) = (&xs[..], sb.get(k).map(Vec::as_slice)) {
            if !states_key(&a[*i], ab) || !states_key(&b[*j], bb) {
                twins[*i] = Some(*j);
            }
        }
    }
    twins
}

/// Whether a field's key is as the API spells it: printed by the docs (Ruby,
/// Python), or set by the user (`--wire-name`); not inferred from a converted name.
pub fn states_key(f: &Field, blind: Blind) -> bool {
    !blind.wire_names || (!f.wire_name_inferred && !by_evidence(f))
}

/// Whether the field's key is the case its tree's evidence names: a tree
/// that states the key knows better.
pub fn by_evidence(f: &Field) -> bool {
    f.from.iter().any(|p| p.fact == crate::ir::Fact::WireName && p.tree == crate::keys::EVIDENCE)
}

/// Whether a tree's field states its key: its dialect prints keys, or its
/// SDK's sources gave it.
pub fn gives_key(g: &Field, blind: Blind) -> bool {
    let from_sources = g.from.iter().any(|p| p.fact == crate::ir::Fact::WireName && p.tree != crate::keys::EVIDENCE);
    !blind.wire_names || from_sources
}
