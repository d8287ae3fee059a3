//! Recursion: a model that contains itself, directly or through other models,
//! has infinite size unless the cycle passes through a heap pointer. `Vec` and
//! maps already are one; other fields and union variants on a cycle get a `Box`.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::ir::{Model, ModelKind, TypeRef};

/// The model a value of `ty` stores inline, if any.
fn inline_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Model(id) => Some(id),
        TypeRef::Nullable(inner) => inline_target(inner),
        _ => None,
    }
}

/// The model at the core of `ty`, through `null`, arrays and maps.
fn core_model(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Model(id) => Some(id),
        TypeRef::Nullable(inner) | TypeRef::Array(inner) | TypeRef::Map(inner) => core_model(inner),
        _ => None,
    }
}

/// For each model, and each of its fields or variants in order, the position of
/// the model at the core of its type: every search over the models' graph (the
/// three below, and ordering union variants) reads it. Resolving records each
/// as it looks the name up, so no id is looked up again (at 100k models, one
/// lookup per search was a fifth of resolving, one for all of them 6%).
#[derive(Debug, PartialEq)]
pub(super) struct Targets(pub(super) Vec<Vec<Option<Target>>>);

/// The model at the core of a field's or variant's type, and whether the value
/// holds it inline (not behind a `Vec` or map): recorded as the type is
/// resolved, as at 100k models reading each type again costs a cache miss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Target {
    pub model: usize,
    pub inline: bool,
}

impl Targets {
    /// Resolving finds the targets as it looks names up; this finds them again from
    /// the models alone, to check those (in debug builds, so in every test).
    pub(super) fn of(models: &[Model]) -> Targets {
        let index: HashMap<&str, usize> = models.iter().enumerate().map(|(i, m)| (&*m.id, i)).collect();
        let slot = |ty: &TypeRef| {
            let model = core_model(ty).and_then(|id| index.get(id).copied())?;
            Some(Target { model, inline: inline_target(ty).is_some() })
        };
        Targets(
            models
                .iter()
                .map(|m| match &m.kind {
                    ModelKind::Struct { fields, .. } => fields.iter().map(|f| slot(&f.ty)).collect(),
                    ModelKind::Union { variants } => variants.iter().map(|v| slot(&v.ty)).collect(),
                    _ => Vec::new(),
                })
                .collect(),
        )
    }

    /// The position of the model at the core of the type of `model`'s `slot`th
    /// field or variant.
    pub(super) fn get(&self, model: usize, slot: usize) -> Option<usize> {
        self.target(model, slot).map(|t| t.model)
    }

    fn target(&self, model: usize, slot: usize) -> Option<Target> {
        self.0.get(model).and_then(|slots| slots.get(slot)).copied().flatten()
    }

    /// The model that `model`'s `slot`th field or variant holds inline, if any.
    fn inline(&self, model: usize, slot: usize) -> Option<usize> {
        self.target(model, slot).filter(|t| t.inline).map(|t| t.model)
    }

    /// How many fields or variants `model` has.
    fn slots(&self, model: usize) -> usize {
        self.0.get(model).map_or(0, Vec::len)
    }

    /// For each model that passes `from`, the positions of the models it holds
    /// inline through the fields or variants that pass `holds`, kept when their
    /// kind passes `keep`: the graph a cycle search walks.
    fn edges(
        &self,
        models: &[Model],
        from: impl Fn(&Model) -> bool,
        holds: impl Fn(&Model, usize) -> bool,
        keep: impl Fn(&ModelKind) -> bool,
    ) -> Vec<Vec<usize>> {
        // Cheapest test first: at 100k models each model, field or target read is
        // a cache miss, and most fields hold no model inline.
        let edges = |i: usize, m: &Model| -> Vec<usize> {
            (0..self.slots(i)).filter_map(|s| self.inline(i, s).filter(|&t| holds(m, s) && keep(&models[t].kind))).collect()
        };
        models.iter().enumerate().map(|(i, m)| if from(m) { edges(i, m) } else { Vec::new() }).collect()
    }
}

/// Whether `m`'s `slot`th field holds a model that must be present and cannot be
/// `null` (a field whose nullability is unknown may take `null`).
fn required(m: &Model, slot: usize) -> bool {
    match &m.kind {
        ModelKind::Struct { fields, .. } => fields
            .get(slot)
            .is_some_and(|f| f.required && f.nullable == Some(false) && matches!(f.ty, TypeRef::Model(_))),
        _ => false,
    }
}

pub(super) fn box_recursion(models: &mut [Model], targets: &Targets) {
    let edges = targets.edges(models, |_| true, |_, _| true, |_| true);
    let component = strongly_connected(&edges);
    // Every field and variant starts unboxed, and only those on a cycle change:
    // at 100k models, writing each one's flag cost a cache miss apiece.
    let on_cycle: Vec<(usize, usize)> = (0..models.len())
        .flat_map(|i| (0..targets.slots(i)).map(move |s| (i, s)))
        .filter(|&(i, s)| targets.inline(i, s).is_some_and(|to| component[to] == component[i]))
        .collect();
    for (i, s) in on_cycle {
        let boxed = match &mut models[i].kind {
            ModelKind::Struct { fields, .. } => fields.get_mut(s).map(|f| &mut f.boxed),
            ModelKind::Union { variants } => variants.get_mut(s).map(|v| &mut v.boxed),
            _ => None,
        };
        if let Some(boxed) = boxed {
            *boxed = true;
        }
    }
}

/// The groups of nodes that lie on a cycle (a component of two or more, or one
/// node with an edge to itself), each sorted.
fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let component = strongly_connected(edges);
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (node, &c) in component.iter().enumerate() {
        groups.entry(c).or_default().push(node);
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|g| g.len() > 1 || edges[g[0]].contains(&g[0]))
        .collect();
    out.sort();
    out
}

/// The models of a cycle, named up to [`NAMED`] of them: a synthetic or hostile
/// tree can put thousands on one cycle, and a message is read by a person.
fn names(models: &[Model], group: &[usize]) -> String {
    let named: Vec<String> = group.iter().take(NAMED).map(|&i| format!("`{}`", models[i].rust_name)).collect();
    match group.len().saturating_sub(NAMED) {
        0 => named.join(", "),
        more => format!("{} and {more} more", named.join(", ")),
    }
}

/// How many models of a cycle a message names.
const NAMED: usize = 8;

/// Unions that hold one another inline with no other type between them: to read
/// JSON, each tries the other first with the same value, which never ends. (Any
/// struct, `Vec` or map on the way reads one level of the JSON, so those end.)
pub(super) fn union_cycles(models: &[Model], targets: &Targets) -> Vec<Diagnostic> {
    let union = |k: &ModelKind| matches!(k, ModelKind::Union { .. });
    let edges = targets.edges(models, |m| union(&m.kind), |_, _| true, union);
    cycles(&edges)
        .into_iter()
        .map(|group| {
            let first = &models[group[0]];
            let msg = if group.len() == 1 {
                format!("union `{}` has itself as a member: reading JSON into it would never end", first.rust_name)
            } else {
                format!("unions {} are members of one another: reading JSON into them would never end", names(models, &group))
            };
            Diagnostic::error("E0044", msg)
                .at(first.source.clone())
                .help("a union's members must reach a struct, enum, scalar, array or map without passing through the union again")
        })
        .collect()
}

/// Structs that hold themselves through required, non-nullable fields only: the
/// code compiles (the cycle is boxed), but no finite JSON value fits them.
pub(super) fn endless_structs(models: &[Model], targets: &Targets) -> Vec<Diagnostic> {
    let structure = |k: &ModelKind| matches!(k, ModelKind::Struct { .. });
    let edges = targets.edges(models, |m| structure(&m.kind), required, structure);
    cycles(&edges)
        .into_iter()
        .map(|group| {
            let first = &models[group[0]];
            let msg = format!(
                "{} can never be read from JSON: {} contain{} {} through required, non-nullable fields only, so a value would never end",
                names(models, &group),
                if group.len() == 1 { "it" } else { "they" },
                if group.len() == 1 { "s" } else { "" },
                if group.len() == 1 { "itself" } else { "one another" },
            );
            Diagnostic::warning("W0009", msg)
                .at(first.source.clone())
                .help("the fields of the cycle are boxed; if the API ends the chain with `null` or a missing key, mark one of them optional in the docs")
        })
        .collect()
}

/// Tarjan's algorithm without recursion (hostile trees can chain thousands of
/// models): the component number of each node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut stack, mut on_stack) = (Vec::new(), vec![false; n]);
    let (mut counter, mut components) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next)) = call.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                if order[to] == UNSEEN {
                    order[to] = counter;
                    low[to] = counter;
                    counter += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    call.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let c = strongly_connected(&[vec![1], vec![2], vec![0], vec![3], vec![]]);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[3] && c[4] != c[0]);
    }

    #[test]
    fn long_chain_does_not_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected(&edges);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}
